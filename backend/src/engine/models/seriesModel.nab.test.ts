/**
 * A real NAB file (realAWSCloudwatch/ec2_network_in_257a54.csv, MIT) through the series model and the
 * real normaliser: its labelled anomaly window holds the file's highest scores.
 */
import * as fs from 'fs';
import { sharedPath } from '../../support/sharedData';
import { SeriesModelSet } from './seriesModel';
import { emptyObservation } from './types';
import { QuantileScoreNormaliser } from '../scoring/normaliser';
import { rawScore } from '../scoring/rawScore';
import { seriesProbability } from '../scoring/seriesProbability';

const SPAN = 300_000;

function load(): { times: number[]; values: number[] } {
  const text = fs.readFileSync(sharedPath('datasets', 'nab', 'data', 'realAWSCloudwatch', 'ec2_network_in_257a54.csv'), 'utf8');
  const lines = text.trim().split('\n').slice(1);
  return {
    times: lines.map((l) => Date.parse(l.split(',')[0].replace(' ', 'T') + 'Z')),
    values: lines.map((l) => Number(l.split(',')[1])),
  };
}

describe('NAB ec2_network_in_257a54', () => {
  it('flags the labelled window and scores nothing outside it as high', () => {
    const labels = JSON.parse(fs.readFileSync(sharedPath('datasets', 'nab', 'labels', 'combined_windows.json'), 'utf8')) as Record<string, string[][]>;
    const [[startText, endText]] = labels['realAWSCloudwatch/ec2_network_in_257a54.csv'];
    const start = Date.parse(startText.slice(0, 19).replace(' ', 'T') + 'Z');
    const end = Date.parse(endText.slice(0, 19).replace(' ', 'T') + 'Z');
    const { times, values } = load();
    const probation = Math.min(Math.floor(0.15 * times.length), 750);
    const models = new SeriesModelSet({ bucketSpanMs: SPAN, kind: 'metric' });
    const id = models.add();
    const normaliser = new QuantileScoreNormaliser({ bucketSpanMs: SPAN });
    const o = emptyObservation();
    let inWindow = 0;
    let outside = 0;
    let firstFlag = -1;
    times.forEach((t, i) => {
      models.observe(id, t, values[i], true, o);
      const raw = rawScore(seriesProbability(o, 'both'));
      normaliser.observe(raw, t);
      const score = normaliser.normalise(raw);
      if (t >= start && t <= end) {
        inWindow = Math.max(inWindow, score);
        if (firstFlag < 0 && score >= 50) firstFlag = i;
      } else if (i >= probation) outside = Math.max(outside, score);
    });
    expect(inWindow).toBeGreaterThanOrEqual(50);
    expect(outside).toBeLessThan(inWindow);
    expect(firstFlag).toBeGreaterThan(0);
  });
});
