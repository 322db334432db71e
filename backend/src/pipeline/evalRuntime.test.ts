import { parseEval } from '../engine/config/grammar/evalParser';
import { tokenize } from '../engine/config/grammar/lexer';
import type { FieldValue } from '../engine/types';
import { compileEvals } from './evalRuntime';

function run(evalText: string, fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const { command } = parseEval(tokenize(evalText, 0, 'eval'), 1);
  const copy = { ...fields };
  compileEvals([command])(copy);
  return copy;
}

const value = (expr: string, fields: Record<string, FieldValue> = {}): FieldValue => run(`v=${expr}`, fields).v;

describe('eval arithmetic', () => {
  it('adds, subtracts, multiplies, divides with precedence', () => {
    expect(value('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('-x + 1', { x: 3 })).toBe(-2);
    expect(value('10 - 2 - 3')).toBe(5);
  });

  it('the brief\'s app_byte_ratio formula', () => {
    expect(value('(src_bytes - dest_bytes) / (src_bytes + dest_bytes)', { src_bytes: 300, dest_bytes: 100 })).toBe(0.5);
  });

  it('division by zero gives null', () => {
    expect(value('a / b', { a: 1, b: 0 })).toBeNull();
    expect(value('(a - a) / (a - a)', { a: 2 })).toBeNull();
  });

  it('a missing field propagates null', () => {
    expect(value('a + 1', {})).toBeNull();
    expect(value('a * 2', { a: null })).toBeNull();
    expect(value('dest + ":" + dest_port', { dest: '1.2.3.4' })).toBeNull();
  });

  it('numeric text from fields computes as numbers', () => {
    expect(value('a + b', { a: '2', b: '3.5' })).toBe(5.5);
    expect(value('a * 2', { a: ' 4 ' })).toBe(8);
  });

  it('non-numeric text in arithmetic gives null', () => {
    expect(value('a - 1', { a: 'abc' })).toBeNull();
  });

  it('functions', () => {
    expect(value('round(2.345, 2)')).toBe(2.35);
    expect(value('round(-2.5)')).toBe(-3);
    expect(value('abs(-4) + floor(1.7) + ceil(1.2)')).toBe(7);
    expect(value('sqrt(-1)')).toBeNull();
    expect(value('log(1000)')).toBeCloseTo(3, 12);
    expect(value('max(3, "10", 7)')).toBe('10');
    expect(value('min(a, 4)', { a: null })).toBe(4);
    expect(value('coalesce(a, b, "none")', { b: 'x' })).toBe('x');
    expect(value('len(lower("ABC"))')).toBe(3);
    expect(value('substr("netflow", 1, 3)')).toBe('net');
    expect(value('substr("netflow", -4)')).toBe('flow');
    expect(value('tonumber("0x1")')).toBeNull();
    expect(value('tostring(1.50)')).toBe('1.5');
  });

  it('comparisons and if', () => {
    expect(value('if(bytes > 1000, "big", "small")', { bytes: 5000 })).toBe('big');
    expect(value('if(bytes > 1000, "big", "small")', { bytes: '999' })).toBe('small');
    expect(value('if(proto == "tcp" OR port = 53, 1, 0)', { proto: 'udp', port: 53 })).toBe(1);
    expect(value('x > 1', { x: 2 })).toBe('true');
  });
});

describe('eval concatenation', () => {
  it('+ with a string on either side concatenates, numbers in shortest form', () => {
    expect(value('dest + ":" + dest_port', { dest: '10.0.0.5', dest_port: 443 })).toBe('10.0.0.5:443');
    expect(value('"n=" + 0.1')).toBe('n=0.1');
    expect(value('1.50 + "x"')).toBe('1.5x');
    expect(value('x + "%"', { x: 0.1 + 0.2 })).toBe('0.30000000000000004%');
    expect(value('"a" + 1e21')).toBe('a1e+21');
    expect(value('-0 + ""')).toBe('0');
  });

  it('non-numeric text fields concatenate; numeric text from fields adds', () => {
    expect(value('a + b', { a: 'web', b: 'server' })).toBe('webserver');
    expect(value('a + b', { a: '1', b: 2 })).toBe(3);
    expect(value('a + "-" + b', { a: '01', b: '02' })).toBe('01-02');
  });

  it('both exfiltration forms give the same dp', () => {
    const record = { dest: '203.0.113.9', dest_port: 8443 };
    const explicit = run('dp=dest + ":" + dest_port', record).dp;
    const printed = run('dp=dest + " : "dest_port', record).dp;
    expect(explicit).toBe('203.0.113.9:8443');
    expect(printed).toBe(explicit);
  });

  it('. concatenates as in Splunk, dotted names still read as fields', () => {
    expect(value('dest.":".dest_port', { dest: '10.0.0.5', dest_port: 443 })).toBe('10.0.0.5:443');
    expect(value('id.resp_h . ":" . id.resp_p', { 'id.resp_h': '1.2.3.4', 'id.resp_p': 80 })).toBe('1.2.3.4:80');
    expect(value('1 . 2')).toBe('12');
    expect(value('a . "x"', {})).toBeNull();
  });

  it('adjacent operands join as text even for numbers', () => {
    expect(value('a b', { a: 1, b: 2 })).toBe('12');
  });

  it('field names with colons are assigned and read back', () => {
    const out = run('dest:protocol:port=dest+":"+protocol+":"+dest_port, key=dest:protocol:port', { dest: '8.8.8.8', protocol: 'udp', dest_port: 53 });
    expect(out['dest:protocol:port']).toBe('8.8.8.8:udp:53');
    expect(out.key).toBe('8.8.8.8:udp:53');
  });

  it('later evals see earlier results and overwrite fields', () => {
    const { command: first } = parseEval(tokenize('x=1', 0, 'eval'), 1);
    const { command: second } = parseEval(tokenize('x=x+1, y=x*10', 0, 'eval'), 1);
    const fields: Record<string, FieldValue> = {};
    compileEvals([first, second])(fields);
    expect(fields).toEqual({ x: 2, y: 20 });
  });

  it('field names like constructor do not read the prototype', () => {
    expect(value('constructor + 1', {})).toBeNull();
  });
});
