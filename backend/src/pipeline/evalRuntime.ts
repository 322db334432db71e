/**
 * Runs parsed eval expressions on records. Expressions are compiled once into closures over the tree
 * (no JavaScript is generated from user text). Semantics:
 * - `+` adds numbers (and numeric text from fields); with a string literal or non-numeric text on either
 *   side it concatenates the texts, numbers in shortest decimal form;
 * - `.` (Splunk's operator) and adjacent operands (a "join") always concatenate as text;
 * - `- * /` need numbers; division by zero gives null; null (a missing field) propagates.
 */
import type { EvalBinaryOperator, EvalCommand, EvalExpr, EvalFunctionName } from '../engine/config/grammar/evalAst';
import type { FieldValue } from '../engine/types';
import { toFieldValue, toNumber, toText, type EvalValue } from './values';

type Fields = Record<string, FieldValue>;
type Compiled = (fields: Fields) => EvalValue;

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function truth(value: EvalValue): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return value !== '' && value.toLowerCase() !== 'false';
}

function isText(value: EvalValue, literal: boolean): boolean {
  return typeof value === 'string' && (literal || toNumber(value) === null);
}

function compare(op: EvalBinaryOperator, a: EvalValue, b: EvalValue): boolean | null {
  if (a === null || b === null) return null;
  const x = toNumber(a);
  const y = toNumber(b);
  const numeric = x !== null && y !== null && typeof a !== 'boolean' && typeof b !== 'boolean';
  const l: number | string = numeric ? (x as number) : (toText(a) as string);
  const r: number | string = numeric ? (y as number) : (toText(b) as string);
  switch (op) {
    case '=':
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}

function arithmetic(op: '-' | '*' | '/', a: EvalValue, b: EvalValue): number | null {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) return null;
  if (op === '-') return finite(x - y);
  if (op === '*') return finite(x * y);
  return y === 0 ? null : finite(x / y);
}

function numeric1(f: (x: number) => number): (args: EvalValue[]) => EvalValue {
  return ([a]) => {
    const x = toNumber(a);
    return x === null ? null : finite(f(x));
  };
}

function roundTo(x: number, digits: number): number {
  const factor = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * factor)) / factor;
}

const functions: Record<Exclude<EvalFunctionName, 'if' | 'coalesce'>, (args: EvalValue[]) => EvalValue> = {
  abs: numeric1(Math.abs),
  floor: numeric1(Math.floor),
  ceil: numeric1(Math.ceil),
  ceiling: numeric1(Math.ceil),
  sqrt: numeric1(Math.sqrt),
  ln: numeric1(Math.log),
  exp: numeric1(Math.exp),
  round: ([a, d]) => {
    const x = toNumber(a);
    const digits = d === undefined ? 0 : toNumber(d);
    return x === null || digits === null ? null : roundTo(x, Math.trunc(digits));
  },
  log: ([a, b]) => {
    const x = toNumber(a);
    const base = b === undefined ? 10 : toNumber(b);
    return x === null || base === null ? null : finite(Math.log(x) / Math.log(base));
  },
  pow: ([a, b]) => {
    const x = toNumber(a);
    const y = toNumber(b);
    return x === null || y === null ? null : finite(x ** y);
  },
  min: (args) => pick(args, (x, y) => x < y),
  max: (args) => pick(args, (x, y) => x > y),
  lower: ([a]) => toText(a)?.toLowerCase() ?? null,
  upper: ([a]) => toText(a)?.toUpperCase() ?? null,
  len: ([a]) => toText(a)?.length ?? null,
  trim: ([a]) => toText(a)?.trim() ?? null,
  substr: ([a, start, length]) => {
    const text = toText(a);
    const s = toNumber(start);
    const n = length === undefined ? Infinity : toNumber(length);
    if (text === null || s === null || n === null) return null;
    const from = s > 0 ? s - 1 : Math.max(0, text.length + s);
    return text.slice(from, from + Math.max(0, n));
  },
  isnull: ([a]) => a === null,
  isnotnull: ([a]) => a !== null,
  isnum: ([a]) => typeof a === 'number',
  isstr: ([a]) => typeof a === 'string',
  tostring: ([a]) => toText(a),
  tonumber: ([a]) => toNumber(a),
  null: () => null,
};

/** Numbers compare as numbers; otherwise as text (Splunk's min/max). Nulls are skipped. */
function pick(args: EvalValue[], better: (x: number | string, y: number | string) => boolean): EvalValue {
  let best: EvalValue = null;
  for (const a of args) {
    if (a === null) continue;
    if (best === null) best = a;
    else {
      const x = toNumber(a);
      const y = toNumber(best);
      if (x !== null && y !== null ? better(x, y) : better(toText(a) as string, toText(best) as string)) best = a;
    }
  }
  return best;
}

/** One expression as a function of a record's fields. */
export function compileExpr(expr: EvalExpr): Compiled {
  switch (expr.kind) {
    case 'number': {
      const value = expr.value;
      return () => value;
    }
    case 'string': {
      const value = expr.value;
      return () => value;
    }
    case 'field': {
      const name = expr.name;
      return (fields) => (Object.hasOwn(fields, name) ? fields[name] : null);
    }
    case 'unary': {
      const operand = compileExpr(expr.operand);
      if (expr.op === 'NOT') {
        return (fields) => {
          const t = truth(operand(fields));
          return t === null ? null : !t;
        };
      }
      return (fields) => {
        const x = toNumber(operand(fields));
        return x === null ? null : -x;
      };
    }
    case 'join': {
      const left = compileExpr(expr.left);
      const right = compileExpr(expr.right);
      return (fields) => {
        const a = toText(left(fields));
        const b = toText(right(fields));
        return a === null || b === null ? null : a + b;
      };
    }
    case 'call':
      return compileCall(expr);
    case 'binary':
      return compileBinary(expr.op, expr.left, expr.right);
  }
}

function compileCall(expr: Extract<EvalExpr, { kind: 'call' }>): Compiled {
  const args = expr.args.map(compileExpr);
  if (expr.name === 'if') {
    const [condition, then, otherwise] = args;
    return (fields) => (truth(condition(fields)) ? then(fields) : otherwise(fields));
  }
  if (expr.name === 'coalesce') {
    return (fields) => {
      for (const arg of args) {
        const value = arg(fields);
        if (value !== null) return value;
      }
      return null;
    };
  }
  const f = functions[expr.name];
  return (fields) => f(args.map((arg) => arg(fields)));
}

/** True when an expression always yields text (or null): a `+` chain holding a string literal, or a join. */
function isConcat(expr: EvalExpr): boolean {
  if (expr.kind === 'string' || expr.kind === 'join') return true;
  if (expr.kind !== 'binary') return false;
  return expr.op === '.' || (expr.op === '+' && (isConcat(expr.left) || isConcat(expr.right)));
}

function compileBinary(op: EvalBinaryOperator, leftExpr: EvalExpr, rightExpr: EvalExpr): Compiled {
  const left = compileExpr(leftExpr);
  const right = compileExpr(rightExpr);
  const leftLiteral = leftExpr.kind === 'string';
  const rightLiteral = rightExpr.kind === 'string';
  switch (op) {
    case '+':
      if (leftLiteral || rightLiteral || leftExpr.kind === 'join' || rightExpr.kind === 'join' || isConcat(leftExpr) || isConcat(rightExpr)) {
        return (fields) => {
          const a = left(fields);
          const b = right(fields);
          return a === null || b === null ? null : `${toText(a)}${toText(b)}`;
        };
      }
      return (fields) => {
        const a = left(fields);
        const b = right(fields);
        if (a === null || b === null) return null;
        if (isText(a, leftLiteral) || isText(b, rightLiteral)) return `${toText(a)}${toText(b)}`;
        const x = toNumber(a);
        const y = toNumber(b);
        return x === null || y === null ? null : finite(x + y);
      };
    case '.':
      return (fields) => {
        const a = left(fields);
        const b = right(fields);
        return a === null || b === null ? null : `${toText(a)}${toText(b)}`;
      };
    case '-':
    case '*':
    case '/':
      return (fields) => arithmetic(op, left(fields), right(fields));
    case 'AND':
      return (fields) => {
        const a = truth(left(fields));
        if (a === false) return false;
        const b = truth(right(fields));
        return b === false ? false : a === null || b === null ? null : true;
      };
    case 'OR':
      return (fields) => {
        const a = truth(left(fields));
        if (a === true) return true;
        const b = truth(right(fields));
        return b === true ? true : a === null || b === null ? null : false;
      };
    default:
      return (fields) => compare(op, left(fields), right(fields));
  }
}

/** All eval commands as one in-place update of a record's fields, assignments in order. */
export function compileEvals(commands: EvalCommand[]): (fields: Fields) => void {
  const steps = commands.flatMap((c) => c.assignments.map((a) => ({ name: a.name, run: compileExpr(a.expr) })));
  return (fields) => {
    for (const step of steps) fields[step.name] = toFieldValue(step.run(fields));
  };
}
