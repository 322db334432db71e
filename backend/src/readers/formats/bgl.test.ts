import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

describe('bgl reader', () => {
  it('reads loghub BGL: label, epoch-second time, message, and the columns loghub names', async () => {
    const raw = await readAllRecords(sharedPath('datasets', 'loghub', 'BGL', 'BGL_2k.log'));
    const parsed = await readAllRecords(sharedPath('datasets', 'loghub', 'BGL', 'BGL_2k.log_structured.csv'), { timeField: false });
    expect(raw.format).toBe('bgl');
    expect(raw.badRecords.count).toBe(0);
    expect(raw.records).toHaveLength(2000);
    expect(raw.records.filter((r) => r.record.fields.label === '-')).toHaveLength(1857);
    expect(raw.records.filter((r) => r.record.fields.label === 'KERNDTLB')).toHaveLength(60);
    const mismatches: number[] = [];
    raw.records.forEach((r, i) => {
      const want = parsed.records[i].record.fields;
      const f = r.record.fields;
      const same = r.line === i + 1 && r.record.time === Number(want.Timestamp) * 1000 && f.label === want.Label &&
        f.date === want.Date && f.node === want.Node && f.node_time === want.Time && f.node_repeat === want.NodeRepeat &&
        f.type === want.Type && f.component === want.Component && f.level === want.Level && f.content === String(want.Content);
      if (!same) mismatches.push(i + 1);
    });
    expect(mismatches).toEqual([]);
    expect(raw.records[0].record).toEqual({
      time: 1117838570_000,
      fields: {
        label: '-', epoch: 1117838570,
        message: '2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
        date: '2005.06.03', node: 'R02-M1-N0-C:J12-U11', node_time: '2005-06-03-15.42.50.675872', node_repeat: 'R02-M1-N0-C:J12-U11',
        type: 'RAS', component: 'KERNEL', level: 'INFO', content: 'instruction cache parity error corrected',
      },
    });
  });

  it('keeps short lines and logs lines without an epoch', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bgl-'));
    const file = path.join(dir, 'BGL.log');
    fs.writeFileSync(file, 'APPSEV 1117838570 2005.06.03 R02 short\n- later 2005.06.03 R02 x\nKERNDTLB 1117838571\n');
    const { records, badRecords } = await readAllRecords(file, { format: 'bgl' });
    expect(records).toHaveLength(2);
    expect(records[0].record.fields).toMatchObject({ label: 'APPSEV', message: '2005.06.03 R02 short', node: 'R02', node_time: 'short', type: null, content: null });
    expect(records[1].record).toMatchObject({ time: 1117838571_000, fields: { label: 'KERNDTLB', message: '', date: null } });
    expect(badRecords.first).toEqual([{ file, line: 2, field: 'epoch', reason: 'unparseable time "later"' }]);
  });
});
