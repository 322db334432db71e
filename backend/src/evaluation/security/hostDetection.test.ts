import { flaggedHosts, hostScores, maliciousSources } from './hostDetection';

describe('host-level precision and recall', () => {
  const flows = [
    { source: '192.168.1.115', malicious: true },
    { source: '192.168.1.115', malicious: false },
    { source: '192.168.1.114', malicious: false },
    { source: '8.8.8.8', malicious: true },
  ];

  it('takes as positive every source with at least one malicious flow', () => {
    expect([...maliciousSources(flows)].sort()).toEqual(['192.168.1.115', '8.8.8.8']);
  });

  it('flags hosts named (by, over or partition) by a record of major or above, within the sources seen', () => {
    const universe = new Set(['192.168.1.115', '192.168.1.114', '8.8.8.8']);
    const records = [
      { timestamp: 0, record_score: 60, partition_field_value: '192.168.1.115', by_field_value: '1.2.3.4:80' },
      { timestamp: 0, record_score: 49.9, over_field_value: '8.8.8.8' },
      { timestamp: 0, record_score: 30, initial_record_score: 80, by_field_value: '192.168.1.114' },
    ];
    expect([...flaggedHosts(records, universe)].sort()).toEqual(['192.168.1.114', '192.168.1.115']);
    expect([...flaggedHosts(records)].sort()).toEqual(['1.2.3.4:80', '192.168.1.114', '192.168.1.115']);
    expect([...flaggedHosts(records, universe, 40)].sort()).toEqual(['192.168.1.114', '192.168.1.115', '8.8.8.8']);
  });

  it('computes precision and recall and lists the false positives and misses', () => {
    const positives = maliciousSources(flows);
    expect(hostScores(positives, new Set(['192.168.1.115', '192.168.1.114']))).toEqual({
      positives: 2, flagged: 2, truePositives: 1, precision: 0.5, recall: 0.5, falsePositiveHosts: ['192.168.1.114'], missedHosts: ['8.8.8.8'],
    });
    expect(hostScores(positives, new Set())).toMatchObject({ precision: null, recall: 0 });
    expect(hostScores(new Set(), new Set(['a']))).toMatchObject({ precision: 0, recall: null });
  });
});
