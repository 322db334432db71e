/**
 * Splits a pipeline at its top-level `|` and tokenises each command in its own mode:
 * - `search`: words run up to whitespace, parentheses, quotes and comparison operators, so `10.*`,
 *   `*foo*` and `dest:port` are single words;
 * - `eval`: numbers, names (may hold `.`, `:`, `@` and a `-` between name characters, as in
 *   `dest-port`; write `a - b` with spaces to subtract; a name never ends with `.`), `'quoted names'`,
 *   operators `+ - * / . = == != < <= > >=` (`.` concatenates, as in Splunk);
 * - `autodetect`: words (field names with `:` `.` `-`), `(`, `)`, `,`, `=`.
 */
import { PipelineSyntaxError, type Token } from './tokens';

export interface Segment {
  text: string;
  /** 0-based offset of the segment's first character in the pipeline text. */
  offset: number;
}

/** The commands of a pipeline: the text between top-level `|` (double quotes protect a `|`). */
export function splitSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let quote: string | null = null;
  let quoteStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"') {
      quote = c;
      quoteStart = i;
    } else if (c === '|') {
      segments.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  if (quote) throw new PipelineSyntaxError('unterminated string', quoteStart + 1);
  segments.push({ text: text.slice(start), offset: start });
  return segments;
}

export type LexMode = 'search' | 'eval' | 'autodetect';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_@]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_.:@]/.test(c);

function readQuoted(s: string, i: number, base: number): { text: string; end: number } {
  const quote = s[i];
  let out = '';
  let j = i + 1;
  while (j < s.length && s[j] !== quote) {
    if (s[j] === '\\' && j + 1 < s.length) {
      j++;
      out += s[j] === 'n' ? '\n' : s[j] === 't' ? '\t' : s[j];
    } else {
      out += s[j];
    }
    j++;
  }
  if (j >= s.length) throw new PipelineSyntaxError(`unterminated ${quote === '"' ? 'string' : 'quoted name'}`, base + i + 1);
  return { text: out, end: j + 1 };
}

const twoCharOps = ['!=', '<=', '>=', '=='];

/** Tokens of one command's text (`base` = the text's offset in the pipeline, for columns). */
export function tokenize(s: string, base: number, mode: LexMode): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaceBefore = true;
  const push = (type: Token['type'], text: string, at: number): void => {
    tokens.push({ type, text, column: base + at + 1, spaceBefore });
    spaceBefore = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (isSpace(c)) {
      spaceBefore = true;
      i++;
      continue;
    }
    if (c === '"' || (c === "'" && mode === 'eval')) {
      const { text, end } = readQuoted(s, i, base);
      push(c === '"' ? 'string' : 'field', text, i);
      i = end;
      continue;
    }
    if (c === '(' || c === ')') {
      push(c === '(' ? 'lparen' : 'rparen', c, i);
      i++;
      continue;
    }
    if (c === ',' && mode !== 'search') {
      push('comma', c, i);
      i++;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (mode !== 'autodetect' && twoCharOps.includes(two)) {
      push('op', two, i);
      i += 2;
      continue;
    }
    if (c === '=' || ((c === '<' || c === '>') && mode !== 'autodetect')) {
      push('op', c, i);
      i++;
      continue;
    }
    if (mode === 'eval') {
      i = lexEvalAtom(s, i, base, push);
      continue;
    }
    let j = i;
    while (j < s.length && !isSpace(s[j]) && !'()"='.includes(s[j])) {
      if (mode === 'search' && (s[j] === '<' || s[j] === '>' || (s[j] === '!' && s[j + 1] === '='))) break;
      if (mode === 'autodetect' && s[j] === ',') break;
      j++;
    }
    push('word', s.slice(i, j), i);
    i = j;
  }
  tokens.push({ type: 'eof', text: '', column: base + s.length + 1, spaceBefore: true });
  return tokens;
}

/** One number, name or operator of an eval expression; returns the index after it. */
function lexEvalAtom(s: string, i: number, base: number, push: (type: Token['type'], text: string, at: number) => void): number {
  const c = s[i];
  const number = /^(\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)/.exec(s.slice(i));
  if (number && !isNameStart(s[i + number[0].length]) && s[i + number[0].length] !== '.') {
    push('number', number[0], i);
    return i + number[0].length;
  }
  if (isNameStart(c) || /\d/.test(c)) {
    let j = i;
    while (j < s.length && (isNameChar(s[j]) || (s[j] === '-' && isNameChar(s[j - 1]) && isNameChar(s[j + 1])))) j++;
    while (j > i + 1 && s[j - 1] === '.') j--; // a name never ends with ".": `dest.":"` is dest . ":
    push('word', s.slice(i, j), i);
    return j;
  }
  if ('+-*/.'.includes(c)) {
    push('op', c, i);
    return i + 1;
  }
  throw new PipelineSyntaxError(`unexpected character "${c}"`, base + i + 1);
}
