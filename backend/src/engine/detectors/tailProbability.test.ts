import { emptyObservation } from '../models/types';
import { anomalyType, sidedProbability } from './tailProbability';

function obs(pLower: number, pUpper: number, typical = 10, mbLower = 1, mbUpper = 1): ReturnType<typeof emptyObservation> {
  return { ...emptyObservation(), scored: true, pLower, pUpper, multiBucketPLower: mbLower, multiBucketPUpper: mbUpper, typical, lowerBound: 8, upperBound: 12 };
}

describe('sidedProbability', () => {
  it('both sides: twice the smaller tail', () => {
    expect(sidedProbability('both', 20, obs(0.999, 0.001)).p).toBeCloseTo(0.002, 12);
    expect(sidedProbability('both', 1, obs(0.004, 0.996)).p).toBeCloseTo(0.008, 12);
  });

  it('high never scores a value below typical, low never one above', () => {
    expect(sidedProbability('high', 20, obs(0.999, 0.001)).p).toBe(0.001);
    expect(sidedProbability('high', 5, obs(0.001, 0.999, 10, 1e-9, 1)).p).toBe(1);
    expect(sidedProbability('low', 5, obs(0.001, 0.999)).p).toBe(0.001);
    expect(sidedProbability('low', 20, obs(0.999, 0.001, 10, 1, 1e-9)).p).toBe(1);
  });

  it('the multi-bucket tail supports a record on the function side', () => {
    const s = sidedProbability('high', 11, obs(0.3, 0.2, 10, 0.9, 1e-6));
    expect(s).toEqual({ single: 0.2, multi: 1e-6, p: 1e-6 });
  });

  it('an unscored observation gives 1', () => {
    expect(sidedProbability('both', 5, emptyObservation()).p).toBe(1);
  });

  it('anomaly type', () => {
    expect(anomalyType(5, 3)).toBe('spike');
    expect(anomalyType(1, 3)).toBe('dip');
  });
});
