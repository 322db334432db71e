import { TopRecords, formatAnomalyTable, detectorLabel } from './anomalyTable';

const rec = (timestamp: number, score: number, entity = 'src=1.2.3.4') => ({
  timestamp, record_score: score, function: 'mean', field_name: 'app_byte_ratio', by_field_name: 'dp',
  partition_field_name: 'src', entity_key: entity, actual: [0.91], typical: [-0.8],
});

describe('TopRecords', () => {
  it('keeps the highest scores, earlier first on ties, within its limit', () => {
    const top = new TopRecords(3);
    [10, 80, 80, 5, 60, 99, 1].forEach((s, i) => top.add(rec(1000 * (i + 1), s)));
    const list = top.list();
    expect(list.map((r) => r.record_score)).toEqual([99, 80, 80]);
    expect(list[1].timestamp).toBe(2000);
    expect(list[2].timestamp).toBe(3000);
  });
});

describe('formatAnomalyTable', () => {
  it('prints severity, score, detector, entity and actual against typical', () => {
    const text = formatAnomalyTable([rec(Date.UTC(2022, 5, 13, 4, 5), 91.234)]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^time \(UTC\)\s+severity\s+score\s+detector\s+entity\s+actual\s+typical$/);
    expect(lines[2]).toContain('2022-06-13T04:05:00Z');
    expect(lines[2]).toContain('critical');
    expect(lines[2]).toContain('91.2');
    expect(lines[2]).toContain('mean(app_byte_ratio) by dp partition src');
    expect(lines[2]).toContain('src=1.2.3.4');
    expect(lines[2]).toMatch(/0\.91\s+-0\.8$/);
  });

  it('says so when nothing reaches the minimum score', () => {
    expect(formatAnomalyTable([rec(0, 2)], { minScore: 3 })).toBe('No anomalies with a score of 3 or more.');
  });

  it('labels detectors with their splits', () => {
    expect(detectorLabel({ timestamp: 0, function: 'rare', by_field_name: 'dp', over_field_name: 'src' })).toBe('rare() by dp over src');
    expect(detectorLabel({ timestamp: 0, function: 'metric', function_description: 'max', field_name: 'x' })).toBe('metric/max(x)');
  });
});
