import { formatEvalExpr } from './evalAst';
import { parseEval } from './evalParser';
import { tokenize } from './lexer';
import { PipelineSyntaxError } from './tokens';

function parse(text: string) {
  return parseEval(tokenize(text, 0, 'eval'), 1);
}

function printed(text: string): string[] {
  return parse(text).command.assignments.map((a) => `${a.name}=${formatEvalExpr(a.expr)}`);
}

describe('parseEval', () => {
  it('precedence of * over + and left associativity', () => {
    expect(printed('x=a + b * c - d')).toEqual(['x=a + b * c - d']);
    expect(parse('x=a - b - c').command.assignments[0].expr).toMatchObject({ kind: 'binary', op: '-', left: { kind: 'binary', op: '-' } });
  });

  it('parentheses survive printing where needed', () => {
    expect(printed('x=(a + b) * c')).toEqual(['x=(a + b) * c']);
  });

  it('unary minus and numbers', () => {
    expect(parse('x=-2.5e1').command.assignments[0].expr).toMatchObject({ kind: 'unary', op: '-', operand: { kind: 'number', value: 25 } });
  });

  it('names with : . - and @, and quoted names', () => {
    expect(printed("dest:protocol:port=id.resp_h + dest-port + @ts + 'odd name'")).toEqual([
      "dest:protocol:port=id.resp_h + dest-port + @ts + 'odd name'",
    ]);
  });

  it('a name with "-digit" is one field, with a note on how to subtract', () => {
    const { command, notes } = parse('x=bytes-1');
    expect(command.assignments[0].expr).toEqual({ kind: 'field', name: 'bytes-1', column: 3 });
    expect(notes).toEqual(['eval: "bytes-1" at column 3 is read as one field name; write "bytes - 1" to subtract']);
  });

  it('a minus with spaces subtracts', () => {
    expect(parse('x=a - b').command.assignments[0].expr).toMatchObject({ kind: 'binary', op: '-' });
  });

  it('several assignments separated by commas', () => {
    expect(printed('a=1, b=a*2')).toEqual(['a=1', 'b=a * 2']);
  });

  it('functions, comparisons and logic', () => {
    expect(printed('big=if(bytes > 1000 AND NOT isnull(dest), "yes", lower(kind))')).toEqual([
      'big=if(bytes > 1000 AND NOT isnull(dest), "yes", lower(kind))',
    ]);
  });

  it('adjacent operands join as text with a note; spaces around the literal next to the gap are dropped', () => {
    const { command, notes } = parse('dp=dest + " : "dest_port');
    expect(command.assignments[0].expr).toMatchObject({
      kind: 'join',
      left: { kind: 'binary', op: '+', right: { kind: 'string', value: ':' } },
      right: { kind: 'field', name: 'dest_port' },
    });
    expect(notes).toEqual(['eval: no operator before "dest_port" at column 16; adjacent operands are joined as text, read as dp=dest + ":" + dest_port']);
  });

  it('string literals keep their spaces when operators are written', () => {
    expect(parse('x=a + " : " + b').command.assignments[0].expr).toMatchObject({ left: { right: { value: ' : ' } } });
  });

  it('wrong number of arguments', () => {
    expect(() => parse('x=round()')).toThrow(new PipelineSyntaxError('round() takes 1 to 2 arguments, not 0', 3));
    expect(() => parse('x=if(a, b)')).toThrow(new PipelineSyntaxError('if() takes 3 arguments, not 2', 3));
  });

  it('missing = and missing expression', () => {
    expect(() => parse('x 1')).toThrow(new PipelineSyntaxError('expected "=" after "x"', 3));
    expect(() => parse('x=')).toThrow(new PipelineSyntaxError('expected a value, a field or "(" but the expression ended', 3));
  });

  it('an unexpected character', () => {
    expect(() => parse('x=a % b')).toThrow(new PipelineSyntaxError('unexpected character "%"', 5));
  });
});
