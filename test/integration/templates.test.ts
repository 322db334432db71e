/** Vigil's index templates on the real node: indices matching their patterns get the mappings without any explicit creation. */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../../backend/src/opensearch/request';
import { installTemplates, vigilTemplates } from '../../backend/src/opensearch/templates';
import { countDocs, deleteIndices, openSearchUrl, testClient } from './openSearchEnv';

jest.setTimeout(60_000);

type Props = Record<string, { type?: string; format?: string; enabled?: boolean; properties?: Props }>;

describe('index templates', () => {
  let client: Client;
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const created = [`netflow-it-${suffix}`, `suricata-it-${suffix}`, `syslog-it-${suffix}`, `vigil-results-it-tpl-${suffix}`];

  beforeAll(() => {
    client = testClient(openSearchUrl());
  });
  afterAll(async () => {
    if (!client) return;
    for (const index of created) await deleteIndices(client, index);
    for (const t of vigilTemplates()) await osRequest(client, 'DELETE', `/_index_template/${t.name}`, undefined, { ignore: [404] });
  });

  it('installs every template and an index created by a plain write takes its mappings and replicas', async () => {
    expect(await installTemplates(client, { replicas: 0 })).toEqual(['vigil-flows', 'vigil-ids', 'vigil-syslog', 'vigil-results', 'vigil-state', 'vigil-config', 'vigil-leases']);
    const write = (index: string, doc: unknown): Promise<unknown> => osRequest(client, 'POST', `/${index}/_doc`, doc, { querystring: { refresh: 'true' } });
    await write(created[0], { '@timestamp': '2022-06-13T10:00:00Z', src: '10.0.0.1', dest: '8.8.8.8', dest_port: 53, protocol: 'udp', sourcetype: 'netflow' });
    await write(created[1], { '@timestamp': '2022-06-13T10:00:00Z', src: '1.2.3.4', signature_name: 'ET SCAN x', category: 'Misc Attack', sourcetype: 'ids' });
    await write(created[2], { '@timestamp': '2022-06-13T10:00:00Z', host: 'combo', program: 'sshd', message: 'authentication failure; rhost=1.2.3.4' });
    await write(created[3], { job_id: 'tpl', result_type: 'bucket', timestamp: 1655114400000, anomaly_score: 80, severity: 'critical', is_interim: false });

    const mapping = async (index: string): Promise<Props> =>
      (await osRequest<Record<string, { mappings: { properties: Props } }>>(client, 'GET', `/${index}/_mapping`)).body[index].mappings.properties;
    expect((await mapping(created[0])).src.type).toBe('ip');
    expect((await mapping(created[0])).dest_port.type).toBe('long');
    expect((await mapping(created[1])).signature_name.type).toBe('keyword');
    expect((await mapping(created[2])).message.type).toBe('text');
    const results = await mapping(created[3]);
    expect(results.timestamp).toEqual({ type: 'date', format: 'epoch_millis' });
    expect(results.anomaly_score.type).toBe('float');
    // the CIDR query the pipeline's `src=10.*` compiles to works on the template's ip field
    expect(await countDocs(client, created[0], { term: { src: '10.0.0.0/8' } })).toBe(1);
    const settings = await osRequest<Record<string, { settings: { index: { number_of_replicas: string } } }>>(client, 'GET', `/${created[3]}/_settings`);
    expect(settings.body[created[3]].settings.index.number_of_replicas).toBe('0');
  });
});
