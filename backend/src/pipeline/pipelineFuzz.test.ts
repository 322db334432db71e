/**
 * parsePipeline on generated text (fixed seed): it never throws, and every error has a column inside
 * the text (1 … length + 1) and a message ending "at column N" (plus an optional hint); what parses
 * compiles, and its filter and eval run on a record without throwing.
 */
import { parsePipeline } from '../engine/config/grammar/parsePipeline';
import { compilePipeline } from './compilePipeline';
import { mulberry32 as random } from '../engine/maths/seededRandom';


const pieces = [
  ' ', ' ', ' ', '|', '|', '=', '!=', '<', '>=', '(', ')', ',', '"', "'", '*', '+', '-', '.', ':', '/', '%',
  'a', 'dest', 'src', '10.*', '443', '2.5', 'AND', 'OR', 'NOT', 'eval', 'autodetect', 'prelertautodetect',
  'by', 'over', 'count', 'rare', 'mean', 'population_rare', 'partitionfield', 'bucketspan', 'influencers',
  'mlcategory', 'round', 'if', 'index', 'sourcetype', '\\', '\n',
];

describe('parsePipeline on generated text', () => {
  it('never throws; errors point inside the text', () => {
    const next = random(11);
    const problems: string[] = [];
    let parsedOk = 0;
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(next() * 14);
      let text = '';
      for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)];
      try {
        const result = parsePipeline(text);
        if (result.ok) {
          parsedOk++;
          const compiled = compilePipeline(result.pipeline, { jobId: 'fuzz' });
          const record = { time: 0, fields: { a: 1, dest: '10.0.0.1', src: 'x', mlcategory: 3, '10.*': null } };
          if (compiled.filter(record)) compiled.evaluate(record);
        } else {
          const { message, column } = result.error;
          if (!(column >= 1 && column <= text.length + 1)) problems.push(`column ${column} outside ${JSON.stringify(text)}`);
          if (!new RegExp(`at column ${column}( \\(did you mean "[^"]+"\\?\\))?$`).test(message)) problems.push(`message ${JSON.stringify(message)}`);
        }
      } catch (e) {
        problems.push(`threw on ${JSON.stringify(text)}: ${(e as Error).message}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(parsedOk).toBeGreaterThan(100);
  });
});
