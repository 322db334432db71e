import { lineByLine, type LineParser } from '../types';

/** Plain lines: each non-blank line is one record whose whole text is `message`; time is 0. */
export function linesParser(): LineParser {
  return lineByLine((text, line) => {
    if (text.trim() === '') return null;
    return { record: { time: 0, fields: { message: text } }, line };
  });
}
