/**
 * Generated expressions (fixed seed): printing a tree and parsing it back gives the same tree, and
 * both evaluate to the same value on generated records.
 */
import { formatEvalExpr, type EvalBinaryOperator, type EvalExpr } from '../engine/config/grammar/evalAst';
import { parseEval } from '../engine/config/grammar/evalParser';
import { tokenize } from '../engine/config/grammar/lexer';
import type { FieldValue } from '../engine/types';
import { compileExpr } from './evalRuntime';
import { mulberry32 as random } from '../engine/maths/seededRandom';


const fields = ['a', 'b', 'dest:port', 'id.resp_h', 'x-y', 'missing'];
const strings = ['', 'tcp', 'a b', '10.0.0.1', ':', '42'];
const operators: EvalBinaryOperator[] = ['+', '-', '.', '*', '/', '=', '!=', '<', '>=', 'AND', 'OR'];

function generate(next: () => number, depth: number): EvalExpr {
  const column = 0;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const r = next();
  if (depth <= 0 || r < 0.3) {
    const leaf = next();
    if (leaf < 0.35) return { kind: 'number', value: Math.floor(next() * 1000) / 10, column };
    if (leaf < 0.6) return { kind: 'string', value: pick(strings), column };
    return { kind: 'field', name: pick(fields), column };
  }
  if (r < 0.4) return { kind: 'unary', op: next() < 0.5 ? '-' : 'NOT', operand: generate(next, depth - 1), column };
  if (r < 0.5) {
    const name = pick(['round', 'lower', 'coalesce', 'if', 'len', 'max'] as const);
    const arity = name === 'if' ? 3 : name === 'coalesce' || name === 'max' ? 2 : 1;
    return { kind: 'call', name, args: Array.from({ length: arity }, () => generate(next, depth - 1)), column };
  }
  return { kind: 'binary', op: pick(operators), left: generate(next, depth - 1), right: generate(next, depth - 1), column };
}

/** The tree without columns. */
function shape(expr: EvalExpr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value) => (key === 'column' ? undefined : value)));
}

function record(next: () => number): Record<string, FieldValue> {
  const values: FieldValue[] = [null, 0, 3, -2.5, 'tcp', '7', 'Web', ''];
  const out: Record<string, FieldValue> = {};
  for (const f of fields.slice(0, -1)) out[f] = values[Math.floor(next() * values.length)];
  return out;
}

describe('eval: print → parse round trip on generated expressions', () => {
  it('gives the same tree and the same values for 500 expressions', () => {
    const next = random(7);
    const mismatches: string[] = [];
    let nonNull = 0;
    for (let i = 0; i < 500; i++) {
      const expr = generate(next, 4);
      const text = formatEvalExpr(expr);
      const { command } = parseEval(tokenize(`v=${text}`, 0, 'eval'), 1);
      const reparsed = command.assignments[0].expr;
      if (JSON.stringify(shape(reparsed)) !== JSON.stringify(shape(expr))) mismatches.push(`tree: ${text}`);
      const original = compileExpr(expr);
      const roundTripped = compileExpr(reparsed);
      for (let k = 0; k < 3; k++) {
        const fieldsOfRecord = record(next);
        const want = original(fieldsOfRecord);
        if (want !== null) nonNull++;
        if (roundTripped(fieldsOfRecord) !== want) mismatches.push(`value: ${text}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(nonNull).toBeGreaterThan(300);
  });
});
