/**
 * Picks the detector implementation for a detector plan.
 */
import type { AnalysisPlan, DetectorPlan } from '../config/analysisPlan';
import { functionSpec } from '../detectors/functionCatalog';
import type { Detector } from './detectorTypes';
import { PopulationDetector, type PopulationDetectorState } from './populationDetector';
import { RareDetector, type RareDetectorState } from './rareDetector';
import { TimeOfDetector, type TimeOfDetectorState } from './timeOfDetector';
import { SeriesDetector, type SeriesDetectorState } from './seriesDetector';

export function createDetector(d: DetectorPlan, plan: AnalysisPlan, state?: unknown): Detector {
  const spec = functionSpec(d.function);
  if (spec.family === 'rare') return new RareDetector(d, plan.influencers, state as RareDetectorState | undefined);
  if (d.function === 'time_of_day' || d.function === 'time_of_week') {
    return new TimeOfDetector(d, plan.influencers, state as TimeOfDetectorState | undefined);
  }
  if (d.overFieldName) {
    return new PopulationDetector(d, plan.bucketSpanMs, plan.influencers, state as PopulationDetectorState | undefined);
  }
  return new SeriesDetector(d, plan.bucketSpanMs, plan.influencers, state as SeriesDetectorState | undefined);
}
