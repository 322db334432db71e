import { PartitionedCategorizer } from './partitionedCategorizer';

describe('PartitionedCategorizer', () => {
  it('keeps one category set per partition with ids from one sequence', () => {
    const pc = new PartitionedCategorizer({}, 'host');
    expect(pc.categorize('disk full', 'web1').categoryId).toBe(1);
    expect(pc.categorize('disk full', 'web2').categoryId).toBe(2);
    expect(pc.categorize('disk full', 'web1').categoryId).toBe(1);
    expect(pc.terms(2)).toBe('disk full');
    const docs = pc.definitions('job1');
    expect(docs.map((d) => [d.category_id, d.partition_field_name, d.partition_field_value, d.num_matches])).toEqual([
      [1, 'host', 'web1', 2],
      [2, 'host', 'web2', 1],
    ]);
  });

  it('ignores the partition when not categorising per partition', () => {
    const pc = new PartitionedCategorizer();
    expect(pc.categorize('disk full', 'web1').categoryId).toBe(1);
    expect(pc.categorize('disk full', 'web2').categoryId).toBe(1);
    expect(pc.definitions()[0].partition_field_name).toBeUndefined();
  });

  it('holds the category limit per partition and reports it in the stats', () => {
    const pc = new PartitionedCategorizer({ maxCategories: 2 }, 'host');
    for (const m of ['a one', 'b two', 'c three']) pc.categorize(m, 'x');
    for (const m of ['a one', 'b two']) pc.categorize(m, 'y');
    expect(pc.categoryCount).toBe(4);
    expect(pc.stats()).toEqual({
      categorized_doc_count: 4,
      total_category_count: 4,
      frequent_category_count: 4,
      rare_category_count: 4,
      failed_category_count: 1,
      categorization_status: 'limit_reached',
    });
  });

  it('restores ids, merges and the id sequence from a snapshot', () => {
    const feed = (pc: PartitionedCategorizer, msgs: [string, string][]) => msgs.map(([m, p]) => pc.categorize(m, p).categoryId);
    const msgs: [string, string][] = [
      ['Invalid user a from 1.1.1.1', 'h1'], ['Invalid user b from 1.1.1.1', 'h1'], ['boot ok', 'h2'],
      ['Invalid user c from 1.1.1.1', 'h1'], ['Invalid user d from 1.1.1.1', 'h2'], ['boot failed badly', 'h2'],
    ];
    const whole = new PartitionedCategorizer({}, 'host');
    const expected = feed(whole, msgs).map((id) => whole.resolve(id!));
    const first = new PartitionedCategorizer({}, 'host');
    feed(first, msgs.slice(0, 3));
    const restored = PartitionedCategorizer.restore(JSON.parse(JSON.stringify(first.snapshot())), {}, 'host');
    const got = [...feed(restored, msgs.slice(3))];
    expect(got.map((id) => restored.resolve(id!))).toEqual(expected.slice(3));
    expect(restored.resolve(2)).toBe(1);
    expect(restored.definitions()).toEqual(whole.definitions());
  });
});
