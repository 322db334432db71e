/** The expression tree of `| eval name=expr`, the eval functions' arities, and a printer for notes. */

export type EvalBinaryOperator = '+' | '-' | '.' | '*' | '/' | '=' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type EvalExpr =
  | { kind: 'number'; value: number; column: number }
  | { kind: 'string'; value: string; column: number }
  | { kind: 'field'; name: string; column: number }
  | { kind: 'unary'; op: '-' | 'NOT'; operand: EvalExpr; column: number }
  | { kind: 'binary'; op: EvalBinaryOperator; left: EvalExpr; right: EvalExpr; column: number }
  /** Adjacent operands without an operator (`" : "dest_port`): joined as text. */
  | { kind: 'join'; left: EvalExpr; right: EvalExpr; column: number }
  | { kind: 'call'; name: EvalFunctionName; args: EvalExpr[]; column: number };

export interface EvalAssignment {
  name: string;
  expr: EvalExpr;
  column: number;
}

export interface EvalCommand {
  assignments: EvalAssignment[];
  column: number;
}

/** Functions of eval with their [min, max] number of arguments (max Infinity = any). */
export const evalFunctionArity = {
  abs: [1, 1],
  round: [1, 2],
  floor: [1, 1],
  ceil: [1, 1],
  ceiling: [1, 1],
  sqrt: [1, 1],
  ln: [1, 1],
  log: [1, 2],
  exp: [1, 1],
  pow: [2, 2],
  min: [1, Infinity],
  max: [1, Infinity],
  lower: [1, 1],
  upper: [1, 1],
  len: [1, 1],
  trim: [1, 1],
  substr: [2, 3],
  coalesce: [1, Infinity],
  if: [3, 3],
  isnull: [1, 1],
  isnotnull: [1, 1],
  isnum: [1, 1],
  isstr: [1, 1],
  tostring: [1, 1],
  tonumber: [1, 1],
  null: [0, 0],
} as const satisfies Record<string, readonly [number, number]>;

export type EvalFunctionName = keyof typeof evalFunctionArity;

export const evalFunctionNames = Object.keys(evalFunctionArity) as EvalFunctionName[];

const precedence: Record<string, number> = {
  OR: 1,
  AND: 2,
  '=': 4,
  '==': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '.': 5,
  '-': 5,
  join: 5,
  '*': 6,
  '/': 6,
};

function precedenceOf(expr: EvalExpr): number {
  if (expr.kind === 'binary') return precedence[expr.op];
  if (expr.kind === 'join') return precedence.join;
  if (expr.kind === 'unary') return expr.op === 'NOT' ? 3 : 7;
  return 8;
}

/** A field name as eval reads it: bare when it lexes as one name, else in single quotes. */
export function formatFieldName(name: string): string {
  return /^[A-Za-z_@][A-Za-z0-9_.:@]*(?:-[A-Za-z0-9_.:@]+)*$/.test(name) ? name : `'${name.replace(/[\\']/g, '\\$&')}'`;
}

/** The expression as text (a join prints as `+`, which is what it means for text). */
export function formatEvalExpr(expr: EvalExpr): string {
  const wrap = (child: EvalExpr, min: number): string => {
    const text = formatEvalExpr(child);
    return precedenceOf(child) < min ? `(${text})` : text;
  };
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'string':
      return JSON.stringify(expr.value);
    case 'field':
      return formatFieldName(expr.name);
    case 'unary':
      return expr.op === 'NOT' ? `NOT ${wrap(expr.operand, 3)}` : `-${wrap(expr.operand, 7)}`;
    case 'call':
      return `${expr.name}(${expr.args.map(formatEvalExpr).join(', ')})`;
    case 'join':
      return `${wrap(expr.left, 5)} + ${wrap(expr.right, 6)}`;
    case 'binary': {
      const p = precedence[expr.op];
      // comparisons do not chain: a comparison on either side needs parentheses
      const leftMin = p === 4 ? p + 1 : p;
      return `${wrap(expr.left, leftMin)} ${expr.op} ${wrap(expr.right, p + 1)}`;
    }
  }
}
