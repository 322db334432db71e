import type { FieldValue } from '../../engine/types';
import { parseSnortTime } from '../timeParse';
import { lineByLine, RecordError, type LineParser, type ParserContext } from '../types';
import { clip } from '../values';

const FAST_LINE = new RegExp(
  '^(\\d\\d/\\d\\d(?:/\\d{2}|/\\d{4})?-\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)\\s+\\[\\*\\*\\]\\s+' +
    '\\[(\\d+):(\\d+):(\\d+)\\]\\s+(.*?)\\s*\\[\\*\\*\\]' +
    '(?:\\s+\\[Classification:\\s*([^\\]]*?)\\s*\\])?(?:\\s+\\[Priority:\\s*(\\d+)\\])?' +
    '\\s+\\{([^}]*)\\}\\s+(\\S+)\\s+->\\s+(\\S+)\\s*$',
);

/** Splits `1.2.3.4:80`, `[2001:db8::1]:80` or a bare address into address and port. */
export function endpoint(text: string, withPort: boolean): { addr: string; port: number | null } {
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracket) return { addr: bracket[1], port: Number(bracket[2]) };
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(text);
  if (v4) return { addr: v4[1], port: Number(v4[2]) };
  if (withPort && text.split(':').length > 2) {
    const cut = text.lastIndexOf(':');
    const port = text.slice(cut + 1);
    if (/^\d+$/.test(port)) return { addr: text.slice(0, cut), port: Number(port) };
  }
  return { addr: text, port: null };
}

/**
 * Snort/Suricata `fast.log` alert lines:
 * `MM/DD[/YY[YY]]-hh:mm:ss.ffffff [**] [gid:sid:rev] message [**] [Classification: c] [Priority: p] {PROTO} src:port -> dest:port`.
 * Fields use EVE's names (`src_ip`, `alert.signature`, `alert.severity` = Priority, ...) and the
 * brief's (`src`, `dest`, `dest_port`, `protocol`, `signature_name`, `category`). Lines without a
 * year take the `year` option.
 */
export function fastlogParser(ctx: ParserContext): LineParser {
  const defaultYear = ctx.options.year ?? new Date().getUTCFullYear();
  return lineByLine((text, line) => {
    if (text.trim() === '') return null;
    const m = FAST_LINE.exec(text);
    if (!m) throw new RecordError(`not a fast.log alert line: ${clip(text)}`);
    const time = parseSnortTime(m[1], defaultYear, ctx.zoneOffsetMs);
    if (Number.isNaN(time)) throw new RecordError(`unparseable time "${m[1]}"`, 'timestamp');
    const protocol = m[8].trim();
    const withPort = /^(tcp|udp|sctp)$/i.test(protocol);
    const src = endpoint(m[9], withPort);
    const dest = endpoint(m[10], withPort);
    const fields: Record<string, FieldValue> = {
      src_ip: src.addr,
      src_port: src.port,
      dest_ip: dest.addr,
      dest_port: dest.port,
      proto: protocol,
      'alert.gid': Number(m[2]),
      'alert.signature_id': Number(m[3]),
      'alert.rev': Number(m[4]),
      'alert.signature': m[5],
      'alert.category': m[6] ?? null,
      'alert.severity': m[7] ? Number(m[7]) : null,
      src: src.addr,
      dest: dest.addr,
      protocol,
      signature_name: m[5],
      category: m[6] ?? null,
    };
    return { record: { time, fields }, line };
  });
}
