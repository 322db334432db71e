/**
 * Position-by-position comparison of a category template with a message's masked tokens: how much
 * of their constant part agrees, and where two different constant words stand ("hard" differences,
 * which the categoriser never generalises on sight).
 */
import { hasMask, isMaskToken } from './masking';
import { WILDCARD } from './types';

/** How a template and a message's tokens compare position by position. */
export interface Comparison {
  /** Share of the constant positions that agree (1 when there are none). */
  similarity: number;
  /** Positions where two different constant words stand. */
  hardMismatches: number;
  /** The last such position (-1 when none). */
  hardPosition: number;
}

const MASK_IN_TOKEN = /<(IP|UUID|HEX|NUM|TIME|DATE|PATH|URL|EMAIL|HOST|QUOTED|VAR)>/g;
/** A token with every mask kind replaced by one placeholder, so `rhost=<IP>` and `rhost=<VAR>` agree. */
export function maskShape(token: string): string {
  return token.replace(MASK_IN_TOKEN, '<>');
}

/**
 * Compares a template with a message. Equal tokens agree; a wildcard, or two variables of the same
 * shape, are neutral; a variable against a constant is a soft difference; two different constant
 * words are a hard difference.
 */
export function compareTokens(template: readonly string[], tokens: readonly string[]): Comparison {
  let same = 0;
  let constants = 0;
  let hardMismatches = 0;
  let hardPosition = -1;
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    const m = tokens[i];
    if (t === m) {
      if (!isMaskToken(t)) {
        same++;
        constants++;
      }
      continue;
    }
    if (t === WILDCARD) continue;
    const tm = hasMask(t);
    const mm = hasMask(m);
    if (tm && mm && maskShape(t) === maskShape(m)) continue;
    constants++;
    if ((!tm && !mm) || (tm && mm) || emptiedValue(t, m)) {
      hardMismatches++;
      hardPosition = i;
    }
  }
  return { similarity: constants === 0 ? 1 : same / constants, hardMismatches, hardPosition };
}

/** Share of the constant tokens that agree (see `compareTokens`). */
export function similarity(template: readonly string[], tokens: readonly string[]): number {
  return compareTokens(template, tokens).similarity;
}

export function isKeyValuePair(a: string, b: string): boolean {
  const eq = a.indexOf('=');
  return eq > 0 && b.length > eq && b.startsWith(a.slice(0, eq + 1));
}

/** `key=` against `key=<value>`: a field present in one message and empty in the other. */
function emptiedValue(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.endsWith('=') && long.length > short.length && long.startsWith(short);
}
