import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

describe('zeek reader', () => {
  it('reads the NjRAT capture (001) with its labels, nulls and the brief names', async () => {
    const file = sharedPath('datasets', 'stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log');
    const { records, badRecords, format } = await readAllRecords(file);
    expect(format).toBe('zeek');
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(992);
    const labels = new Map<string, number>();
    for (const r of records) labels.set(String(r.record.fields.label), (labels.get(String(r.record.fields.label)) ?? 0) + 1);
    expect(Object.fromEntries(labels)).toEqual({ Background: 739, Malicious: 244, Benign: 9 });

    const first = records[0];
    expect(first.line).toBe(9);
    expect(first.record.time).toBeCloseTo(19981.745, 6);
    expect(first.record.fields.ts).toBe(19.981745);
    expect(first.record.fields.detailedlabel).toBe('');
    expect(first.record.fields.tunnel_parents).toBe('');

    const malicious = records.find((r) => r.record.fields.label === 'Malicious');
    expect(malicious?.record.fields).toMatchObject({
      'id.orig_h': '192.168.1.115', src: '192.168.1.115', dest: '85.31.204.81', dest_port: 443, protocol: 'tcp',
      service: 'ssl', duration: 3.354241, src_app_bytes: 632, dest_app_bytes: 5516, detailedlabel: 'CC',
    });
    expect(malicious?.record.fields.app_byte_ratio).toBeCloseTo((632 - 5516) / (632 + 5516), 12);
    expect(malicious?.record.time).toBeCloseTo(273503.417, 6);

    // Line 22 (record 14) has `-` in service, duration and both byte counts.
    const unset = records[13];
    expect(unset.line).toBe(22);
    expect(unset.record.fields).toMatchObject({
      service: null, duration: null, orig_bytes: null, resp_bytes: null,
      src_app_bytes: null, dest_app_bytes: null, app_byte_ratio: null, protocol: 'icmp', src: '::',
    });
  });

  it('reads a mixed day (008) with epoch-second times', async () => {
    const file = sharedPath('datasets', 'stratosphere-zeek', '008-zeek-mixed', 'conn.log.labeled');
    const { records, badRecords } = await readAllRecords(file);
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(5663);
    expect(records.filter((r) => r.record.fields.label === 'Malicious')).toHaveLength(4201);
    expect(records.filter((r) => r.record.fields.src === '104.156.155.13')).toHaveLength(816);
    expect(records[0].record.time).toBeCloseTo(1655071198444.458, 3);
    expect(new Date(records[0].record.time).toISOString()).toBe('2022-06-12T21:59:58.444Z');
  });

  // Flow and label counts as the dataset README gives them.
  it.each([
    ['010-zeek-mixed', 5347, { Malicious: 3373, Benign: 1937, Background: 37 }],
    ['012-zeek-mixed', 4740, { Malicious: 3028, Benign: 782, Background: 930 }],
  ])('reads %s with its label column', async (folder, flows, labels) => {
    const { records, badRecords } = await readAllRecords(sharedPath('datasets', 'stratosphere-zeek', folder, 'conn.log.labeled'));
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(flows);
    const counts: Record<string, number> = {};
    for (const r of records) counts[String(r.record.fields.label)] = (counts[String(r.record.fields.label)] ?? 0) + 1;
    expect(counts).toEqual(labels);
    expect(records.every((r) => typeof r.record.fields.src === 'string' && Number.isFinite(r.record.time))).toBe(true);
  });

  it('counts broken lines with file, line and field, and goes on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-zeek-'));
    const file = path.join(dir, 'conn.log');
    fs.writeFileSync(file, [
      '#separator \\x09',
      '#unset_field\t-',
      '#empty_field\t(empty)',
      '#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\tproto\torig_bytes\tresp_bytes',
      '#types\ttime\taddr\taddr\tport\tenum\tcount\tcount',
      '10.5\t10.0.0.1\t10.0.0.2\t80\ttcp\t100\t300',
      '11.0\t10.0.0.1\t10.0.0.2\t80\ttcp\t100',
      'soon\t10.0.0.1\t10.0.0.2\t80\ttcp\t1\t1',
      '12.0\t10.0.0.1\t10.0.0.2\teighty\ttcp\t1\t1',
      '13.0\t10.0.0.3\t10.0.0.2\t443\ttcp\t0\t0',
      '#close\t2024-01-01-00-00-00',
    ].join('\n'));
    const { records, badRecords } = await readAllRecords(file);
    expect(records.map((r) => r.line)).toEqual([6, 10]);
    expect(records[0].record.time).toBe(10500);
    expect(records[0].record.fields.app_byte_ratio).toBe(-0.5);
    expect(records[1].record.fields.app_byte_ratio).toBeNull();
    expect(badRecords.count).toBe(3);
    expect(badRecords.first.map((b) => [b.line, b.field, b.reason])).toEqual([
      [7, undefined, 'expected 7 columns, found 6'],
      [8, 'ts', 'not a number: "soon"'],
      [9, 'id.resp_p', 'not a number: "eighty"'],
    ]);
    expect(badRecords.first[0].file).toBe(file);
  });

  it('reads IoT-23 style files whose label columns are joined by three spaces', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-zeek-'));
    const file = path.join(dir, 'conn.log.labeled');
    fs.writeFileSync(file, [
      '#separator \\x09',
      '#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\tproto\torig_bytes\tresp_bytes\ttunnel_parents   label   detailedlabel',
      '#types\ttime\taddr\taddr\tport\tenum\tcount\tcount\tset[string]   string   string',
      '1525879831.015811\t192.168.100.103\t65.127.233.163\t23\ttcp\t0\t0\t-   Malicious   PartOfAHorizontalPortScan',
      '1525879832.5\t192.168.100.103\t8.8.8.8\t53\tudp\t40\t120\t-   Benign   -',
      '1525879833.5\t192.168.100.103\t8.8.8.8\t53\tudp\t40\t120\t-   Benign',
    ].join('\n'));
    const { records, badRecords, format } = await readAllRecords(file);
    expect(format).toBe('zeek');
    expect(records.map((r) => [r.record.fields.label, r.record.fields.detailedlabel, r.record.fields.tunnel_parents])).toEqual([
      ['Malicious', 'PartOfAHorizontalPortScan', null], ['Benign', null, null],
    ]);
    expect(records[1].record.fields).toMatchObject({ dest_port: 53, src_app_bytes: 40, dest_app_bytes: 120, app_byte_ratio: -0.5 });
    expect(badRecords.first.map((b) => [b.line, b.reason])).toEqual([[6, 'expected 3 space-joined values, found 2']]);
  });
});
