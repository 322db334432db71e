/**
 * Tokenising and masking of free-text messages before categorisation.
 *
 * A message is split on white space; each token keeps its wrapping punctuation and a `key=` prefix,
 * and its core is replaced by a mask when it is a variable: an IP address, a UUID, a hex or decimal
 * number, a time, a path, a URL, an e-mail address, a quoted value, or any other word holding a
 * digit, or a DNS name. Runs of two or more dots (`instruction......0`) separate tokens. A weekday or month name
 * next to a date part is masked too. Pure and allocation-light: it runs once per input message.
 */

export const MASKS = {
  ip: '<IP>',
  uuid: '<UUID>',
  hex: '<HEX>',
  num: '<NUM>',
  time: '<TIME>',
  date: '<DATE>',
  path: '<PATH>',
  url: '<URL>',
  email: '<EMAIL>',
  host: '<HOST>',
  quoted: '<QUOTED>',
  var: '<VAR>',
} as const;
export type MaskKind = keyof typeof MASKS;

const MASK_VALUES = new Set<string>(Object.values(MASKS));
/** True when the token is exactly one mask (a variable with nothing constant around it). */
export function isMaskToken(token: string): boolean {
  return MASK_VALUES.has(token);
}
/** True when the token holds a mask anywhere (`rhost=<IP>`, `(<NUM>)`). */
export function hasMask(token: string): boolean {
  return token.includes('<') && /<(IP|UUID|HEX|NUM|TIME|DATE|PATH|URL|EMAIL|HOST|QUOTED|VAR)>/.test(token);
}

const LEADING = new Uint8Array(128);
for (const ch of '([{<"\'`') LEADING[ch.charCodeAt(0)] = 1;
const TRAILING = new Uint8Array(128);
for (const ch of ')]}>,;:."\'`!?') TRAILING[ch.charCodeAt(0)] = 1;

const RE_IPV4 = /^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/;
const RE_IPV6 = /^[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}$/;
const RE_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const RE_HEX_0X = /^0[xX][0-9a-fA-F]+$/;
const RE_HEX_LONG = /^[0-9a-fA-F]{6,}$/;
const RE_NUM = /^[-+]?\d+([.,]\d+)*([eE][-+]?\d+)?[a-zA-Z%]{0,2}$/;
const RE_TIME = /^\d{1,2}:\d{2}(:\d{2})?([.,]\d+)?$/;
const RE_DATE = /^\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}([-T ]\d{1,2}[.:]\d{2}([.:]\d{2})?([.,]\d+)?)?Z?$/;
const RE_EMAIL = /^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$/;
const RE_URL = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/\S+$/;
const RE_PATH = /^(~?\/|[a-zA-Z]:\\|\.{1,2}\/)\S*[^/]$/;

/** A DNS name: dotted labels ending in a country code or a common generic top-level domain. */
const RE_HOST = /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+([a-zA-Z]{2}|com|net|org|edu|gov|mil|info|biz|int|arpa|local|lan|io|dev)$/;

const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'January', 'February', 'March', 'April', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Letters, `-`, `_` and `:` only (the common case): never a variable. */
function isPlainWord(core: string): boolean {
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (!letter && c !== 45 && c !== 95 && !(c === 58 && i > 0)) return false;
  }
  return true;
}

/** The mask for a bare token core, or null when the core is a constant word. */
export function maskKindOf(core: string): MaskKind | null {
  if (core.length === 0) return null;
  const c0 = core.charCodeAt(0);
  if (isPlainWord(core)) return null;
  if (c0 === 47 /* / */ || c0 === 126 /* ~ */ || (core.length > 2 && core[1] === ':' && core[2] === '\\') || core.startsWith('./') || core.startsWith('../')) {
    if (core.length > 1 && RE_PATH.test(core)) return 'path';
  }
  if (core.includes('://') && RE_URL.test(core)) return 'url';
  if (core.includes('@') && RE_EMAIL.test(core)) return 'email';
  if (core.includes('.') && RE_HOST.test(core)) return 'host';
  if (!hasDigit(core)) return null;
  if (RE_IPV4.test(core)) return 'ip';
  if (RE_UUID.test(core)) return 'uuid';
  if (RE_TIME.test(core)) return 'time';
  if (RE_DATE.test(core)) return 'date';
  if (RE_NUM.test(core)) return 'num';
  if (RE_HEX_0X.test(core) || RE_HEX_LONG.test(core)) return 'hex';
  if (core.includes(':') && RE_IPV6.test(core)) return 'ip';
  if (c0 === 47 || c0 === 126) return 'path';
  return 'var';
}

/** Masks one white-space-free piece: wrapping punctuation and a `key=` prefix stay, the core is masked. */
function maskPiece(piece: string): string {
  let start = 0;
  let end = piece.length;
  while (start < end && LEADING[piece.charCodeAt(start)] === 1) start++;
  while (end > start && TRAILING[piece.charCodeAt(end - 1)] === 1) end--;
  if (start === end) return piece;
  const core = piece.slice(start, end);
  let masked: string;
  const eq = core.indexOf('=');
  if (eq > 0 && eq < core.length - 1 && !hasDigit(core.slice(0, 1)) && !core.slice(0, eq).includes('/')) {
    const value = core.slice(eq + 1);
    const kind = maskKindOf(value.replace(/^[("'[]+|[)"'\]]+$/g, ''));
    masked = kind ? core.slice(0, eq + 1) + MASKS[kind] : core;
  } else {
    const kind = maskKindOf(core);
    masked = kind ? MASKS[kind] : core;
  }
  if (start === 0 && end === piece.length) return masked;
  return piece.slice(0, start) + masked + piece.slice(end);
}

function isQuoteStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const p = text[i - 1];
  return p === ' ' || p === '\t' || p === '=' || p === '(' || p === '[' || p === ':' || p === ',';
}

/** Replaces quoted values (`"…"`, and `'…'` opened at a word start) by `"<QUOTED>"`. */
export function maskQuoted(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if ((ch === '"' || ch === "'") && isQuoteStart(text, i)) {
      const close = text.indexOf(ch, i + 1);
      const after = close >= 0 ? text[close + 1] : undefined;
      const closesWord = after === undefined || !/[A-Za-z0-9]/.test(after);
      if (close > i && closesWord) {
        out += ch + MASKS.quoted + ch;
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Splits a message into masked tokens. */
export function tokenize(message: string): string[] {
  const text = maskQuoted(message);
  const tokens: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (i < n && (c === 32 || c === 9 || c === 10 || c === 13)) c = text.charCodeAt(++i);
    if (i >= n) break;
    let j = i;
    while (j < n && c !== 32 && c !== 9 && c !== 10 && c !== 13) c = text.charCodeAt(++j);
    const word = text.slice(i, j);
    if (word.includes('..') && /[^.]\.{2,}[^.]/.test(word)) {
      for (const part of word.split(/\.{2,}/)) if (part) tokens.push(maskPiece(part));
    } else {
      tokens.push(maskPiece(word));
    }
    i = j;
  }
  markDates(tokens);
  return collapseRepeats(tokens);
}

/** A run of bare masks (a list of block ids, of numbers) counts as one variable: `<VAR> <NUM> <VAR>` → `<VAR>`. */
function collapseRepeats(tokens: string[]): string[] {
  let w = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (w > 0 && isMaskToken(tokens[k]) && isMaskToken(tokens[w - 1])) continue;
    tokens[w++] = tokens[k];
  }
  tokens.length = w;
  return tokens;
}

function isDatePart(token: string | undefined): boolean {
  return token === MASKS.num || token === MASKS.time || token === MASKS.date || token === MASKS.num + ',';
}

/** Capitalised and 3 to 10 characters long: could be a weekday or month name. */
function mayBeDateName(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 65 && c <= 90 && token.length >= 3 && token.length <= 10;
}

/** Weekday and month names beside a masked date or time part become `<DATE>` as well. */
function markDates(tokens: string[]): void {
  let any = false;
  for (let k = 0; k < tokens.length && !any; k++) any = mayBeDateName(tokens[k]);
  if (!any) return;
  for (let k = 0; k < tokens.length; k++) {
    if (!mayBeDateName(tokens[k])) continue;
    const t = tokens[k].replace(/[,.]$/, '');
    if (!WEEKDAYS.has(t) && !MONTHS.has(t)) continue;
    const next = tokens[k + 1];
    const nextIsName = next !== undefined && (MONTHS.has(next.replace(/[,.]$/, '')) || WEEKDAYS.has(next.replace(/[,.]$/, '')));
    if (isDatePart(next) || isDatePart(tokens[k - 1]) || nextIsName) tokens[k] = MASKS.date;
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if ((WEEKDAYS.has(t) || MONTHS.has(t)) && tokens[k + 1] === MASKS.date) tokens[k] = MASKS.date;
  }
}

/** The masked message as one string (tokens joined by single spaces). */
export function maskMessage(message: string): string {
  return tokenize(message).join(' ');
}
