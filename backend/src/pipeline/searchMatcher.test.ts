import { tokenize } from '../engine/config/grammar/lexer';
import { parseSearch } from '../engine/config/grammar/searchParser';
import type { FieldValue } from '../engine/types';
import { compileSearch } from './searchMatcher';

function matches(search: string, fields: Record<string, FieldValue>): boolean {
  return compileSearch(parseSearch(tokenize(search, 0, 'search')).filter)(fields);
}

describe('search matching', () => {
  it('dest!=10.* keeps external destinations only, and needs dest', () => {
    expect(matches('dest!=10.*', { dest: '203.0.113.9' })).toBe(true);
    expect(matches('dest!=10.*', { dest: '10.1.2.3' })).toBe(false);
    expect(matches('dest!=10.*', { src: '10.1.2.3' })).toBe(false);
    expect(matches('dest!=10.*', { dest: null })).toBe(false);
  });

  it('NOT f=v also matches records without f', () => {
    expect(matches('NOT dest=10.*', { src: 'x' })).toBe(true);
    expect(matches('NOT dest=10.*', { dest: '10.0.0.1' })).toBe(false);
  });

  it('wildcards at the start, middle and end, case-insensitively', () => {
    expect(matches('uri=*admin*', { uri: '/wp-ADMIN/login' })).toBe(true);
    expect(matches('uri=*.php', { uri: '/index.php' })).toBe(true);
    expect(matches('uri=*.php', { uri: '/indexXphp' })).toBe(false);
    expect(matches('host=web*01', { host: 'web-east-01' })).toBe(true);
  });

  it('plain text compares case-insensitively', () => {
    expect(matches('proto=TCP', { proto: 'tcp' })).toBe(true);
    expect(matches('proto="udp"', { proto: 'tcp' })).toBe(false);
  });

  it('numbers compare as numbers when both sides are numeric', () => {
    expect(matches('port=080', { port: 80 })).toBe(true);
    expect(matches('port=80', { port: '80.0' })).toBe(true);
    expect(matches('bytes>1000', { bytes: 5000 })).toBe(true);
    expect(matches('bytes>1000', { bytes: 999 })).toBe(false);
    expect(matches('bytes<=1000', { bytes: '1000' })).toBe(true);
    expect(matches('port>9', { port: 10 })).toBe(true);
  });

  it('text order comparison when not numeric', () => {
    expect(matches('name>m', { name: 'zeta' })).toBe(true);
  });

  it('CIDR blocks match IPv4 addresses', () => {
    expect(matches('dest=10.0.0.0/8', { dest: '10.200.3.4' })).toBe(true);
    expect(matches('dest=10.0.0.0/8', { dest: '11.0.0.1' })).toBe(false);
    expect(matches('dest!=192.168.1.0/24', { dest: '192.168.2.1' })).toBe(true);
    expect(matches('dest=192.168.1.128/25', { dest: '192.168.1.127' })).toBe(false);
    expect(matches('dest=0.0.0.0/0', { dest: '8.8.8.8' })).toBe(true);
    expect(matches('dest=10.0.0.0/8', { dest: 'fd00::1' })).toBe(false);
  });

  it('f=* means f exists', () => {
    expect(matches('user=*', { user: 'alice' })).toBe(true);
    expect(matches('user=*', { host: 'a' })).toBe(false);
  });

  it('AND, OR, NOT and parentheses', () => {
    const search = '(proto=tcp OR proto=udp) NOT dest_port=53';
    expect(matches(search, { proto: 'udp', dest_port: 123 })).toBe(true);
    expect(matches(search, { proto: 'udp', dest_port: 53 })).toBe(false);
    expect(matches(search, { proto: 'icmp', dest_port: 0 })).toBe(false);
  });

  it('free-text terms look in every field', () => {
    expect(matches('failed', { message: 'Login FAILED for root' })).toBe(true);
    expect(matches('fail*root', { message: 'failed for root' })).toBe(true);
    expect(matches('"disk full"', { message: 'ok' })).toBe(false);
  });

  it('an empty search matches everything', () => {
    expect(compileSearch(null)({})).toBe(true);
  });
});
