import { Categorizer } from './categorizer';
import { maxMatchingLength, regexOf, termsOf, toDefinitionDoc } from './categoryDefinition';
import { WILDCARD } from './types';

describe('category definitions', () => {
  it('lists the constant words as terms', () => {
    expect(termsOf(['authentication', 'failure;', 'uid=<NUM>', 'rhost=<IP>', 'user=root', WILDCARD, '(<VAR>)'])).toBe('authentication failure uid rhost user root');
  });

  it('builds a regex that matches every example and not other messages', () => {
    const c = new Categorizer();
    const msgs = ['Accepted password for bob from 10.0.0.1 port 5 ssh2', 'Accepted password for bob from 10.0.0.2 port 66 ssh2', 'session (uid=0) opened', 'session (uid=12) opened'];
    for (const m of msgs) c.categorize(m);
    const first = toDefinitionDoc(c.get(1)!, { jobId: 'j' });
    expect(first).toEqual({
      result_type: 'category_definition',
      job_id: 'j',
      category_id: 1,
      terms: 'Accepted password for bob from port',
      regex: '.*?Accepted.*?password.*?for.*?bob.*?from.*?port.*',
      max_matching_length: Math.floor(52 * 1.1),
      examples: msgs.slice(0, 2),
      num_matches: 2,
    });
    const re1 = new RegExp(first.regex);
    const re2 = new RegExp(regexOf(c.get(2)!.tokens));
    for (const m of msgs.slice(0, 2)) expect(re1.test(m)).toBe(true);
    for (const m of msgs.slice(2)) expect(re2.test(m)).toBe(true);
    expect(re2.test(msgs[0])).toBe(false);
    expect(regexOf(c.get(2)!.tokens)).toBe('.*?session.*?\\(uid=.*?\\).*?opened.*');
    expect(maxMatchingLength(c.get(2)!)).toBe(Math.floor(23 * 1.1));
  });

  it('adds the partition when categorising per partition', () => {
    const c = new Categorizer();
    c.categorize('hello world');
    const doc = toDefinitionDoc(c.get(1)!, { partitionFieldName: 'host', partitionFieldValue: 'web1' });
    expect(doc.partition_field_name).toBe('host');
    expect(doc.partition_field_value).toBe('web1');
    expect(doc.job_id).toBeUndefined();
  });
});
