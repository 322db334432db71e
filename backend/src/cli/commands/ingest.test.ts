import { sharedPath } from '../../support/sharedData';
import { command, formatIngestReport, parseIngestOptions } from './ingest';

describe('vigil ingest options', () => {
  it('takes several inputs (repeated or listed) and the index', () => {
    const o = parseIngestOptions(['--input', 'a.log', 'b.log', '--input', 'c.json', '--index', 'flows', '--replicas', '0', '--refresh']);
    expect(o.inputs).toEqual(['a.log', 'b.log', 'c.json']);
    expect(o).toMatchObject({ index: 'flows', replicas: 0, refresh: true, installTemplates: false, progress: false });
    expect(parseIngestOptions(['--input', 'a', '--index', 'f', '--install-templates']).installTemplates).toBe(true);
    expect(parseIngestOptions(['--input', 'a.csv', '--index', 'f', '--time-field', 'when', '--time-format', 'epoch_ms'])).toMatchObject({ timeField: 'when', timeFormat: 'epoch_ms' });
  });

  it('says what is wrong', () => {
    expect(() => parseIngestOptions(['--index', 'x'])).toThrow('--input <file> is required');
    expect(() => parseIngestOptions(['--input', 'a'])).toThrow('--index <name> is required');
    expect(() => parseIngestOptions(['--input', 'a', '--index', 'Flows'])).toThrow('--index "Flows" is not a valid index name');
    expect(() => parseIngestOptions(['--input', 'a', '--index', 'f', '--sourcetype', 'dns'])).toThrow('--sourcetype must be netflow, ids or syslog, got "dns"');
    expect(() => parseIngestOptions(['--input', 'a', '--index', 'f', '--time-format', 'iso'])).toThrow('--time-format must be epoch or epoch_ms, got "iso"');
    expect(() => parseIngestOptions(['--input', 'a', '--index', 'f', '--replicas', '1.5'])).toThrow('--replicas must be a whole number >= 0, got "1.5"');
  });

  it('prints per-file counts, totals, failures and bad lines', () => {
    const text = formatIngestReport({
      index: 'flows',
      files: [{ file: 'a.log', format: 'zeek', sourcetype: 'netflow', records: 3, badRecords: 1 }],
      indexed: 2,
      failed: 1,
      firstFailures: [{ file: 'x/a.log', line: 9, status: 400, reason: 'mapper_parsing_exception: failed to parse field [dest_port]' }],
      badRecords: { count: 1, first: ['a.log:4 field "ts": unparseable time'] },
      documentsWithIgnoredValues: 0,
      elapsedMs: 2000,
    });
    expect(text).toBe(
      [
        'a.log: 3 records (zeek, sourcetype netflow), 1 bad lines',
        'indexed 2 documents into flows in 2.0 s (1/s), 1 failed',
        '  failed: x/a.log:9: HTTP 400 mapper_parsing_exception: failed to parse field [dest_port]',
        '1 bad lines skipped:',
        '  a.log:4 field "ts": unparseable time',
      ].join('\n'),
    );
  });
});

describe('vigil ingest without a reachable OpenSearch', () => {
  it('exits 1 with one line naming the server, never its credentials', async () => {
    const err: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err.push(String(s));
      return true;
    });
    let code: number;
    try {
      const file = sharedPath('datasets', 'stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log');
      code = await command.run(['--input', file, '--index', 'flows', '--url', 'http://vigil:s3cret@127.0.0.1:9']);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(1);
    const text = err.join('');
    expect(text).toMatch(/^vigil ingest: http:\/\/127\.0\.0\.1:9: HEAD \/flows: ConnectionError: .*ECONNREFUSED/m);
    expect(text).not.toContain('s3cret');
  });
});
