export interface FieldPair {
  field: string;
  value: string;
}

/** Parses an `entity_key` ("f=v" pairs of by, over, partition joined by ","); a comma inside a value stays with it. */
export function parseEntityKey(entityKey: string): FieldPair[] {
  if (!entityKey) {
    return [];
  }
  const pairs: FieldPair[] = [];
  for (const part of entityKey.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && /^[A-Za-z_@][\w.@-]*$/.test(part.slice(0, eq))) {
      pairs.push({ field: part.slice(0, eq), value: part.slice(eq + 1) });
    } else if (pairs.length > 0) {
      pairs[pairs.length - 1].value += `,${part}`;
    }
  }
  return pairs;
}

/** Lucene query matching every pair (`src:"10.0.0.5" AND dest_port:"443"`); `*` when there are none. */
export function luceneForPairs(pairs: FieldPair[]): string {
  if (pairs.length === 0) {
    return '*';
  }
  return pairs.map((p) => `${p.field}:"${p.value.replace(/(["\\])/g, '\\$1')}"`).join(' AND ');
}
