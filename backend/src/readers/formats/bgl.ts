import type { FieldValue } from '../../engine/types';
import { parseEpoch } from '../timeParse';
import { lineByLine, RecordError, type LineParser } from '../types';
import { clip } from '../values';

/** Names of the space-separated columns 3-9 of a BGL line (loghub's Date … Level). */
const COLUMNS = ['date', 'node', 'node_time', 'node_repeat', 'type', 'component', 'level'] as const;

/**
 * loghub BGL raw lines: `label epoch date node time node_repeat type component level content…`.
 * Column 1 is `label` (`-` = normal, else the alert category), column 2 the time in epoch seconds
 * (also kept as `epoch`), `message` the rest of the line after column 2, and where the line has
 * them the named columns and `content` (the free text after `level`, loghub's Content).
 */
export function bglParser(): LineParser {
  return lineByLine((text, line) => {
    if (text.trim() === '') return null;
    const m = /^(\S+) +(\S+) ?(.*)$/.exec(text);
    if (!m) throw new RecordError(`expected "label epoch message": ${clip(text)}`);
    const time = parseEpoch(m[2], 's');
    if (Number.isNaN(time)) throw new RecordError(`unparseable time "${clip(m[2])}"`, 'epoch');
    const message = m[3].trimEnd();
    const fields: Record<string, FieldValue> = { label: m[1], epoch: Number(m[2]), message };
    const words = message === '' ? [] : message.split(/ +/);
    for (let i = 0; i < COLUMNS.length; i++) fields[COLUMNS[i]] = words[i] ?? null;
    const content = /^(?:\S+ +){7}(.*)$/.exec(message);
    fields.content = content ? content[1] : null;
    return { record: { time, fields }, line };
  });
}
