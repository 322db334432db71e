/**
 * `autodetect [option=value…] detector[, detector…]` (alias `prelertautodetect`), Prelert's grammar:
 *
 *   detector := head ["by" F] ["over" F] [partitionfield=F] [excludefrequent=…] [usenull=true]
 *   head     := fn "(" [field] ")" | fn | field          -- `count`, `count by F`; a bare field is metric(field)
 *   option   := bucketspan=N|5m | partitionfield=F | summarycountfield=F | influencers=a,b
 *             | categorizationfield=F | perpartitioncategorization=true | latency=…
 *
 * Options may stand before, between or after the detectors. This file only reads the text; the
 * mapping to Elastic detectors (conventions §3) is in `detectorMapping.ts`.
 */
import { functionNames, functionSpec, type FunctionSpec } from '../functions';
import type { ExcludeFrequent } from '../jobConfigTypes';
import { closestName, didYouMean } from '../suggest';
import { parseDuration } from '../units';
import { PipelineSyntaxError, type Token } from './tokens';

export interface Located<T> {
  value: T;
  column: number;
}

export interface GrammarDetector {
  column: number;
  /** The function as written, e.g. `population_rare`. */
  written: string;
  spec: FunctionSpec;
  population: boolean;
  /** The field in parentheses (or the bare field of `metric`). */
  argument?: Located<string>;
  by?: Located<string>;
  over?: Located<string>;
  partitionField?: Located<string>;
  excludeFrequent?: Located<ExcludeFrequent>;
  useNull?: Located<boolean>;
}

export interface AutodetectOptions {
  bucketSpan?: Located<string | number>;
  latency?: Located<string | number>;
  partitionField?: Located<string>;
  summaryCountField?: Located<string>;
  categorizationField?: Located<string>;
  perPartitionCategorization?: Located<boolean>;
  influencers?: Located<string[]>;
}

export interface GrammarAutodetect {
  column: number;
  options: AutodetectOptions;
  detectors: GrammarDetector[];
  notes: string[];
}

const detectorOptions = ['partitionfield', 'excludefrequent', 'usenull'];
const jobOptions = ['bucketspan', 'latency', 'summarycountfield', 'categorizationfield', 'perpartitioncategorization', 'influencers'];
const allOptions = [...jobOptions, ...detectorOptions];
const populationPrefix = 'population_';
const allFunctionNames = [...functionNames, ...functionNames.map((n) => populationPrefix + n)];

class AutodetectParser {
  private pos = 0;
  private readonly detectors: GrammarDetector[] = [];
  private readonly options: AutodetectOptions = {};
  private readonly notes: string[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    return this.tokens[this.pos++];
  }

  parse(column: number): GrammarAutodetect {
    let current: GrammarDetector | null = null;
    let expectDetector = false;
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof') break;
      if (token.type === 'word' && this.peek(1).type === 'op') {
        this.parseOption(current);
      } else if (token.type === 'comma') {
        if (!current) throw new PipelineSyntaxError('expected a detector before ","', token.column);
        this.next();
        current = null;
        expectDetector = true;
      } else if (token.type === 'word' && ['by', 'over'].includes(token.text.toLowerCase())) {
        if (!current) throw new PipelineSyntaxError(`"${token.text}" needs a detector before it`, token.column);
        this.parseSplit(current);
      } else if (current) {
        throw new PipelineSyntaxError(`expected "," between detectors, or by/over, but found "${token.text}"`, token.column);
      } else {
        current = this.parseHead();
        this.detectors.push(current);
        expectDetector = false;
      }
    }
    if (expectDetector) throw new PipelineSyntaxError('expected a detector after ","', this.peek().column);
    if (this.detectors.length === 0) {
      throw new PipelineSyntaxError('expected at least one detector, e.g. "count by src" or "rare(dp) by src"', this.peek().column);
    }
    return { column, options: this.options, detectors: this.detectors, notes: this.notes };
  }

  private fieldToken(after: string): Located<string> {
    const token = this.next();
    if (token.type !== 'word' && token.type !== 'string') throw new PipelineSyntaxError(`expected a field name after ${after}`, token.column);
    return { value: token.text, column: token.column };
  }

  private parseSplit(detector: GrammarDetector): void {
    const keyword = this.next();
    const which = keyword.text.toLowerCase() as 'by' | 'over';
    if (detector[which]) throw new PipelineSyntaxError(`this detector already has "${which}"`, keyword.column);
    detector[which] = this.fieldToken(`"${keyword.text}"`);
  }

  private parseHead(): GrammarDetector {
    const token = this.next();
    if (token.type !== 'word' && token.type !== 'string') throw new PipelineSyntaxError(`expected a detector but found "${token.text}"`, token.column);
    const written = token.text.toLowerCase();
    const population = token.type === 'word' && written.startsWith(populationPrefix);
    const base = population ? written.slice(populationPrefix.length) : written;
    const spec = token.type === 'word' ? functionSpec(base) : undefined;
    if (this.peek().type === 'lparen') {
      if (!spec) throw new PipelineSyntaxError(`unknown function "${token.text}"`, token.column, didYouMean(written, allFunctionNames));
      this.next();
      let argument: Located<string> | undefined;
      if (this.peek().type !== 'rparen') argument = this.fieldToken(`"${token.text}("`);
      const close = this.next();
      if (close.type !== 'rparen') throw new PipelineSyntaxError(`expected ")" after the field of ${token.text}(`, close.column);
      return { column: token.column, written, spec, population, argument };
    }
    if (spec && spec.fieldName === 'forbidden') return { column: token.column, written, spec, population };
    if (spec) throw new PipelineSyntaxError(`function "${token.text}" needs a field: ${token.text}(field)`, token.column);
    const close = token.type === 'word' ? closestName(written, allFunctionNames) : undefined;
    if (close !== undefined) {
      this.notes.push(`autodetect: "${token.text}" at column ${token.column} is read as metric(${token.text}); did you mean the function "${close}"?`);
    }
    const metric = functionSpec('metric') as FunctionSpec;
    return { column: token.column, written: 'metric', spec: metric, population: false, argument: { value: token.text, column: token.column } };
  }

  private parseOption(current: GrammarDetector | null): void {
    const key = this.next();
    const op = this.next();
    const name = key.text.toLowerCase();
    if (op.text !== '=') throw new PipelineSyntaxError(`expected "=" after ${key.text}`, op.column);
    if (!allOptions.includes(name)) throw new PipelineSyntaxError(`unknown option "${key.text}"`, key.column, didYouMean(name, allOptions));
    const valueToken = this.next();
    if (valueToken.type !== 'word' && valueToken.type !== 'string') {
      throw new PipelineSyntaxError(`expected a value after ${key.text}=`, valueToken.column);
    }
    const at = valueToken.column;
    const text = valueToken.text;
    const asBoolean = (): boolean => {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new PipelineSyntaxError(`${key.text} takes true or false, not "${text}"`, at);
      return lower === 'true';
    };
    const once = <K extends keyof AutodetectOptions>(option: K, value: AutodetectOptions[K]): void => {
      if (this.options[option]) throw new PipelineSyntaxError(`${key.text} is given twice`, key.column);
      this.options[option] = value;
    };
    switch (name) {
      case 'bucketspan':
      case 'latency': {
        const value = /^\d+$/.test(text) ? Number(text) : text;
        try {
          parseDuration(value);
        } catch {
          throw new PipelineSyntaxError(`${key.text} takes a number of seconds or a duration such as "5m", not "${text}"`, at);
        }
        once(name === 'bucketspan' ? 'bucketSpan' : 'latency', { value, column: at });
        return;
      }
      case 'summarycountfield':
        return once('summaryCountField', { value: text, column: at });
      case 'categorizationfield':
        return once('categorizationField', { value: text, column: at });
      case 'perpartitioncategorization':
        return once('perPartitionCategorization', { value: asBoolean(), column: at });
      case 'influencers': {
        const list = [text];
        while (this.peek().type === 'comma' && !this.peek().spaceBefore && this.peek(1).type === 'word' && !this.peek(1).spaceBefore) {
          this.next();
          list.push(this.next().text);
        }
        return once('influencers', { value: list, column: at });
      }
      case 'partitionfield':
        if (!current) return once('partitionField', { value: text, column: at });
        if (current.partitionField) throw new PipelineSyntaxError('partitionfield is given twice for this detector', key.column);
        current.partitionField = { value: text, column: at };
        return;
      case 'usenull':
        if (!current) throw new PipelineSyntaxError('usenull belongs after a detector', key.column);
        current.useNull = { value: asBoolean(), column: at };
        return;
      case 'excludefrequent': {
        if (!current) throw new PipelineSyntaxError('excludefrequent belongs after a detector', key.column);
        const lower = text.toLowerCase();
        const value = lower === 'true' ? 'all' : lower === 'false' ? 'none' : lower;
        if (!['all', 'by', 'over', 'none'].includes(value)) {
          throw new PipelineSyntaxError(`excludefrequent takes all, by, over, none, true or false, not "${text}"`, at);
        }
        current.excludeFrequent = { value: value as ExcludeFrequent, column: at };
        return;
      }
    }
  }
}

/** Reads the tokens after `autodetect`. */
export function parseAutodetect(tokens: Token[], column: number): GrammarAutodetect {
  return new AutodetectParser(tokens).parse(column);
}
