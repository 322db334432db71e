import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

const ctu = (name: string): string => sharedPath('datasets', 'ctu-binetflow', name);

describe('binetflow reader', () => {
  it('reads the labelled tab-separated capture (test5) with epoch-0 times and TotBytes - SrcBytes', async () => {
    const { records, badRecords, format } = await readAllRecords(ctu('test5-mixed.binetflow'));
    expect(format).toBe('binetflow');
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(300);
    expect(records.filter((r) => r.record.fields.Label === 'flow=Malware-UDP-DNS')).toHaveLength(197);
    expect(records.filter((r) => r.record.fields.Label === 'flow=Malware-TCP')).toHaveLength(80);
    expect(records.filter((r) => r.record.fields.src === '10.0.2.15')).toHaveLength(289);
    expect(records[0].record.fields.Label).toBeNull();
    expect(records[1].record.time).toBe(3_600_000); // 1970/01/01 01:00:00.000000 UTC

    const tcp = records.find((r) => r.line === 132);
    expect(tcp?.record.time).toBeCloseTo(3_681_926.904, 6);
    expect(tcp?.record.fields).toMatchObject({
      Dir: '->', State: 'SRPA_FSPA', Dur: 20.250914, TotPkts: 13, Sport: 49163,
      src: '10.0.2.15', dest: '35.225.160.245', dest_port: 80, protocol: 'tcp',
      src_app_bytes: 926, dest_app_bytes: 2144 - 926,
    });
    expect(tcp?.record.fields.app_byte_ratio).toBeCloseTo((926 - 1218) / 2144, 12);
  });

  it('reads hexadecimal ports (test2) as numbers', async () => {
    const { records, badRecords } = await readAllRecords(ctu('test2-malicious.binetflow'));
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(6751);
    expect(records.filter((r) => r.record.fields.src === '10.8.0.69')).toHaveLength(6731);
    const icmp = records.find((r) => r.line === 13);
    expect(icmp?.record.fields).toMatchObject({ Proto: 'icmp', Sport: 8, Dport: 0x7208, dest_port: 29192, dTos: null });
  });

  it('reads a capture without SrcBytes (null app bytes) and one with payload columns', async () => {
    const campus = await readAllRecords(ctu('2013-10-21_capture-1.binetflow'));
    expect(campus.records).toHaveLength(2398);
    const last = campus.records[campus.records.length - 1];
    expect(last.line).toBe(2399);
    expect(new Date(last.record.time).toISOString()).toBe('2013-10-21T17:52:35.433Z');
    expect(last.record.fields).toMatchObject({ TotBytes: 8971, src_app_bytes: null, dest_app_bytes: null, app_byte_ratio: null });

    const normal = await readAllRecords(ctu('CTU-Normal-7-2013-13-07.binetflow'));
    expect(normal.badRecords.count).toBe(0);
    expect(normal.records).toHaveLength(9797);
    expect(normal.records.filter((r) => r.record.fields.protocol === 'icmp')).toHaveLength(7328);
    expect(normal.records[0].record.fields).toMatchObject({ TotBytes: 148005382, SrcBytes: 146054307, dest_app_bytes: 1951075 });
  });

  it('applies the timezone option to StartTime and logs broken rows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-binetflow-'));
    const file = path.join(dir, 'flows.binetflow');
    fs.writeFileSync(file, [
      'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label',
      '2013/10/21 13:22:43.123456,1.5,tcp,10.0.0.1,1234,  ->,10.0.0.2,0x0050,CON,0,0,4,400,100,flow=x',
      '2013/10/21 13:22:44,1.5,tcp,10.0.0.1,1234,  ->,10.0.0.2,80,CON,0,0,4,many,100,',
      '2013/13/21 13:22:44,1.5,tcp,10.0.0.1,1234,  ->,10.0.0.2,80,CON,0,0,4,400,100,',
      '2013/10/21 13:22:45,1.5,tcp,10.0.0.1,1234,  ->,10.0.0.2,80,CON,0,0,4,400',
      '2013/10/21 13:22:46,1.5,udp,10.0.0.1,,  <->,10.0.0.2,,CON,0,0,2,200,200,',
    ].join('\n'));
    const { records, badRecords } = await readAllRecords(file, { timezone: '+02:00' });
    expect(records.map((r) => r.line)).toEqual([2, 6]);
    expect(records[0].record.time).toBeCloseTo(Date.UTC(2013, 9, 21, 11, 22, 43) + 123.456, 6);
    expect(records[0].record.fields).toMatchObject({ dest_port: 80, src_app_bytes: 100, dest_app_bytes: 300, app_byte_ratio: -0.5 });
    expect(records[1].record.fields).toMatchObject({ Sport: null, dest_port: null, dest_app_bytes: 0, app_byte_ratio: 1 });
    expect(badRecords.first.map((b) => [b.line, b.field, b.reason])).toEqual([
      [3, 'TotBytes', 'not a number: "many"'],
      [4, 'StartTime', 'unparseable time "2013/13/21 13:22:44"'],
      [5, undefined, 'expected 15 columns, found 13'],
    ]);
  });
});
