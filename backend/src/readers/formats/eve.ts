import { addFlowNames, numberOrNull } from '../flowFields';
import { parseDateTime } from '../timeParse';
import { lineByLine, RecordError, type LineParser, type ParserContext } from '../types';
import { clip } from '../values';
import { jsonFields } from './json';

/**
 * Suricata/Snort EVE JSON: fields flattened with dots (`alert.signature`, `flow.bytes_toserver`),
 * time from `timestamp` (ISO-8601 with offset), plus the brief's names (conventions §4).
 */
export function eveParser(ctx: ParserContext): LineParser {
  return lineByLine((text, line) => {
    if (text.trim() === '') return null;
    const fields = jsonFields(text);
    const stamp = fields.timestamp;
    if (typeof stamp !== 'string') throw new RecordError('time is missing', 'timestamp');
    const time = parseDateTime(stamp, ctx.zoneOffsetMs);
    if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(stamp)}"`, 'timestamp');
    addFlowNames(fields, {
      src: fields.src_ip ?? null,
      dest: fields.dest_ip ?? null,
      destPort: fields.dest_port ?? null,
      protocol: fields.proto ?? null,
      srcAppBytes: numberOrNull(fields['flow.bytes_toserver']),
      destAppBytes: numberOrNull(fields['flow.bytes_toclient']),
    });
    fields.signature_name = fields['alert.signature'] ?? null;
    fields.category = fields['alert.category'] ?? null;
    return { record: { time, fields }, line };
  });
}
