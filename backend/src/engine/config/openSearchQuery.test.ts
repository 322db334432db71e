import { parsePipeline } from './grammar/parsePipeline';
import { PipelineSyntaxError } from './grammar/tokens';
import { octetWildcardToCidr, toOpenSearchQuery, unknownSearchFields } from './openSearchQuery';

const fieldTypes = {
  src: 'ip',
  dest: 'ip',
  dest_port: 'long',
  bytes: 'long',
  proto: 'keyword',
  message: 'text',
  sourcetype: 'keyword',
};

/** Golden cases: search text → expected DSL. */
const golden: [string, unknown][] = [
  ['', { match_all: {} }],
  ['proto=tcp', { bool: { filter: [{ term: { proto: { value: 'tcp', case_insensitive: true } } }] } }],
  ['dest=10.*', { bool: { filter: [{ term: { dest: '10.0.0.0/8' } }] } }],
  ['src=192.168.*', { bool: { filter: [{ term: { src: '192.168.0.0/16' } }] } }],
  ['src=10.1.2.*', { bool: { filter: [{ term: { src: '10.1.2.0/24' } }] } }],
  ['dest=8.8.8.8', { bool: { filter: [{ term: { dest: '8.8.8.8' } }] } }],
  [
    'dest!=10.*',
    { bool: { filter: [{ bool: { filter: [{ exists: { field: 'dest' } }], must_not: [{ term: { dest: '10.0.0.0/8' } }] } }] } },
  ],
  ['dest_port=443', { bool: { filter: [{ term: { dest_port: 443 } }] } }],
  ['bytes>=1000', { bool: { filter: [{ range: { bytes: { gte: 1000 } } }] } }],
  ['proto=*cp', { bool: { filter: [{ wildcard: { proto: { value: '*cp', case_insensitive: true } } }] } }],
  ['message="disk full"', { bool: { filter: [{ match_phrase: { message: 'disk full' } }] } }],
  ['message=*Fail*', { bool: { filter: [{ wildcard: { message: { value: '*fail*', case_insensitive: true } } }] } }],
  ['user=*', { bool: { filter: [{ exists: { field: 'user' } }] } }],
  ['user=alice', { bool: { filter: [{ term: { user: { value: 'alice', case_insensitive: true } } }] } }],
  ['code=404', { bool: { filter: [{ term: { code: '404' } }] } }],
  [
    'proto=tcp OR proto=udp',
    {
      bool: {
        filter: [
          {
            bool: {
              should: [{ term: { proto: { value: 'tcp', case_insensitive: true } } }, { term: { proto: { value: 'udp', case_insensitive: true } } }],
              minimum_should_match: 1,
            },
          },
        ],
      },
    },
  ],
  ['NOT dest_port=53', { bool: { filter: [{ bool: { must_not: [{ term: { dest_port: 53 } }] } }] } }],
  [
    'proto=udp dest_port=53',
    { bool: { filter: [{ term: { proto: { value: 'udp', case_insensitive: true } } }, { term: { dest_port: 53 } }] } },
  ],
  ['failed', { bool: { filter: [{ query_string: { query: 'failed', lenient: true } }] } }],
  ['"disk full"', { bool: { filter: [{ query_string: { query: '"disk full"', lenient: true } }] } }],
  ['sourcetype=netflow', { bool: { filter: [{ term: { sourcetype: 'netflow' } }] } }],
  ['sourcetype!=syslog', { bool: { must_not: [{ term: { sourcetype: 'syslog' } }] } }],
];

describe('toOpenSearchQuery: golden cases', () => {
  it.each(golden)('%s', (text, expected) => {
    expect(toOpenSearchQuery(text, { fieldTypes }).query).toEqual(expected);
  });
});

describe('toOpenSearchQuery: source selectors', () => {
  it('the brief\'s netflow search: sourcetype term plus dest exists-and-not-internal', () => {
    const result = parsePipeline('sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | autodetect count by dp');
    if (!result.ok) throw new Error(result.error.message);
    expect(toOpenSearchQuery(result.pipeline.search, { fieldTypes })).toEqual({
      indices: [],
      query: {
        bool: {
          filter: [
            { term: { sourcetype: 'netflow' } },
            { bool: { filter: [{ exists: { field: 'dest' } }], must_not: [{ term: { dest: '10.0.0.0/8' } }] } },
          ],
        },
      },
    });
  });

  it('the brief\'s IDS search: index pattern aside, sourcetype term', () => {
    expect(toOpenSearchQuery('index=ids sourcetype=snort', { fieldTypes })).toEqual({
      indices: ['ids'],
      query: { bool: { filter: [{ terms: { sourcetype: ['snort', 'ids'] } }] } },
    });
  });

  it('several index patterns and a custom sourcetype field', () => {
    expect(toOpenSearchQuery('index=flows-* index=ids-* sourcetype=zeek', { sourcetypeField: 'event.dataset' })).toEqual({
      indices: ['flows-*', 'ids-*'],
      query: { bool: { filter: [{ term: { 'event.dataset': 'zeek' } }] } },
    });
  });

  it('index alone matches all documents', () => {
    expect(toOpenSearchQuery('index=logs')).toEqual({ indices: ['logs'], query: { match_all: {} } });
  });
});

describe('toOpenSearchQuery: errors and helpers', () => {
  it('rejects a partial-octet wildcard on an ip field, naming the column', () => {
    expect(() => toOpenSearchQuery('proto=tcp dest=10.1*', { fieldTypes })).toThrow(
      new PipelineSyntaxError('ip field "dest" takes whole-octet wildcards such as 10.* or 10.1.*, not "10.1*"', 11),
    );
  });

  it('rejects text on a numeric field', () => {
    expect(() => toOpenSearchQuery('dest_port=https', { fieldTypes })).toThrow('numeric field "dest_port" cannot match "https"');
  });

  it('converts octet wildcards to CIDR', () => {
    expect(octetWildcardToCidr('10.*')).toBe('10.0.0.0/8');
    expect(octetWildcardToCidr('172.16.5.*')).toBe('172.16.5.0/24');
    expect(octetWildcardToCidr('300.*')).toBeNull();
    expect(octetWildcardToCidr('10.1*')).toBeNull();
    expect(octetWildcardToCidr('*')).toBeNull();
  });

  it('lists search fields missing from the mapping', () => {
    const result = parsePipeline('dst=1.2.3.4 proto=tcp');
    if (!result.ok) throw new Error(result.error.message);
    expect(unknownSearchFields(result.pipeline.search, fieldTypes)).toEqual([
      'field "dst" at column 1 is not in the index mapping (did you mean "dest"?)',
    ]);
  });
});
