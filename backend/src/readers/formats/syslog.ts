import type { FieldValue } from '../../engine/types';
import { clockTime, monthIndex, parseDateTime } from '../timeParse';
import { lineByLine, RecordError, type LineParser, type ParserContext } from '../types';
import { clip } from '../values';

const SEVERITY_NAMES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5',
  'local6', 'local7',
];

/** `<PRI>` at the start of a line: its value and the rest, or null when absent. */
function takePri(text: string): { pri: number; rest: string } | null {
  const m = /^<(\d{1,3})>/.exec(text);
  if (!m) return null;
  const pri = Number(m[1]);
  if (pri > 191) throw new RecordError(`PRI out of range: <${m[1]}>`, 'facility');
  return { pri, rest: text.slice(m[0].length) };
}

function addPri(fields: Record<string, FieldValue>, pri: number): void {
  fields.severity = pri % 8;
  fields.severity_name = SEVERITY_NAMES[pri % 8];
  fields.facility = Math.floor(pri / 8);
  fields.facility_name = FACILITY_NAMES[Math.floor(pri / 8)];
}

/**
 * `program[pid]: message` after the host (RFC 3164 TAG). The tag may hold one space (`syslogd 1.4.1`,
 * `-- root`, as loghub reads them); without such a tag before a `: ` the whole rest is the message.
 */
function addTagAndMessage(fields: Record<string, FieldValue>, rest: string): void {
  const m = /^(\s*[^\s[:]+(?: [^\s[:]+)?)(?:\[(\d+)\])?: /.exec(rest + ' ');
  if (m && m[1].length <= 64) {
    const program = m[1].trim();
    fields.program = program;
    fields.app = program;
    fields.pid = m[2] ? Number(m[2]) : null;
    fields.message = rest.slice(m[0].length).trim();
  } else {
    fields.program = null;
    fields.app = null;
    fields.pid = null;
    fields.message = rest.trim();
  }
}

const BSD_HEADER = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d:\d\d:\d\d(?:\.\d{1,6})?) +(\S+) ?(.*)$/;
const ISO_HEADER = /^(\d{4}-\d\d-\d\dT\S+) +(\S+) ?(.*)$/;
const RFC5424 = /^1 (\S+) (\S+) (\S+) (\S+) (\S+) ?(.*)$/;

/** RFC 5424 structured data `[id k="v" ...][...]`: its parameters as `<id>.<k>` fields, and the rest. */
function takeStructuredData(text: string, fields: Record<string, FieldValue>): string {
  if (text.startsWith('- ') || text === '-') return text.slice(2);
  let i = 0;
  while (text[i] === '[') {
    const idEnd = text.slice(i + 1).search(/[ \]]/);
    if (idEnd < 0) throw new RecordError('unterminated structured data', 'structured_data');
    const id = text.slice(i + 1, i + 1 + idEnd);
    i = i + 1 + idEnd;
    const param = /^ ([^=\s\]]+)="((?:[^"\\]|\\.)*)"/;
    for (;;) {
      const m = param.exec(text.slice(i));
      if (!m) break;
      fields[`${id}.${m[1]}`] = m[2].replace(/\\(["\\\]])/g, '$1');
      i += m[0].length;
    }
    if (text[i] !== ']') throw new RecordError('malformed structured data', 'structured_data');
    i++;
  }
  fields.structured_data = text.slice(0, i);
  return text.slice(i).replace(/^ /, '');
}

const nil = (v: string): string | null => (v === '-' ? null : v);

/**
 * Syslog: RFC 3164 (`<PRI>Mmm dd hh:mm:ss host program[pid]: message`, PRI optional, the year from
 * the `year` option with a roll-over when the month steps back from December to January), the same
 * with an ISO-8601 time (rsyslog), and RFC 5424 (`<PRI>1 time host app procid msgid [sd] message`).
 */
export function syslogParser(ctx: ParserContext): LineParser {
  let year = ctx.options.year ?? new Date().getUTCFullYear();
  let lastMonth = -1;

  return lineByLine((text, line) => {
    if (text.trim() === '') return null;
    const fields: Record<string, FieldValue> = {};
    const pri = takePri(text);
    let rest = pri ? pri.rest : text;
    if (pri) addPri(fields, pri.pri);
    let time: number;
    const v5 = pri ? RFC5424.exec(rest) : null;
    if (v5) {
      time = parseDateTime(v5[1], ctx.zoneOffsetMs);
      if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(v5[1])}"`, 'timestamp');
      fields.host = nil(v5[2]);
      fields.app = nil(v5[3]);
      fields.program = fields.app;
      const procid = nil(v5[4]);
      fields.pid = procid !== null && /^\d+$/.test(procid) ? Number(procid) : procid;
      fields.msgid = nil(v5[5]);
      fields.message = takeStructuredData(v5[6], fields).replace(/^\uFEFF/, '');
      return { record: { time, fields }, line };
    }
    const bsd = BSD_HEADER.exec(rest);
    if (bsd) {
      const month = monthIndex(bsd[1]);
      if (month < 0) throw new RecordError(`unknown month "${bsd[1]}"`, 'timestamp');
      if (lastMonth >= 0 && month < lastMonth - 6) year++;
      lastMonth = month;
      time = clockTime(year, month, Number(bsd[2]), bsd[3], ctx.zoneOffsetMs);
      if (Number.isNaN(time)) throw new RecordError(`unparseable time "${bsd[1]} ${bsd[2]} ${bsd[3]}"`, 'timestamp');
      fields.host = bsd[4];
      rest = bsd[5];
    } else {
      const iso = ISO_HEADER.exec(rest);
      if (!iso) throw new RecordError(`not a syslog line: ${clip(text)}`, 'timestamp');
      time = parseDateTime(iso[1], ctx.zoneOffsetMs);
      if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(iso[1])}"`, 'timestamp');
      fields.host = iso[2];
      rest = iso[3];
    }
    addTagAndMessage(fields, rest);
    return { record: { time, fields }, line };
  });
}
