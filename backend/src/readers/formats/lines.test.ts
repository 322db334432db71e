import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

describe('lines reader', () => {
  it('makes each line of the HDFS sample one message, numbered by physical line', async () => {
    const { records, format, badRecords } = await readAllRecords(sharedPath('datasets', 'loghub', 'HDFS', 'HDFS_2k.log'));
    expect(format).toBe('lines');
    expect(badRecords.count).toBe(0);
    expect(records).toHaveLength(2000);
    expect(records[0]).toEqual({
      record: { time: 0, fields: { message: '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating' } },
      line: 1,
    });
    expect(records[1999].line).toBe(2000);
  });

  it('reads any file as lines when told to', async () => {
    const file = sharedPath('datasets', 'loghub', 'OpenSSH', 'OpenSSH_2k.log');
    const { records, format } = await readAllRecords(file, { format: 'lines' });
    expect(format).toBe('lines');
    expect(records).toHaveLength(2000);
    expect(records[1].record.fields.message).toBe('Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186');
  });
});
