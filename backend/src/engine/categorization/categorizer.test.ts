import { Categorizer, KEY_VALUES_TO_MERGE, WORD_VALUES_TO_MERGE } from './categorizer';
import { compareTokens } from './tokenComparison';
import { tokenize } from './masking';
import { WILDCARD } from './types';

const ids = (c: Categorizer, messages: string[]): (number | null)[] => messages.map((m) => c.categorize(m).categoryId);

describe('Categorizer', () => {
  it('puts two messages that differ only in variables in one category', () => {
    const c = new Categorizer();
    const [a, b] = ids(c, [
      'Accepted password for bob from 10.0.0.1 port 50022 ssh2',
      'Accepted password for bob from 192.168.7.12 port 61000 ssh2',
    ]);
    expect(a).toBe(1);
    expect(b).toBe(1);
    expect(c.get(1)?.numMatches).toBe(2);
    expect(c.get(1)?.tokens.join(' ')).toBe('Accepted password for bob from <IP> port <NUM>');
  });

  it('keeps messages of different events apart', () => {
    const c = new Categorizer();
    const got = ids(c, [
      'Received disconnect from 1.2.3.4: 11: Bye Bye [preauth]',
      'Received disconnect from 1.2.3.5: 11: disconnected by user',
      'cupsd startup succeeded',
      'cupsd shutdown succeeded',
      'Failed password for invalid user admin from 1.2.3.4 port 22 ssh2',
      'Failed none for invalid user admin from 1.2.3.4 port 22 ssh2',
      'Received disconnect from 9.9.9.9: 3: Bye Bye [preauth]',
    ]);
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 1]);
  });

  it('turns a word position into a variable once it has shown enough distinct words, merging the siblings', () => {
    expect(WORD_VALUES_TO_MERGE).toBe(3);
    const c = new Categorizer();
    const got = ids(c, ['Invalid user admin from 1.1.1.1', 'Invalid user oracle from 1.1.1.2', 'Invalid user admin from 1.1.1.3']);
    expect(got).toEqual([1, 2, 1]);
    expect(c.size).toBe(2);
    expect(c.categorize('Invalid user test from 1.1.1.4').categoryId).toBe(1);
    expect(c.size).toBe(1);
    expect(c.resolve(2)).toBe(1);
    expect(c.merged).toBe(1);
    expect(c.get(1)?.numMatches).toBe(4);
    expect(c.get(1)?.tokens).toEqual(['Invalid', 'user', WILDCARD, 'from', '<IP>']);
    expect(c.categorize('Invalid user zed from 1.1.1.5').categoryId).toBe(1);
  });

  it('needs more distinct values before a key=value position becomes a variable', () => {
    expect(KEY_VALUES_TO_MERGE).toBe(5);
    const c = new Categorizer();
    const users = ['root', 'guest', 'test', 'ftp'];
    const got = ids(c, users.map((u) => `authentication failure; rhost=1.2.3.4 user=${u}`));
    expect(got).toEqual([1, 2, 3, 4]);
    expect(c.categorize('authentication failure; rhost=1.2.3.9 user=git').categoryId).toBe(1);
    expect([2, 3, 4].map((id) => c.resolve(id))).toEqual([1, 1, 1]);
    expect(c.size).toBe(1);
  });

  it('treats an empty key= against a filled one as a different event', () => {
    const c = new Categorizer();
    expect(ids(c, ['auth failure; tty=ssh rhost=1.2.3.4', 'auth failure; tty=ssh rhost='])).toEqual([1, 2]);
  });

  it('compares templates position by position', () => {
    const cmp = compareTokens(tokenize('a b c <IP>'), tokenize('a x c 1.2.3.4'));
    expect(cmp).toEqual({ similarity: 2 / 3, hardMismatches: 1, hardPosition: 1 });
    expect(compareTokens(['a', WILDCARD], ['a', 'z']).similarity).toBe(1);
  });

  it('gives the same ids on every run', () => {
    const messages = Array.from({ length: 60 }, (_, i) => [`job ${i} started on node${i % 7}`, `user u${i % 5} logged in`, `disk sda${i % 3} full at ${i}%`][i % 3]);
    expect(ids(new Categorizer(), messages)).toEqual(ids(new Categorizer(), messages));
  });

  it('keeps ids and templates across snapshot and restore', () => {
    const messages = [
      'Invalid user admin from 1.1.1.1', 'session opened for user cyrus', 'Invalid user oracle from 1.1.1.2', 'disk full',
      'session opened for user news', 'Invalid user test from 1.1.1.4', 'session opened for user root', 'disk almost full',
      'Invalid user pi from 1.1.1.5', 'session opened for user bob', 'kernel panic',
    ];
    const whole = new Categorizer();
    const expected = ids(whole, messages).map((id) => (id === null ? null : whole.resolve(id)));
    const first = new Categorizer();
    const head = ids(first, messages.slice(0, 5));
    const restored = Categorizer.restore(JSON.parse(JSON.stringify(first.snapshot())));
    const tail = ids(restored, messages.slice(5));
    expect([...head, ...tail].map((id) => (id === null ? null : restored.resolve(id)))).toEqual(expected);
    expect(restored.snapshot()).toEqual(whole.snapshot());
  });

  it('holds the category limit: no new category, the message stays uncategorised and is counted', () => {
    const c = new Categorizer({ maxCategories: 3 });
    const got = ids(c, ['alpha one', 'beta two', 'gamma three', 'delta four', 'alpha one', 'epsilon']);
    expect(got).toEqual([1, 2, 3, null, 1, null]);
    expect(c.size).toBe(3);
    expect(c.status).toBe('limit_reached');
    expect(c.failed).toBe(2);
  });

  it('removes categorization filters before categorising and keeps at most 4 examples', () => {
    const c = new Categorizer({ filters: ['\\[[^\\]]*\\]'] });
    const got = ids(c, ['[req abc] done', '[req xyz] done', '[a] done', '[b] done', '[c] done', 'other thing']);
    expect(got).toEqual([1, 1, 1, 1, 1, 2]);
    expect(c.get(1)?.examples).toEqual([' done']);
    const d = new Categorizer();
    ids(d, ['a 1', 'a 2', 'a 3', 'a 4', 'a 5']);
    expect(d.get(1)?.examples).toEqual(['a 1', 'a 2', 'a 3', 'a 4']);
    expect(d.get(1)?.maxLength).toBe(3);
  });

  it('rejects an invalid filter naming it', () => {
    expect(() => new Categorizer({ filters: ['('] })).toThrow('categorization_filters[0] "("');
  });

  it('leaves an empty message uncategorised', () => {
    const c = new Categorizer();
    expect(c.categorize('   ')).toEqual({ categoryId: null, isNew: false });
    expect(c.failed).toBe(1);
  });
});
