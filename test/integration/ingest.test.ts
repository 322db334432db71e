/** `vigil ingest` against the real node: real Zeek, Suricata and syslog files, counts, re-runs, mappings, failures. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client } from '@opensearch-project/opensearch';
import { command as ingestCommand } from '../../backend/src/cli/commands/ingest';
import { ingestFiles, type IngestReport } from '../../backend/src/opensearch/ingest';
import { osRequest } from '../../backend/src/opensearch/request';
import { openRecords } from '../../backend/src/readers';
import { sharedPath } from '../../backend/src/support/sharedData';
import { countDocs, deleteIndices, openSearchUrl, testClient, testIndexName } from './openSearchEnv';

jest.setTimeout(90_000);

const ZEEK = (): string => sharedPath('datasets', 'stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log');
const EVE = (): string => sharedPath('datasets', 'stratosphere-suricata', 'eve.json');
const SYSLOG = (): string => sharedPath('datasets', 'loghub', 'Linux', 'Linux_2k.log');

const dataLines = (file: string): string[] => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));

type Props = Record<string, { type?: string; format?: string; fields?: Record<string, { type: string }>; properties?: Props }>;
async function mappingOf(client: Client, index: string): Promise<Props> {
  const res = await osRequest<Record<string, { mappings: { properties: Props } }>>(client, 'GET', `/${index}/_mapping`);
  return res.body[index].mappings.properties;
}

describe('vigil ingest into a real OpenSearch', () => {
  let client: Client;
  const stem = testIndexName('ingest');
  const flows = `${stem}-flows`;
  const ids = `${stem}-ids`;
  const syslog = `${stem}-syslog`;
  const ingest = (index: string, files: string[], opts: { year?: number; format?: string } = {}): Promise<IngestReport> =>
    ingestFiles(client, { index, files, replicas: 0, refresh: true, open: (f) => openRecords(f, { year: opts.year, format: opts.format }) });

  beforeAll(() => {
    client = testClient(openSearchUrl());
  });
  afterAll(async () => {
    if (client) await deleteIndices(client, `${stem}-*`);
  });

  it('indexes every Zeek flow once; a re-run overwrites instead of duplicating', async () => {
    const expected = dataLines(ZEEK()).length;
    const first = await ingest(flows, [ZEEK()]);
    expect(first.indexed).toBe(expected);
    expect(first.failed).toBe(0);
    expect(first.files[0]).toMatchObject({ format: 'zeek', sourcetype: 'netflow', records: expected, badRecords: 0 });
    expect(await countDocs(client, flows)).toBe(expected);
    const again = await ingest(flows, [ZEEK()]);
    expect(again.indexed).toBe(expected);
    expect(await countDocs(client, flows)).toBe(expected);
    expect(await countDocs(client, flows, { term: { sourcetype: 'netflow' } })).toBe(expected);
    // the labels survive as keywords
    const malicious = dataLines(ZEEK()).filter((l) => l.split('\t')[21] === 'Malicious').length;
    expect(malicious).toBeGreaterThan(0);
    expect(await countDocs(client, flows, { term: { label: 'Malicious' } })).toBe(malicious);
  });

  it('maps the brief\'s flow names and Zeek\'s own with their types', async () => {
    const p = await mappingOf(client, flows);
    expect(p['@timestamp'].type).toBe('date');
    expect(p.src.type).toBe('ip');
    expect(p.dest.type).toBe('ip');
    expect(p.dest_port.type).toBe('long');
    expect(p.protocol.type).toBe('keyword');
    expect(p.src_app_bytes.type).toBe('long');
    expect(p.dest_app_bytes.type).toBe('long');
    expect(p.app_byte_ratio.type).toBe('double');
    expect(p.sourcetype.type).toBe('keyword');
    expect(p.event_id.type).toBe('keyword');
    expect(p.id.properties!.orig_h.type).toBe('ip');
    expect(p.id.properties!.resp_p.type).toBe('long');
    expect(p.orig_bytes.type).toBe('long');
  });

  it('indexes Suricata eve.json with the IDS names; CIDR and keyword queries count what the file holds', async () => {
    const lines = dataLines(EVE());
    const events = lines.map((l) => JSON.parse(l) as { event_type: string; src_ip: string; alert?: { signature: string; category: string } });
    const report = await ingest(ids, [EVE()]);
    expect(report.indexed).toBe(lines.length);
    expect(report.files[0]).toMatchObject({ format: 'eve', sourcetype: 'ids', badRecords: 0 });
    expect(await countDocs(client, ids)).toBe(lines.length);
    const mssql = 'ET SCAN Suspicious inbound to MSSQL port 1433';
    expect(await countDocs(client, ids, { term: { signature_name: mssql } })).toBe(events.filter((e) => e.alert?.signature === mssql).length);
    expect(await countDocs(client, ids, { term: { 'alert.signature': mssql } })).toBe(80);
    expect(await countDocs(client, ids, { term: { category: 'Misc Attack' } })).toBe(385);
    expect(await countDocs(client, ids, { term: { event_type: 'alert' } })).toBe(489);
    const private192 = events.filter((e) => e.src_ip.startsWith('192.168.')).length;
    expect(private192).toBeGreaterThan(0);
    expect(await countDocs(client, ids, { term: { src: '192.168.0.0/16' } })).toBe(private192);
    const p = await mappingOf(client, ids);
    expect(p.signature_name.type).toBe('keyword');
    expect(p.category.type).toBe('keyword');
    expect(p.src.type).toBe('ip');
    expect(p.src_ip.type).toBe('ip');
    expect(p.alert.properties!.signature.type).toBe('keyword');
    expect(p.alert.properties!.severity.type).toBe('long');
  });

  it('indexes syslog with host/program keywords and message as text plus keyword (through the CLI)', async () => {
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    let code: number;
    try {
      code = await ingestCommand.run(['--input', SYSLOG(), '--index', syslog, '--format', 'syslog', '--year', '2005', '--replicas', '0', '--refresh', '--url', openSearchUrl()]);
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`indexed 2000 documents into ${syslog} in [0-9.]+ s \\(\\d+/s\\), 0 failed`));
    expect(await countDocs(client, syslog)).toBe(2000);
    const p = await mappingOf(client, syslog);
    expect(p.host.type).toBe('keyword');
    expect(p.program.type).toBe('keyword');
    expect(p.message.type).toBe('text');
    expect(p.message.fields!.keyword.type).toBe('keyword');
    const sshd = dataLines(SYSLOG()).filter((l) => / combo sshd\(pam_unix\)\[\d+\]: /.test(l)).length;
    expect(await countDocs(client, syslog, { term: { program: 'sshd(pam_unix)' } })).toBe(sshd);
    const failures = dataLines(SYSLOG()).filter((l) => /authentication failure/.test(l)).length;
    expect(await countDocs(client, syslog, { match_phrase: { message: 'authentication failure' } })).toBe(failures);
    expect(await countDocs(client, syslog, { range: { '@timestamp': { gte: '2005-06-14T00:00:00Z', lt: '2005-06-15T00:00:00Z' } } })).toBe(
      dataLines(SYSLOG()).filter((l) => l.startsWith('Jun 14 ')).length,
    );
  });

  it('counts documents OpenSearch refuses and reports the first with file, line and reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ingest-'));
    const file = path.join(dir, 'flows.ndjson');
    fs.writeFileSync(
      file,
      [
        { timestamp: '2022-06-13T10:00:00Z', src: '10.0.0.1', dest: '10.0.0.2', dest_port: 443 },
        { timestamp: '2022-06-13T10:00:01Z', src: '10.0.0.1', dest: '10.0.0.3', dest_port: 'https' },
        { timestamp: '2022-06-13T10:00:02Z', src: '10.0.0.4', dest: '10.0.0.2', dest_port: 22 },
      ].map((o) => JSON.stringify(o)).join('\n') + '\n',
    );
    try {
      const report = await ingestFiles(client, { index: `${stem}-bad`, files: [file], replicas: 0, refresh: true, sourcetype: 'netflow', open: (f) => openRecords(f) });
      expect(report.indexed).toBe(2);
      expect(report.failed).toBe(1);
      expect(report.firstFailures).toHaveLength(1);
      expect(report.firstFailures[0]).toMatchObject({ file: `${path.basename(dir)}/flows.ndjson`, line: 2, status: 400 });
      expect(report.firstFailures[0].reason).toMatch(/mapper_parsing_exception.*dest_port/);
      expect(await countDocs(client, `${stem}-bad`)).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
