import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readAllRecords } from '../openRecords';

describe('ndjson reader', () => {
  it('flattens objects, picks the time field per record and logs bad lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ndjson-'));
    const file = path.join(dir, 'events.ndjson');
    fs.writeFileSync(file, [
      '{"@timestamp":"2024-01-02T03:04:05.678+0100","user":{"name":"ann","id":7},"tags":["a","b"],"ok":true,"gone":null}',
      '{"ts":1700000000.5,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.resp_p":22,"proto":"tcp","orig_bytes":30,"resp_bytes":10}',
      '{"time":"2024-01-02T03:04:05"} trailing',
      '{"no_time":1}',
      '{"timestamp":"2024-02-30T00:00:00Z"}',
      '{"timestamp":"2024-01-02T03:04:05Z","list":[{"k":1}]}',
    ].join('\n') + '\n');
    const { records, badRecords, timeField } = await readAllRecords(file);
    expect(timeField).toBe('@timestamp');
    expect(records.map((r) => r.line)).toEqual([1, 2, 6]);
    expect(records[0].record).toEqual({
      time: Date.UTC(2024, 0, 2, 2, 4, 5, 678),
      fields: { '@timestamp': '2024-01-02T03:04:05.678+0100', 'user.name': 'ann', 'user.id': 7, tags: 'a,b', ok: 'true', gone: null },
    });
    expect(records[1].record.time).toBe(1_700_000_000_500);
    expect(records[1].record.fields).toMatchObject({ src: '10.0.0.1', dest: '10.0.0.2', dest_port: 22, app_byte_ratio: 0.5 });
    expect(records[2].record.fields.list).toBe('[{"k":1}]');
    expect(badRecords.first.map((b) => [b.line, b.field])).toEqual([[3, undefined], [4, 'timestamp'], [5, 'timestamp']]);
    expect(badRecords.first[2].reason).toBe('unparseable time "2024-02-30T00:00:00Z"');
  });

  it('reads epoch milliseconds with timeFormat epoch_ms and a named time field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ndjson-'));
    const file = path.join(dir, 'events.json');
    fs.writeFileSync(file, '{"at":1700000000123,"v":1}\n{"v":2}\n');
    const { records, badRecords } = await readAllRecords(file, { timeField: 'at', timeFormat: 'epoch_ms' });
    expect(records.map((r) => r.record.time)).toEqual([1700000000123]);
    expect(badRecords.first[0]).toMatchObject({ line: 2, field: 'at', reason: 'time is missing' });
  });

  it('logs a JSON object nested too deeply to flatten and reads on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ndjson-'));
    const file = path.join(dir, 'deep.ndjson');
    const depth = 200_000;
    fs.writeFileSync(file, `{"ts":1}\n${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}\n{"ts":2}\n`);
    const { records, badRecords } = await readAllRecords(file);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(badRecords.first[0].line).toBe(2);
    expect(badRecords.first[0].reason).toMatch(/^(bad JSON|JSON nested too deeply)/);
  });
});
