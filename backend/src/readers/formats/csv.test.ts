import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-csv-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('csv reader', () => {
  it('reads a NAB file: timestamp (UTC, no zone) and value', async () => {
    const file = sharedPath('datasets', 'nab', 'data', 'realAWSCloudwatch', 'ec2_cpu_utilization_24ae8d.csv');
    const { records, badRecords, format, timeField } = await readAllRecords(file);
    expect(format).toBe('csv');
    expect(timeField).toBe('timestamp');
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(4032);
    expect(records[0]).toEqual({
      record: { time: Date.UTC(2014, 1, 14, 14, 30), fields: { timestamp: '2014-02-14 14:30:00', value: 0.132 } },
      line: 2, ordinal: 1,
    });
    expect(records[4031].record.time).toBe(Date.UTC(2014, 1, 28, 14, 25));
    expect(records[4031].ordinal).toBe(4032);
  });

  it('reads loghub structured CSV (CRLF, quoted commas); ordinal = LineId', async () => {
    const bgl = await readAllRecords(sharedPath('datasets', 'loghub', 'BGL', 'BGL_2k.log_structured.csv'));
    expect(bgl.timeField).toBe('Timestamp');
    expect(bgl.badRecords.count).toBe(0);
    expect(bgl.records).toHaveLength(2000);
    expect(bgl.records.every((r) => r.ordinal === r.record.fields.LineId)).toBe(true);
    expect(bgl.records.filter((r) => r.record.fields.Label === 'KERNDTLB')).toHaveLength(60);
    expect(bgl.records[0].record.time).toBe(1117838570_000);
    expect(bgl.records[7].record.fields.Content).toBe('CE sym 2, at 0x0b85eee0, mask 0x05');

    const linux = await readAllRecords(sharedPath('datasets', 'loghub', 'Linux', 'Linux_2k.log_structured.csv'), { timeField: false });
    expect(linux.badRecords.count).toBe(0);
    expect(linux.records).toHaveLength(2000);
    expect(linux.records.every((r) => r.ordinal === r.record.fields.LineId && r.record.time === 0)).toBe(true);
    expect(linux.records[1747].record.fields).toMatchObject({
      Content: 'ANONYMOUS FTP LOGIN FROM 84.102.20.2,  (anonymous)', PID: 16781, Time: '02:38:23', Date: 24,
    });
    expect(linux.records[1909].record.fields.PID).toBeNull();
  });

  it('handles quotes, embedded delimiters, line breaks in quotes, and bad rows', async () => {
    const file = tempFile('events.csv', [
      'time,host,"msg, text",bytes',
      '2024-03-01T10:00:00Z,a,"say ""hi"", then go",10',
      '2024-03-01T10:00:01Z,b,"two',
      'lines",20',
      '2024-03-01T10:00:02Z,c,short',
      'not a time,d,x,1',
      '2024-03-01 10:00:03.250,10.1.2.3,,0x10',
      '',
      '2024-03-01T12:00:04+02:00,e,"never closed,5',
    ].join('\r\n'));
    const { records, badRecords } = await readAllRecords(file);
    expect(records.map((r) => [r.line, r.ordinal])).toEqual([[2, 1], [3, 2], [7, 5]]);
    expect(records[0].record.fields).toEqual({ time: '2024-03-01T10:00:00Z', host: 'a', 'msg, text': 'say "hi", then go', bytes: 10 });
    expect(records[1].record.fields['msg, text']).toBe('two\nlines');
    expect(records[2].record).toEqual({
      time: Date.UTC(2024, 2, 1, 10, 0, 3, 250),
      fields: { time: '2024-03-01 10:00:03.250', host: '10.1.2.3', 'msg, text': null, bytes: '0x10' },
    });
    expect(badRecords.first.map((b) => [b.line, b.field, b.reason])).toEqual([
      [5, undefined, 'expected 4 columns, found 3'],
      [6, 'time', 'unparseable time "not a time"'],
      [9, undefined, 'unterminated quoted field'],
    ]);
  });

  it('takes the timeField, timeFormat and timezone options', async () => {
    const file = tempFile('metrics.tsv', 'when\t_time\tv\n2024-07-01 12:00:00\t1719835200000\t1\n');
    const local = await readAllRecords(file, { timeField: 'when', timezone: 'Europe/Prague' });
    expect(local.records[0].record.time).toBe(Date.UTC(2024, 6, 1, 10));
    const epochMs = await readAllRecords(file, { timeFormat: 'epoch_ms' });
    expect(epochMs.timeField).toBe('_time');
    expect(epochMs.records[0].record.time).toBe(1719835200000);
    const epochS = await readAllRecords(file);
    expect(epochS.records[0].record.time).toBe(1719835200000 * 1000);
    await expect(readAllRecords(file, { timeField: 'nope' })).rejects.toThrow(/time field "nope" is not in the header/);
  });
});
