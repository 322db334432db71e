import { addFlowNames, numberOrNull } from '../flowFields';
import { pickTimeField, timeOfValue } from '../timeField';
import { lineByLine, RecordError, type LineParser, type ParserContext } from '../types';
import { jsonFields } from './json';

/**
 * NDJSON: one JSON object per line, nested objects flattened with dots. The time field is the
 * `timeField` option, else the default found first (looked up again in a record without it). Zeek
 * JSON logs (`id.orig_h` present) also get the brief's flow names.
 */
export function ndjsonParser(ctx: ParserContext): LineParser {
  let used: string | null = null;
  const option = ctx.options.timeField;
  const parser = lineByLine((text, line) => {
    if (text.trim() === '') return null;
    const fields = jsonFields(text);
    let time = 0;
    if (option !== false) {
      const field = used !== null && used in fields ? used : pickTimeField(Object.keys(fields), option);
      if (field === null) throw new RecordError('time is missing', option ?? 'timestamp');
      used ??= field;
      time = timeOfValue(fields[field], field, ctx);
    }
    if ('id.orig_h' in fields) {
      addFlowNames(fields, {
        src: fields['id.orig_h'],
        dest: fields['id.resp_h'] ?? null,
        destPort: fields['id.resp_p'] ?? null,
        protocol: fields.proto ?? null,
        srcAppBytes: numberOrNull(fields.orig_bytes),
        destAppBytes: numberOrNull(fields.resp_bytes),
      });
    }
    return { record: { time, fields }, line };
  });
  return { ...parser, timeField: () => used };
}
