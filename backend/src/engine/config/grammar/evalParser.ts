/**
 * `eval name=expr[, name=expr…]`: a recursive-descent parser (no JavaScript evaluation anywhere).
 *
 *   expr     := and ("OR" and)*
 *   and      := not ("AND" not)*
 *   not      := "NOT" not | compare
 *   compare  := additive [("=" | "==" | "!=" | "<" | "<=" | ">" | ">=") additive]
 *   additive := mul (("+" | "-" | ".") mul | mul)*  -- "." concatenates; a missing operator joins as text
 *   mul      := unary (("*" | "/") unary)*
 *   unary    := "-" unary | primary
 *   primary  := number | "string" | 'field' | name | name "(" [expr ("," expr)*] ")" | "(" expr ")"
 *
 * Adjacent operands (`dest + " : "dest_port`, as the brief prints it) are joined as text, with the
 * spaces around the string literal next to the gap dropped (so it reads `dest + ":" + dest_port`),
 * and a note points at the column.
 */
import { didYouMean } from '../suggest';
import {
  evalFunctionArity,
  evalFunctionNames,
  formatEvalExpr,
  type EvalAssignment,
  type EvalBinaryOperator,
  type EvalCommand,
  type EvalExpr,
  type EvalFunctionName,
} from './evalAst';
import { PipelineSyntaxError, type Token } from './tokens';

const comparisons = ['=', '==', '!=', '<', '<=', '>', '>='];
const keywords = ['AND', 'OR', 'NOT'];

function rightmost(expr: EvalExpr): EvalExpr {
  return expr.kind === 'binary' || expr.kind === 'join' ? rightmost(expr.right) : expr;
}

function leftmost(expr: EvalExpr): EvalExpr {
  return expr.kind === 'binary' || expr.kind === 'join' ? leftmost(expr.left) : expr;
}

class EvalParser {
  private pos = 0;
  readonly notes: string[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }
  private isWord(token: Token, word: string): boolean {
    return token.type === 'word' && token.text === word;
  }

  parseCommand(column: number): EvalCommand {
    const assignments: EvalAssignment[] = [this.parseAssignment()];
    while (this.peek().type === 'comma') {
      this.next();
      assignments.push(this.parseAssignment());
    }
    const extra = this.peek();
    if (extra.type !== 'eof') throw new PipelineSyntaxError(`unexpected "${extra.text}"`, extra.column);
    return { assignments, column };
  }

  private parseAssignment(): EvalAssignment {
    const name = this.next();
    if ((name.type !== 'word' && name.type !== 'field') || name.text === '') {
      throw new PipelineSyntaxError('expected a field name to assign (eval name=expression)', name.column);
    }
    const eq = this.next();
    if (eq.type !== 'op' || eq.text !== '=') throw new PipelineSyntaxError(`expected "=" after "${name.text}"`, eq.column);
    const start = this.pos;
    const expr = this.parseOr();
    for (const note of this.notes.splice(0)) this.notes.push(note.replace('\u0000', `${name.text}=${formatEvalExpr(expr)}`));
    if (this.pos === start) throw new PipelineSyntaxError('expected an expression', this.peek().column);
    return { name: name.text, expr, column: name.column };
  }

  private parseOr(): EvalExpr {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'OR')) {
      const op = this.next();
      left = { kind: 'binary', op: 'OR', left, right: this.parseAnd(), column: op.column };
    }
    return left;
  }

  private parseAnd(): EvalExpr {
    let left = this.parseNot();
    while (this.isWord(this.peek(), 'AND')) {
      const op = this.next();
      left = { kind: 'binary', op: 'AND', left, right: this.parseNot(), column: op.column };
    }
    return left;
  }

  private parseNot(): EvalExpr {
    if (this.isWord(this.peek(), 'NOT')) {
      const op = this.next();
      return { kind: 'unary', op: 'NOT', operand: this.parseNot(), column: op.column };
    }
    return this.parseCompare();
  }

  private parseCompare(): EvalExpr {
    const left = this.parseAdditive();
    const token = this.peek();
    if (token.type === 'op' && comparisons.includes(token.text)) {
      this.next();
      const op = token.text as EvalBinaryOperator;
      return { kind: 'binary', op, left, right: this.parseAdditive(), column: token.column };
    }
    return left;
  }

  private startsPrimary(token: Token): boolean {
    if (token.type === 'word') return !keywords.includes(token.text);
    return token.type === 'number' || token.type === 'string' || token.type === 'field' || token.type === 'lparen';
  }

  private parseAdditive(): EvalExpr {
    let left = this.parseMultiplicative();
    for (;;) {
      const token = this.peek();
      if (token.type === 'op' && (token.text === '+' || token.text === '-' || token.text === '.')) {
        this.next();
        left = { kind: 'binary', op: token.text, left, right: this.parseMultiplicative(), column: token.column };
      } else if (this.startsPrimary(token)) {
        const right = this.parseMultiplicative();
        for (const side of [rightmost(left), leftmost(right)]) if (side.kind === 'string') side.value = side.value.trim();
        left = { kind: 'join', left, right, column: token.column };
        this.notes.push(
          `eval: no operator before "${token.text}" at column ${token.column}; adjacent operands are joined as text, read as \u0000`,
        );
      } else {
        return left;
      }
    }
  }

  private parseMultiplicative(): EvalExpr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'op' || (token.text !== '*' && token.text !== '/')) return left;
      this.next();
      left = { kind: 'binary', op: token.text, left, right: this.parseUnary(), column: token.column };
    }
  }

  private parseUnary(): EvalExpr {
    const token = this.peek();
    if (token.type === 'op' && token.text === '-') {
      this.next();
      return { kind: 'unary', op: '-', operand: this.parseUnary(), column: token.column };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): EvalExpr {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: Number(token.text), column: token.column };
      case 'string':
        return { kind: 'string', value: token.text, column: token.column };
      case 'field':
        return { kind: 'field', name: token.text, column: token.column };
      case 'lparen': {
        const inner = this.parseOr();
        const close = this.next();
        if (close.type !== 'rparen') throw new PipelineSyntaxError(`expected ")" (the "(" opens at column ${token.column})`, close.column);
        return inner;
      }
      case 'word':
        if (keywords.includes(token.text)) throw new PipelineSyntaxError(`"${token.text}" needs an operand before it`, token.column);
        if (this.peek().type === 'lparen') return this.parseCall(token);
        if (/-\d/.test(token.text)) {
          this.notes.push(`eval: "${token.text}" at column ${token.column} is read as one field name; write "${token.text.replace(/-(?=\d)/g, ' - ')}" to subtract`);
        }
        return { kind: 'field', name: token.text, column: token.column };
      case 'eof':
        throw new PipelineSyntaxError('expected a value, a field or "(" but the expression ended', token.column);
      default:
        throw new PipelineSyntaxError(`expected a value, a field or "(" but found "${token.text}"`, token.column);
    }
  }

  private parseCall(nameToken: Token): EvalExpr {
    const name = nameToken.text.toLowerCase();
    if (!(name in evalFunctionArity)) {
      throw new PipelineSyntaxError(`unknown function "${nameToken.text}"`, nameToken.column, didYouMean(name, evalFunctionNames));
    }
    this.next();
    const args: EvalExpr[] = [];
    if (this.peek().type !== 'rparen') {
      args.push(this.parseOr());
      while (this.peek().type === 'comma') {
        this.next();
        args.push(this.parseOr());
      }
    }
    const close = this.next();
    if (close.type !== 'rparen') throw new PipelineSyntaxError(`expected "," or ")" in the arguments of ${name}`, close.column);
    const [min, max] = evalFunctionArity[name as EvalFunctionName];
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new PipelineSyntaxError(`${name}() takes ${wanted} argument${wanted === '1' ? '' : 's'}, not ${args.length}`, nameToken.column);
    }
    return { kind: 'call', name: name as EvalFunctionName, args, column: nameToken.column };
  }
}

/** Parses the tokens after `eval`; notes report adjacent operands joined as text. */
export function parseEval(tokens: Token[], column: number): { command: EvalCommand; notes: string[] } {
  const parser = new EvalParser(tokens);
  const command = parser.parseCommand(column);
  return { command, notes: parser.notes };
}
