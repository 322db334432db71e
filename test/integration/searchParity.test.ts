/**
 * The same search terms select the same documents in a file (the record filter of compilePipeline)
 * and in a real OpenSearch index (toOpenSearchQuery against the index mapping): wildcards, octet
 * wildcards and CIDR on ip fields, !=, NOT, ranges, exists, case-insensitive keywords.
 * Free-text terms only as whole values: OpenSearch matches analysed tokens, the file filter substrings
 * (`web` matches "web-01" in a file, not a keyword in OpenSearch).
 */
import type { Client } from '@opensearch-project/opensearch';
import { tokenize } from '../../backend/src/engine/config/grammar/lexer';
import { parseSearch } from '../../backend/src/engine/config/grammar/searchParser';
import { toOpenSearchQuery } from '../../backend/src/engine/config/openSearchQuery';
import type { FieldValue } from '../../backend/src/engine/types';
import { osRequest } from '../../backend/src/opensearch/request';
import { compileSearch } from '../../backend/src/pipeline/searchMatcher';
import { deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(60_000);

const fieldTypes = { src: 'ip', dest: 'ip', dest_port: 'long', bytes: 'long', proto: 'keyword', host: 'keyword', user: 'keyword' };

const docs: Record<string, FieldValue>[] = [
  { src: '192.168.1.10', dest: '10.0.0.5', dest_port: 445, bytes: 1200, proto: 'tcp', host: 'web-01', user: 'alice' },
  { src: '192.168.1.10', dest: '203.0.113.9', dest_port: 443, bytes: 80, proto: 'tcp', host: 'web-01', user: 'bob' },
  { src: '192.168.1.11', dest: '198.51.100.2', dest_port: 53, bytes: 60, proto: 'udp', host: 'WEB-02' },
  { src: '192.168.2.20', dest: '10.20.30.40', dest_port: 53, bytes: 90, proto: 'udp', host: 'db-01', user: 'Alice' },
  { src: '10.1.1.1', dest: '8.8.8.8', dest_port: 53, bytes: 70, proto: 'UDP', host: 'dns' },
  { src: '10.1.1.2', dest: '172.16.5.4', dest_port: 8443, bytes: 5000, proto: 'tcp', user: 'carol' },
  { src: '172.16.5.4', dest_port: 0, bytes: 0, proto: 'icmp', host: 'gw' },
  { src: 'fd00::1', dest: 'fd00::2', dest_port: 22, bytes: 3000, proto: 'tcp', host: 'bastion', user: 'alice' },
  { src: '192.168.1.12', dest: '10.0.0.6', dest_port: 3389, bytes: 150000, proto: 'tcp', host: 'web-03' },
  { src: '192.168.1.13', dest: '93.184.216.34', dest_port: 80, bytes: 420, proto: 'tcp', host: 'kiosk', user: 'dave' },
];

const searches = [
  'dest!=10.*',
  'dest=10.*',
  'src=192.168.*',
  'src=192.168.1.*',
  'dest=10.0.0.0/8',
  'dest!=172.16.0.0/12',
  'proto=TCP',
  'proto=*dp',
  'host=web*',
  'host="WEB-02"',
  'dest_port=443',
  'dest_port=53 proto=udp',
  'dest_port>=1024',
  'bytes<100',
  'bytes>1000 AND proto=tcp',
  'NOT proto=udp',
  '(proto=tcp OR proto=udp) dest_port!=53',
  'user=*',
  'user!=alice',
  'NOT user=alice',
  'dest!=10.* NOT dest_port=53 src=192.168.*',
  'host!=web* OR user=carol',
  // free-text terms that are whole values (where analysed tokens and substrings agree)
  'tcp',
  'dns OR carol',
];

describe('search terms: the same documents in a file and in OpenSearch', () => {
  let client: Client;
  const index = testIndexName('parity');

  beforeAll(async () => {
    client = testClient(openSearchUrl());
    const properties = Object.fromEntries(Object.entries(fieldTypes).map(([f, type]) => [f, { type }]));
    properties.doc_id = { type: 'integer' };
    await osRequest(client, 'PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties } });
    const body = docs.flatMap((d, i) => [{ index: { _index: index, _id: String(i) } }, { ...d, doc_id: i }]);
    const res = await client.bulk({ body, refresh: true });
    expect(res.body.errors).toBe(false);
  });
  afterAll(async () => {
    if (client) await deleteIndices(client, index);
  });

  it.each(searches)('%s', async (search) => {
    const clause = parseSearch(tokenize(search, 0, 'search'));
    const filter = compileSearch(clause.filter);
    const inFile = docs.map((d, i) => (filter(d) ? i : -1)).filter((i) => i >= 0);
    const { query } = toOpenSearchQuery(clause, { fieldTypes });
    const res = await osRequest<{ hits: { hits: { _id: string }[] } }>(client, 'POST', `/${index}/_search`, { query, size: 100, sort: [{ doc_id: 'asc' }] });
    const inOpenSearch = res.body.hits.hits.map((h) => Number(h._id));
    expect(inOpenSearch).toEqual(inFile);
  });

  it('the cases are not trivial: each keeps some documents and drops others', () => {
    const counts = searches.map((search) => {
      const filter = compileSearch(parseSearch(tokenize(search, 0, 'search')).filter);
      return docs.filter((d) => filter(d)).length;
    });
    expect(counts[0]).toBe(6); // the brief's dest!=10.*: external destinations, documents with a dest only
    for (const count of counts) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(docs.length);
    }
  });
});
