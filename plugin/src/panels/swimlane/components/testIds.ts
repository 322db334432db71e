export const testIds = {
  panel: 'data-testid vigil-swimlane',
  canvas: 'data-testid vigil-swimlane-canvas',
  laneLabel: 'data-testid vigil-swimlane-lane-label',
  tooltip: 'data-testid vigil-swimlane-tooltip',
  legend: 'data-testid vigil-swimlane-legend',
  menu: 'data-testid vigil-swimlane-menu',
  empty: 'data-testid vigil-swimlane-empty',
  error: 'data-testid vigil-swimlane-error',
};
