import { maskKindOf, maskMessage, maskQuoted, tokenize } from './masking';

describe('masking of variable parts', () => {
  it.each([
    ['from 10.1.2.3 port 22', 'from <IP> port <NUM>'],
    ['conn 10.250.18.114:50010 ok', 'conn <IP> ok'],
    ['ipv6 peer fe80::1 gone', '<VAR> peer <IP> gone'],
    ['id 123e4567-e89b-12d3-a456-426614174000 done', 'id <UUID> done'],
    ['addr 0x1f3a and deadbeef12 cafe', 'addr <HEX> and <HEX> cafe'],
    ['took 12.5ms, -3 left, 1e-5', 'took <NUM>, <NUM> left, <NUM>'],
    ['at 07:57:30 on 2005-06-03-15.42.50.675872', 'at <TIME> on <DATE>'],
    ['opened /var/log/messages and C:\\temp\\x.txt', 'opened <PATH> and <PATH>'],
    ['see https://example.com/a?b=1 now', 'see <URL> now'],
    ['mail bob@example.org now', 'mail <EMAIL> now'],
    ['rhost=zummit.com via ns.marryaldkfaczcz.com', 'rhost=<HOST> via <HOST>'],
    ['file "my file.txt" and \'x y\' can\'t', 'file "<QUOTED>" and \'<QUOTED>\' can\'t'],
    ['node R02-M1-N0-C:J12-U11 wrote core.2275', 'node <VAR> wrote <VAR>'],
    ['connection from 1.2.3.4 () at Sun Jul 17 07:57:30 2005', 'connection from <IP> () at <DATE>'],
    ['program interrupt: illegal instruction......0', 'program interrupt: illegal instruction <NUM>'],
    ['(uid=0) [173.234.31.186] user=root tty=:0 ruser=', '(uid=<NUM>) [<IP>] user=root tty=<VAR> ruser='],
  ])('%s', (message, masked) => {
    expect(maskMessage(message)).toBe(masked);
  });

  it('leaves constant words alone, including hex-looking words without digits and dotted names', () => {
    expect(maskKindOf('cafe')).toBeNull();
    expect(maskKindOf('rpc.statd')).toBeNull();
    expect(maskKindOf('com.jcraft.jsch.JSchException')).toBeNull();
    expect(maskMessage('Bye Bye [preauth]')).toBe('Bye Bye [preauth]');
  });

  it('masks a month or weekday only beside a date part', () => {
    expect(maskMessage('May I come in')).toBe('May I come in');
    expect(maskMessage('on May 3 it failed')).toBe('on <DATE> it failed');
  });

  it('takes a run of bare variables as one (lists of ids of any length)', () => {
    expect(maskMessage('ask 10.0.0.1:50010 to delete blk_1 blk_-2 blk_3')).toBe('ask <IP> to delete <VAR>');
    expect(maskMessage('ask 10.0.0.1:50010 to delete blk_1')).toBe('ask <IP> to delete <VAR>');
    expect(maskMessage('softheader=0064588e 8aff0003 00000002 00000000) x')).toBe('softheader=<NUM> <HEX> <NUM>) x');
  });

  it('masks quoted values but not apostrophes inside words', () => {
    expect(maskQuoted("can't get 'x' now")).toBe("can't get '<QUOTED>' now");
    expect(maskQuoted('say "a b c", then')).toBe('say "<QUOTED>", then');
  });

  it('splits on white space and keeps punctuation around the masked core', () => {
    expect(tokenize('  a\t[10.0.0.1]:  b  ')).toEqual(['a', '[<IP>]:', 'b']);
    expect(tokenize('')).toEqual([]);
  });
});
