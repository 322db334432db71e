/**
 * Search terms (before the first `|`): `field=value`, `field!=value`, `<`, `<=`, `>`, `>=`, wildcards
 * (`10.*`, `*foo*`), quoted values, free-text terms, `AND`/`OR`/`NOT`, parentheses and implicit AND.
 * `index=` and `sourcetype=` at the top level are source selectors, kept aside (also `(index=a OR index=b)`;
 * several `index=` name several index patterns, read together).
 *
 *   or    := and ("OR" and)*
 *   and   := unary (["AND"] unary)*
 *   unary := "NOT" unary | "(" or ")" | word op value | word | string
 */
import { PipelineSyntaxError, type Token } from './tokens';

export type SearchOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type SearchNode =
  | { kind: 'and'; children: SearchNode[] }
  | { kind: 'or'; children: SearchNode[] }
  | { kind: 'not'; child: SearchNode }
  | { kind: 'compare'; field: string; op: SearchOperator; value: string; quoted: boolean; column: number }
  | { kind: 'term'; value: string; quoted: boolean; column: number };

/** `index=…` picks the index pattern, `sourcetype=…` the keyword field; a file input ignores both. */
export interface SourceSelector {
  field: 'index' | 'sourcetype';
  value: string;
  negated: boolean;
  column: number;
}

export interface SearchClause {
  selectors: SourceSelector[];
  /** The record filter; null matches every record. */
  filter: SearchNode | null;
}

const searchOperators: readonly string[] = ['=', '!=', '<', '<=', '>', '>='];

class SearchParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private isKeyword(token: Token, word: string): boolean {
    return token.type === 'word' && token.text === word;
  }

  parse(): SearchNode | null {
    if (this.peek().type === 'eof') return null;
    const node = this.parseOr();
    const extra = this.peek();
    if (extra.type !== 'eof') throw new PipelineSyntaxError(`unexpected "${extra.text}"`, extra.column);
    return node;
  }

  private parseOr(): SearchNode {
    const children = [this.parseAnd()];
    while (this.isKeyword(this.peek(), 'OR')) {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  private startsUnary(token: Token): boolean {
    if (token.type === 'lparen' || token.type === 'string') return true;
    return token.type === 'word' && token.text !== 'OR';
  }

  private parseAnd(): SearchNode {
    const children = [this.parseUnary()];
    for (;;) {
      if (this.isKeyword(this.peek(), 'AND')) {
        this.next();
        children.push(this.parseUnary());
      } else if (this.startsUnary(this.peek())) {
        children.push(this.parseUnary());
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  private parseUnary(): SearchNode {
    const token = this.next();
    if (this.isKeyword(token, 'NOT')) return { kind: 'not', child: this.parseUnary() };
    if (token.type === 'lparen') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.type !== 'rparen') throw new PipelineSyntaxError(`expected ")" (the "(" opens at column ${token.column})`, close.column);
      return inner;
    }
    if (token.type === 'word' && (token.text === 'AND' || token.text === 'OR')) {
      throw new PipelineSyntaxError(`"${token.text}" needs a term on each side`, token.column);
    }
    if ((token.type === 'word' || token.type === 'string') && this.peek().type === 'op') {
      const op = this.next();
      if (!searchOperators.includes(op.text)) throw new PipelineSyntaxError(`unknown operator "${op.text}"`, op.column);
      const value = this.next();
      if (value.type !== 'word' && value.type !== 'string') {
        throw new PipelineSyntaxError(`expected a value after "${token.text}${op.text}"`, value.column);
      }
      return {
        kind: 'compare',
        field: token.text,
        op: op.text as SearchOperator,
        value: value.text,
        quoted: value.type === 'string',
        column: token.column,
      };
    }
    if (token.type === 'word' || token.type === 'string') {
      return { kind: 'term', value: token.text, quoted: token.type === 'string', column: token.column };
    }
    if (token.type === 'op') throw new PipelineSyntaxError(`"${token.text}" needs a field name before it`, token.column);
    if (token.type === 'eof') throw new PipelineSyntaxError('unexpected end of the search terms', token.column);
    throw new PipelineSyntaxError(`unexpected "${token.text}"`, token.column);
  }
}

function selectorOf(node: SearchNode): SourceSelector | null {
  if (node.kind !== 'compare') return null;
  const field = node.field.toLowerCase();
  if (field !== 'index' && field !== 'sourcetype') return null;
  if (node.op !== '=' && node.op !== '!=') throw new PipelineSyntaxError(`${field} takes = or !=`, node.column);
  if (field === 'index' && node.op === '!=') throw new PipelineSyntaxError('index!= is not supported; name the indices to read', node.column);
  return { field, value: node.value, negated: node.op === '!=', column: node.column };
}

function rejectNestedSelectors(node: SearchNode): void {
  if (node.kind === 'and' || node.kind === 'or') node.children.forEach(rejectNestedSelectors);
  else if (node.kind === 'not') rejectNestedSelectors(node.child);
  else if (node.kind === 'compare' && ['index', 'sourcetype'].includes(node.field.toLowerCase())) {
    throw new PipelineSyntaxError(`${node.field}= selects the source; write it as a top-level term (not under OR or NOT)`, node.column);
  }
}

/** `(index=a OR index=b)`: several index patterns, read together. */
function isIndexAlternatives(node: SearchNode): node is Extract<SearchNode, { kind: 'or' }> {
  return node.kind === 'or' && node.children.every((c) => c.kind === 'compare' && c.field.toLowerCase() === 'index' && c.op === '=');
}

/** Parses search tokens and separates the top-level source selectors from the record filter. */
export function parseSearch(tokens: Token[]): SearchClause {
  const node = new SearchParser(tokens).parse();
  if (node === null) return { selectors: [], filter: null };
  const conjuncts = node.kind === 'and' ? node.children : [node];
  const selectors: SourceSelector[] = [];
  const rest: SearchNode[] = [];
  for (const child of conjuncts) {
    const selector = selectorOf(child);
    if (selector) selectors.push(selector);
    else if (isIndexAlternatives(child)) child.children.forEach((c) => selectors.push(selectorOf(c) as SourceSelector));
    else rest.push(child);
  }
  rest.forEach(rejectNestedSelectors);
  const filter = rest.length === 0 ? null : rest.length === 1 ? rest[0] : { kind: 'and' as const, children: rest };
  return { selectors, filter };
}
