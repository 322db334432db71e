import { tokenize } from './lexer';
import { parseSearch, type SearchClause } from './searchParser';
import { PipelineSyntaxError } from './tokens';

const search = (text: string): SearchClause => parseSearch(tokenize(text, 0, 'search'));

function filterOf(text: string): unknown {
  return strip(search(text).filter);
}

/** The tree without columns, for compact expectations. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'column' && k !== 'quoted').map(([k, v]) => [k, strip(v)]));
  }
  return node;
}

describe('parseSearch', () => {
  it('implicit AND of comparisons', () => {
    expect(filterOf('a=1 b!=2')).toEqual({
      kind: 'and',
      children: [
        { kind: 'compare', field: 'a', op: '=', value: '1' },
        { kind: 'compare', field: 'b', op: '!=', value: '2' },
      ],
    });
  });

  it('AND binds tighter than OR', () => {
    expect(filterOf('a=1 OR b=2 AND c=3')).toEqual({
      kind: 'or',
      children: [
        { kind: 'compare', field: 'a', op: '=', value: '1' },
        { kind: 'and', children: [{ kind: 'compare', field: 'b', op: '=', value: '2' }, { kind: 'compare', field: 'c', op: '=', value: '3' }] },
      ],
    });
  });

  it('parentheses and NOT', () => {
    expect(filterOf('NOT (a=1 OR a=2)')).toEqual({
      kind: 'not',
      child: { kind: 'or', children: [{ kind: 'compare', field: 'a', op: '=', value: '1' }, { kind: 'compare', field: 'a', op: '=', value: '2' }] },
    });
  });

  it('wildcards, quoted values and names with : . - @', () => {
    expect(filterOf('dest:port=*443 "id.orig_h"="10.0.*" user-agent="Mozilla 5*" @host=web*')).toEqual({
      kind: 'and',
      children: [
        { kind: 'compare', field: 'dest:port', op: '=', value: '*443' },
        { kind: 'compare', field: 'id.orig_h', op: '=', value: '10.0.*' },
        { kind: 'compare', field: 'user-agent', op: '=', value: 'Mozilla 5*' },
        { kind: 'compare', field: '@host', op: '=', value: 'web*' },
      ],
    });
  });

  it('order comparisons', () => {
    expect(filterOf('bytes>=1000 port<1024')).toEqual({
      kind: 'and',
      children: [
        { kind: 'compare', field: 'bytes', op: '>=', value: '1000' },
        { kind: 'compare', field: 'port', op: '<', value: '1024' },
      ],
    });
  });

  it('free-text terms', () => {
    expect(filterOf('error "disk full"')).toEqual({ kind: 'and', children: [{ kind: 'term', value: 'error' }, { kind: 'term', value: 'disk full' }] });
  });

  it('keeps top-level index and sourcetype aside', () => {
    const clause = search('index=ids sourcetype!=snort a=1');
    expect(clause.selectors).toEqual([
      { field: 'index', value: 'ids', negated: false, column: 1 },
      { field: 'sourcetype', value: 'snort', negated: true, column: 11 },
    ]);
    expect(strip(clause.filter)).toEqual({ kind: 'compare', field: 'a', op: '=', value: '1' });
  });

  it('index alternatives under OR are several index selectors', () => {
    const clause = search('(index=flows OR index=ids) proto=tcp');
    expect(clause.selectors.map((s) => s.value)).toEqual(['flows', 'ids']);
    expect(strip(clause.filter)).toEqual({ kind: 'compare', field: 'proto', op: '=', value: 'tcp' });
  });

  it('an empty search matches everything', () => {
    expect(search('   ')).toEqual({ selectors: [], filter: null });
  });

  it('rejects a selector under OR', () => {
    expect(() => search('sourcetype=a OR b=1')).toThrow(new PipelineSyntaxError('sourcetype= selects the source; write it as a top-level term (not under OR or NOT)', 1));
  });

  it('rejects a dangling operator with its column', () => {
    try {
      search('a=1 OR');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(PipelineSyntaxError);
      expect((e as PipelineSyntaxError).column).toBe(7);
    }
  });

  it('columns are offsets into the whole pipeline', () => {
    expect(parseSearch(tokenize('x=1', 10, 'search')).filter).toMatchObject({ column: 11 });
  });
});
