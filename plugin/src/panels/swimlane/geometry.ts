import type { SwimlaneLane, SwimlaneModel } from './model/types';

/** Pixel layout of the swimlane grid (CSS pixels, origin at the grid's top-left). Pure, so hit tests are testable. */
export interface SwimlaneLayout {
  width: number;
  height: number;
  laneHeight: number;
  /** Extra space between the overall lane and the view-by lanes. */
  overallGap: number;
  rows: SwimlaneLane[];
  cellWidth: number;
  bucketCount: number;
}

export const MAX_LANE_HEIGHT = 30;
export const MIN_LANE_HEIGHT = 8;

export function layoutSwimlane(model: SwimlaneModel, width: number, availableHeight: number): SwimlaneLayout {
  const rows = model.overall ? [model.overall, ...model.lanes] : [...model.lanes];
  const overallGap = model.overall && model.lanes.length > 0 ? 6 : 0;
  const laneHeight =
    rows.length === 0
      ? MAX_LANE_HEIGHT
      : Math.max(MIN_LANE_HEIGHT, Math.min(MAX_LANE_HEIGHT, Math.floor((availableHeight - overallGap) / rows.length)));
  const bucketCount = Math.max(1, model.bucketCount);
  return {
    width,
    height: rows.length * laneHeight + overallGap,
    laneHeight,
    overallGap,
    rows,
    cellWidth: width / bucketCount,
    bucketCount,
  };
}

export function rowTop(layout: SwimlaneLayout, row: number): number {
  return row * layout.laneHeight + (row > 0 ? layout.overallGap : 0);
}

/** Row and interval index under a point, or null outside the cells. */
export function hitTest(layout: SwimlaneLayout, x: number, y: number): { row: number; index: number } | null {
  if (x < 0 || x >= layout.width || y < 0 || y >= layout.height || layout.rows.length === 0) {
    return null;
  }
  let row: number;
  if (y < layout.laneHeight) {
    row = 0;
  } else if (y < layout.laneHeight + layout.overallGap) {
    return null;
  } else {
    row = Math.floor((y - layout.overallGap) / layout.laneHeight);
  }
  if (row >= layout.rows.length) {
    return null;
  }
  const index = Math.min(layout.bucketCount - 1, Math.floor(x / layout.cellWidth));
  return { row, index };
}

/** Binary search of a lane's sparse cells by interval index. */
export function cellAt(lane: SwimlaneLane, index: number) {
  let lo = 0;
  let hi = lane.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = lane.cells[mid];
    if (c.index === index) {
      return c;
    }
    if (c.index < index) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return undefined;
}

/** Time at an x position (for drag selections), clamped to the grid. */
export function timeAt(model: SwimlaneModel, layout: SwimlaneLayout, x: number): number {
  const clamped = Math.max(0, Math.min(layout.width, x));
  return model.start + (clamped / layout.width) * (model.end - model.start);
}
