import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

describe('eve.json reader', () => {
  it('reads the Suricata capture: flattened fields, offsets, brief names', async () => {
    const file = sharedPath('datasets', 'stratosphere-suricata', 'eve.json');
    const { records, badRecords, format } = await readAllRecords(file);
    expect(format).toBe('eve');
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(4515);
    const alerts = records.filter((r) => r.record.fields.event_type === 'alert');
    expect(alerts).toHaveLength(489);
    expect(alerts.filter((r) => r.record.fields.category === 'Misc Attack')).toHaveLength(385);
    expect(alerts.filter((r) => r.record.fields.signature_name === 'ET SCAN Suspicious inbound to MSSQL port 1433')).toHaveLength(80);
    expect(alerts.every((r) => r.record.fields.dest === '192.168.1.129')).toBe(true);

    const first = records[0];
    expect(first.record.time).toBeCloseTo(Date.UTC(2021, 5, 6, 13, 59, 46) + 457.984, 6);
    expect(first.record.fields).toMatchObject({
      'alert.signature_id': 2403388, 'alert.severity': 2, 'alert.metadata.tag': 'CINS',
      'flow.bytes_toserver': 60, src: '78.36.196.213', dest_port: 445, protocol: 'TCP',
      signature_name: 'ET CINS Active Threat Intelligence Poor Reputation IP group 89', category: 'Misc Attack',
      src_app_bytes: 60, dest_app_bytes: 0, app_byte_ratio: 1,
    });

    const flow = records[119];
    expect(flow.line).toBe(120);
    expect(flow.record.fields).toMatchObject({
      event_type: 'flow', 'flow.state': 'closed', 'flow.alerted': 'false', 'tcp.syn': 'true',
      src_app_bytes: 120, dest_app_bytes: 120, app_byte_ratio: 0, signature_name: null, category: null,
    });
    const dns = records[16];
    expect(dns.record.fields).toMatchObject({ 'dns.rrname': 'www.google.com', protocol: 'UDP', src_app_bytes: null, app_byte_ratio: null });
  });

  it('logs bad JSON, non-objects and bad times, and reads on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-eve-'));
    const file = path.join(dir, 'eve.json');
    fs.writeFileSync(file, [
      '{"timestamp":"2021-06-06T15:59:46.5+02:00","event_type":"alert","src_ip":"1.2.3.4","alert":{"signature":"S","category":"C"}}',
      '{"timestamp":"2021-06-06T15:59:46Z","event_type":"alert",',
      '[1,2]',
      '{"timestamp":"yesterday","event_type":"dns"}',
      '{"event_type":"dns"}',
      '',
      '{"timestamp":"2021-06-06T13:59:47.000000Z","event_type":"flow","flow":{"bytes_toserver":0,"bytes_toclient":0}}',
    ].join('\n'));
    const { records, badRecords } = await readAllRecords(file);
    expect(records.map((r) => r.line)).toEqual([1, 7]);
    expect(records[0].record.time).toBe(Date.UTC(2021, 5, 6, 13, 59, 46, 500));
    expect(records[1].record.time).toBe(Date.UTC(2021, 5, 6, 13, 59, 47));
    expect(records[1].record.fields.app_byte_ratio).toBeNull();
    expect(badRecords.count).toBe(4);
    expect(badRecords.first.map((b) => [b.line, b.field])).toEqual([[2, undefined], [3, undefined], [4, 'timestamp'], [5, 'timestamp']]);
    expect(badRecords.first[0].reason).toMatch(/^bad JSON/);
    expect(badRecords.first[2].reason).toBe('unparseable time "yesterday"');
  });

  it('reads Snort 3 alert_json lines into the same brief names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-eve-'));
    const file = path.join(dir, 'alert_json.txt');
    fs.writeFileSync(file, [
      '{ "timestamp" : "11/12-12:20:52.763616", "pkt_num" : 7, "proto" : "TCP", "pkt_gen" : "raw", "pkt_len" : 74, "dir" : "C2S", "src_ap" : "10.1.1.5:40000", "dst_ap" : "10.9.9.9:23", "rule" : "1:2000001:1", "action" : "allow", "msg" : "telnet attempt", "class" : "Attempted Admin" }',
      '{ "timestamp" : "11/12/24-12:20:53.000000", "proto" : "UDP", "src_addr" : "10.1.1.6", "src_port" : 5353, "dst_addr" : "224.0.0.251", "dst_port" : 5353, "rule" : "1:3:1", "msg" : "mdns" }',
    ].join('\n'));
    const { records, badRecords, format } = await readAllRecords(file, { year: 2023 });
    expect(format).toBe('eve');
    expect(badRecords.count).toBe(0);
    expect(records[0].record.time).toBeCloseTo(Date.UTC(2023, 10, 12, 12, 20, 52) + 763.616, 6);
    expect(records[0].record.fields).toMatchObject({
      src: '10.1.1.5', dest: '10.9.9.9', dest_port: 23, protocol: 'TCP', signature_name: 'telnet attempt', category: 'Attempted Admin',
    });
    expect(records[1].record.time).toBe(Date.UTC(2024, 10, 12, 12, 20, 53));
    expect(records[1].record.fields).toMatchObject({ src: '10.1.1.6', dest: '224.0.0.251', dest_port: 5353, signature_name: 'mdns', category: null });
  });
});
