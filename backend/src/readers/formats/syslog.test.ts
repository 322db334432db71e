import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedPath } from '../../support/sharedData';
import { readAllRecords } from '../openRecords';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function tempFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-syslog-'));
  const file = path.join(dir, 'messages');
  fs.writeFileSync(file, text);
  return file;
}

/** Compares the syslog reading of a loghub sample with loghub's own parse of the same lines. */
async function compareWithLoghub(system: string, hostColumn: string, programColumn: string | null, pidColumn: string) {
  const raw = await readAllRecords(sharedPath('datasets', 'loghub', system, `${system}_2k.log`), { year: 2005 });
  const parsed = await readAllRecords(sharedPath('datasets', 'loghub', system, `${system}_2k.log_structured.csv`), { timeField: false });
  expect(raw.format).toBe('syslog');
  expect(raw.badRecords.count).toBe(0);
  expect(raw.records).toHaveLength(2000);
  const mismatches: number[] = [];
  raw.records.forEach((r, i) => {
    const want = parsed.records[i].record.fields;
    const [h, m, s] = String(want.Time).split(':').map(Number);
    const month = MONTHS.indexOf(String(want.Month ?? want.Date));
    const day = Number(want.Month ? want.Date : want.Day);
    const f = r.record.fields;
    const same = r.line === i + 1 &&
      r.record.time === Date.UTC(2005, month, day, h, m, s) &&
      f.host === want[hostColumn] &&
      f.program === (programColumn ? want[programColumn] : 'sshd') && f.app === f.program &&
      f.pid === want[pidColumn] &&
      f.message === String(want.Content);
    if (!same) mismatches.push(i + 1);
  });
  expect(mismatches).toEqual([]);
  return raw.records;
}

describe('syslog reader', () => {
  it('reads loghub Linux (RFC 3164) exactly as loghub parsed it: host, program, pid, message, time', async () => {
    const records = await compareWithLoghub('Linux', 'Level', 'Component', 'PID');
    expect(records[0].record.fields).toEqual({
      host: 'combo', program: 'sshd(pam_unix)', app: 'sshd(pam_unix)', pid: 19939,
      message: 'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4',
    });
    const restart = records.find((r) => r.record.fields.program === 'syslogd 1.4.1');
    expect(restart?.record.fields).toMatchObject({ pid: null, message: 'restart.' });
  });

  it('reads loghub OpenSSH the same way', async () => {
    const records = await compareWithLoghub('OpenSSH', 'Component', null, 'Pid');
    // `grep -c ': Failed password' OpenSSH_2k.log` = 518
    expect(records.filter((r) => String(r.record.fields.message).startsWith('Failed password'))).toHaveLength(518);
    expect(new Set(records.map((r) => r.record.fields.host))).toEqual(new Set(['LabSZ']));
  });

  it('reads RFC 5424 lines with PRI, structured data and nil values', async () => {
    const file = tempFile([
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event',
      '<34>1 2003-10-11T22:14:15.003+02:00 host2 su 4242 - - \uFEFF\'su root\' failed for lonvick on /dev/pts/8',
      '<13>1 2024-02-29T08:00:00+0100 - - - - [a@1 x="q\\"uote"][b@2] ',
      '<999>1 2003-10-11T22:14:15.003Z h a - - - too big',
      '<14>1 2003-13-11T22:14:15Z h a - - - bad month',
    ].join('\n'));
    const { records, badRecords, format } = await readAllRecords(file);
    expect(format).toBe('syslog');
    expect(records.map((r) => r.record.time)).toEqual([
      Date.UTC(2003, 9, 11, 22, 14, 15, 3), Date.UTC(2003, 9, 11, 20, 14, 15, 3), Date.UTC(2024, 1, 29, 7),
    ]);
    expect(records[0].record.fields).toEqual({
      severity: 5, severity_name: 'notice', facility: 20, facility_name: 'local4',
      host: 'mymachine.example.com', app: 'evntslog', program: 'evntslog', pid: null, msgid: 'ID47',
      'exampleSDID@32473.iut': '3', 'exampleSDID@32473.eventSource': 'Application', 'exampleSDID@32473.eventID': '1011',
      structured_data: '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]',
      message: 'An application event',
    });
    expect(records[1].record.fields).toMatchObject({
      severity: 2, severity_name: 'crit', facility: 4, facility_name: 'auth', pid: 4242, msgid: null,
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
    expect(records[2].record.fields).toMatchObject({ host: null, app: null, 'a@1.x': 'q"uote', message: '' });
    expect(badRecords.first.map((b) => [b.line, b.field, b.reason])).toEqual([
      [4, 'facility', 'PRI out of range: <999>'],
      [5, 'timestamp', 'unparseable time "2003-13-11T22:14:15Z"'],
    ]);
  });

  it('takes the year option, rolls over from December to January, and applies the timezone', async () => {
    const file = tempFile([
      '<38>Dec 31 23:59:58 gw sshd[7]: Accepted password for root',
      'Jan  1 00:00:02 gw kernel: eth0 link up',
      'Feb 30 00:00:02 gw kernel: no such day',
      'this is no syslog line',
      '2024-01-01T01:00:03.5+01:00 gw cron[99]: (root) CMD (run)',
      'Jan  1 00:00:04 gw Connection closed by 10.0.0.9: timeout',
    ].join('\n'));
    const { records, badRecords } = await readAllRecords(file, { year: 2023, timezone: 'America/New_York' });
    expect(records.map((r) => r.record.time)).toEqual([
      Date.UTC(2024, 0, 1, 4, 59, 58), Date.UTC(2024, 0, 1, 5, 0, 2), Date.UTC(2024, 0, 1, 0, 0, 3, 500),
      Date.UTC(2024, 0, 1, 5, 0, 4),
    ]);
    expect(records[0].record.fields).toEqual({
      severity: 6, severity_name: 'info', facility: 4, facility_name: 'auth',
      host: 'gw', program: 'sshd', app: 'sshd', pid: 7, message: 'Accepted password for root',
    });
    expect(records[2].record.fields).toMatchObject({ host: 'gw', program: 'cron', pid: 99, message: '(root) CMD (run)' });
    expect(records[3].record.fields).toMatchObject({ host: 'gw', program: null, pid: null, message: 'Connection closed by 10.0.0.9: timeout' });
    expect(badRecords.first.map((b) => [b.line, b.field])).toEqual([[3, 'timestamp'], [4, 'timestamp']]);
    expect(badRecords.first[1].reason).toBe('not a syslog line: this is no syslog line');
  });
});
