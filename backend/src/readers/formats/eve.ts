import type { FieldValue } from '../../engine/types';
import { addFlowNames, numberOrNull } from '../flowFields';
import { parseDateTime, parseSnortTime } from '../timeParse';
import { lineByLine, RecordError, type LineParser, type ParserContext } from '../types';
import { clip } from '../values';
import { endpoint } from './fastlog';
import { jsonFields } from './json';

/** Address and port of a Snort 3 `src_ap`/`dst_ap` value (`10.1.1.1:80`). */
function addressPort(value: FieldValue | undefined): { addr: string | null; port: number | null } {
  if (typeof value !== 'string' || value === '') return { addr: null, port: null };
  const { addr, port } = endpoint(value, true);
  return { addr, port };
}

/**
 * Suricata EVE JSON (and Snort 3 `alert_json`): fields flattened with dots (`alert.signature`,
 * `flow.bytes_toserver`), time from `timestamp` (ISO-8601 with offset; Snort's `MM/DD-hh:mm:ss.ffffff`
 * with the `year` option), plus the brief's names (conventions §4). Snort 3's own names (`src_addr`,
 * `dst_addr`, `dst_port`, `src_ap`/`dst_ap`, `msg`, `class`) feed the same brief names.
 */
export function eveParser(ctx: ParserContext): LineParser {
  const year = ctx.options.year ?? new Date().getUTCFullYear();
  return lineByLine((text, line) => {
    if (text.trim() === '') return null;
    const fields = jsonFields(text);
    const stamp = fields.timestamp;
    if (typeof stamp !== 'string') throw new RecordError('time is missing', 'timestamp');
    let time = parseDateTime(stamp, ctx.zoneOffsetMs);
    if (Number.isNaN(time)) time = parseSnortTime(stamp, year, ctx.zoneOffsetMs);
    if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(stamp)}"`, 'timestamp');
    const srcAp = addressPort(fields.src_ap);
    const dstAp = addressPort(fields.dst_ap);
    addFlowNames(fields, {
      src: fields.src_ip ?? fields.src_addr ?? srcAp.addr,
      dest: fields.dest_ip ?? fields.dst_addr ?? dstAp.addr,
      destPort: fields.dest_port ?? fields.dst_port ?? dstAp.port,
      protocol: fields.proto ?? null,
      srcAppBytes: numberOrNull(fields['flow.bytes_toserver']),
      destAppBytes: numberOrNull(fields['flow.bytes_toclient']),
    });
    fields.signature_name = fields['alert.signature'] ?? fields.msg ?? null;
    fields.category = fields['alert.category'] ?? fields.class ?? null;
    return { record: { time, fields }, line };
  });
}
