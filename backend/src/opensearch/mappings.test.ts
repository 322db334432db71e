import { flowMappings, idsMappings, nestProperties, resultsMappings, syslogMappings } from './mappings';
import { templateBody, vigilTemplates } from './templates';

describe('nestProperties', () => {
  it('turns dotted names into object paths and merges shared prefixes', () => {
    expect(nestProperties({ 'id.orig_h': { type: 'ip' }, 'id.resp_p': { type: 'long' }, src: { type: 'ip' } })).toEqual({
      id: { properties: { orig_h: { type: 'ip' }, resp_p: { type: 'long' } } },
      src: { type: 'ip' },
    });
  });
  it('refuses a name that is both a field and an object', () => {
    expect(() => nestProperties({ a: { type: 'keyword' }, 'a.b': { type: 'long' } })).toThrow('mapping conflict: "a" is both a field and an object');
  });
});

describe('event and result mappings', () => {
  it('carry the brief\'s names with their types beside each format\'s own', () => {
    for (const m of [flowMappings, idsMappings]) {
      expect(m.properties.src).toEqual({ type: 'ip', ignore_malformed: true });
      expect(m.properties.dest_port).toEqual({ type: 'long' });
      expect(m.properties.app_byte_ratio).toEqual({ type: 'double' });
      expect(m.properties['@timestamp']).toEqual({ type: 'date' });
      expect(m.properties.sourcetype).toEqual({ type: 'keyword' });
    }
    expect(idsMappings.properties.signature_name).toEqual({ type: 'keyword', ignore_above: 1024 });
    expect((syslogMappings.properties.message as { fields: unknown }).fields).toEqual({ keyword: { type: 'keyword', ignore_above: 2048 } });
    expect(resultsMappings.properties.timestamp).toEqual({ type: 'date', format: 'epoch_millis' });
  });
  it('templates cover the results pattern and take the replica count', () => {
    const results = vigilTemplates().find((t) => t.name === 'vigil-results')!;
    expect(results.index_patterns).toEqual(['vigil-results-*']);
    const body = templateBody(results, { replicas: 0 }) as { template: { settings: unknown } };
    expect(body.template.settings).toEqual({ number_of_shards: 1, number_of_replicas: 0 });
  });
});
