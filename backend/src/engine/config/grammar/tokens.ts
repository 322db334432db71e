/** Tokens of the one-line pipeline grammar, and its error type (a message and a 1-based column). */

export type TokenType = 'word' | 'string' | 'number' | 'field' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  /** The token's text: a string's content without quotes, an operator's symbol. */
  text: string;
  /** 1-based column of the token's first character in the whole pipeline text. */
  column: number;
  /** True when whitespace (or the segment start) comes right before the token. */
  spaceBefore: boolean;
}

/** A parse error at a column of the pipeline text (1-based). */
export class PipelineSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly column: number,
    /** A ` (did you mean "x"?)` suffix, or empty. */
    readonly hint = '',
  ) {
    super(`${reason} at column ${column}${hint}`);
    this.name = 'PipelineSyntaxError';
  }
}

export interface PipelineError {
  /** One line, ending with "at column N" (and a "did you mean" hint where there is one). */
  message: string;
  column: number;
}

/** A line with a caret under a 1-based column, to print below the pipeline text. */
export function caretLine(column: number): string {
  return `${' '.repeat(Math.max(0, column - 1))}^`;
}

/** The error, the pipeline and a caret under the column: three lines for a terminal. */
export function formatPipelineError(text: string, error: PipelineError): string {
  return `${error.message}\n  ${text}\n  ${caretLine(error.column)}`;
}
