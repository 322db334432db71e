import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readAllRecords } from '../openRecords';

function tempFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-fast-'));
  const file = path.join(dir, 'fast.log');
  fs.writeFileSync(file, text);
  return file;
}

describe('fast.log reader', () => {
  it('reads Snort and Suricata alert lines, with and without a year', async () => {
    const file = tempFile([
      '01/27-16:53:29.491838  [**] [1:2100498:7] GPL ATTACK_RESPONSE id check returned root [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 217.160.0.187:80 -> 192.168.1.10:49212',
      '06/06/2021-15:59:46.457984  [**] [1:2403388:66418] ET CINS Active Threat Intelligence Poor Reputation IP group 89 [**] [Classification: Misc Attack] [Priority: 2] {TCP} 78.36.196.213:51698 -> 192.168.1.129:445',
      '12/31/24-23:59:59.000001  [**] [1:384:5] ICMP PING [**] [Classification: Misc activity] [Priority: 3] {ICMP} 10.0.0.1 -> 10.0.0.2',
      '03/01-00:00:00.5  [**] [1:1000001:1] local rule [**] [Priority: 0] {TCP} [2001:db8::1]:443 -> [2001:db8::2]:50000',
      '03/01-00:00:01.000000  [**] [1:2000:1] v6 dns [**] [Classification: x] [Priority: 1] {UDP} 2001:0db8:0000:0000:0000:0000:0000:0001:53 -> fe80::1:5353',
    ].join('\n'));
    const { records, badRecords, format } = await readAllRecords(file, { year: 2023 });
    expect(format).toBe('fastlog');
    expect(badRecords.count).toBe(0);
    expect(records.map((r) => r.record.time)).toEqual([
      Date.UTC(2023, 0, 27, 16, 53, 29) + 491.838, Date.UTC(2021, 5, 6, 15, 59, 46) + 457.984,
      Date.UTC(2024, 11, 31, 23, 59, 59) + 0.001, Date.UTC(2023, 2, 1, 0, 0, 0, 500), Date.UTC(2023, 2, 1, 0, 0, 1),
    ].map((t) => expect.closeTo(t, 6)));
    expect(records[0].record.fields).toEqual({
      src_ip: '217.160.0.187', src_port: 80, dest_ip: '192.168.1.10', dest_port: 49212, proto: 'TCP',
      'alert.gid': 1, 'alert.signature_id': 2100498, 'alert.rev': 7,
      'alert.signature': 'GPL ATTACK_RESPONSE id check returned root', 'alert.category': 'Potentially Bad Traffic', 'alert.severity': 2,
      src: '217.160.0.187', dest: '192.168.1.10', protocol: 'TCP',
      signature_name: 'GPL ATTACK_RESPONSE id check returned root', category: 'Potentially Bad Traffic',
    });
    expect(records[1].record.fields).toMatchObject({ signature_name: 'ET CINS Active Threat Intelligence Poor Reputation IP group 89', category: 'Misc Attack', dest_port: 445 });
    expect(records[2].record.fields).toMatchObject({ src: '10.0.0.1', src_port: null, dest: '10.0.0.2', dest_port: null, protocol: 'ICMP' });
    expect(records[3].record.fields).toMatchObject({ src: '2001:db8::1', src_port: 443, dest: '2001:db8::2', dest_port: 50000, category: null, 'alert.severity': 0 });
    expect(records[4].record.fields).toMatchObject({ src: '2001:0db8:0000:0000:0000:0000:0000:0001', src_port: 53, dest: 'fe80::1', dest_port: 5353 });
  });

  it('logs lines that are not alerts or have impossible dates, in the given time zone', async () => {
    const file = tempFile([
      '02/30-10:00:00.000000  [**] [1:1:1] bad day [**] [Priority: 1] {TCP} 1.1.1.1:1 -> 2.2.2.2:2',
      'garbage',
      '07/04-10:00:00.000000  [**] [1:1:1] ok [**] [Priority: 1] {TCP} 1.1.1.1:1 -> 2.2.2.2:2',
    ].join('\n'));
    const { records, badRecords } = await readAllRecords(file, { format: 'fast.log', year: 2024, timezone: '+0530' });
    expect(records.map((r) => [r.line, r.record.time])).toEqual([[3, Date.UTC(2024, 6, 4, 4, 30)]]);
    expect(badRecords.first.map((b) => [b.line, b.field, b.reason])).toEqual([
      [1, 'timestamp', 'unparseable time "02/30-10:00:00.000000"'],
      [2, undefined, 'not a fast.log alert line: garbage'],
    ]);
  });
});
