/** Grouping accuracy on loghub's 2k samples (read from the shared folder), against Drain's published figures. */
import { Categorizer } from '../engine/categorization/categorizer';
import { groupingAccuracy } from '../engine/categorization/groupingAccuracy';
import { readStructuredLog, splitCsvLine } from './loghubStructured';

const DRAIN: Record<string, number> = { HDFS: 0.998, BGL: 0.963, Linux: 0.69, OpenSSH: 0.788 };

function accuracyOf(system: string): number {
  const log = readStructuredLog(system);
  expect(log.contents).toHaveLength(2000);
  const c = new Categorizer();
  const predicted = log.contents.map((m) => {
    const id = c.categorize(m).categoryId;
    return id === null ? null : id;
  });
  return groupingAccuracy(predicted.map((id) => (id === null ? null : c.resolve(id))), log.eventIds).accuracy;
}

describe('loghub grouping accuracy', () => {
  it('splits CSV lines with quotes', () => {
    expect(splitCsvLine('1,"a, ""b""",c')).toEqual(['1', 'a, "b"', 'c']);
  });

  it('reaches at least Drain on every set and 0.95 on average', () => {
    const acc: Record<string, number> = {};
    for (const s of Object.keys(DRAIN)) acc[s] = accuracyOf(s);
    for (const s of Object.keys(DRAIN)) expect(acc[s]).toBeGreaterThanOrEqual(DRAIN[s]);
    const mean = Object.values(acc).reduce((a, b) => a + b, 0) / 4;
    expect(mean).toBeGreaterThanOrEqual(0.95);
    expect(acc.OpenSSH).toBe(1);
    expect(acc.Linux).toBe(1);
  });
});
