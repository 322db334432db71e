import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { createDataFrame, dateTime, FieldType, LoadingState, type PanelProps } from '@grafana/data';

import { DEFAULT_SWIMLANE_OPTIONS, type SwimlaneOptions } from '../types';
import { SwimlanePanel } from './SwimlanePanel';
import { testIds } from './testIds';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);

function props(series: PanelProps['data']['series'], extra: Partial<PanelProps<SwimlaneOptions>> = {}): PanelProps<SwimlaneOptions> {
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange: {} },
    timeRange: { from: dateTime(T0), to: dateTime(T0 + 4 * H), raw: { from: '', to: '' } },
    timeZone: 'utc',
    options: { ...DEFAULT_SWIMLANE_OPTIONS, sourceDatasourceUid: 'netflow-os' },
    width: 500,
    height: 300,
    onChangeTimeRange: jest.fn(),
    ...extra,
  } as unknown as PanelProps<SwimlaneOptions>;
}

const frame = createDataFrame({
  fields: [
    { name: 'timestamp', type: FieldType.time, values: [T0, T0 + H, T0 + 2 * H] },
    { name: 'record_score', type: FieldType.number, values: [5, 90, 40] },
    { name: 'entity_key', type: FieldType.string, values: ['src=a', 'src=a', 'src=b'] },
    { name: 'function', type: FieldType.string, values: ['count', 'count', 'count'] },
  ],
});

describe('SwimlanePanel', () => {
  it('renders lane labels (overall first) and the legend', () => {
    render(<SwimlanePanel {...props([frame])} />);
    expect(screen.getAllByTestId(testIds.laneLabel).map((e) => e.textContent)).toEqual(['Overall', 'src=a', 'src=b']);
    expect(screen.getByTestId(testIds.legend)).toHaveTextContent('critical (>= 75)');
  });

  it('shows a tooltip with score, severity, lane and top records on hover, and a link menu on click', () => {
    render(<SwimlanePanel {...props([frame])} />);
    const canvas = screen.getByTestId(testIds.canvas);
    const cellWidth = (500 - 110) / 4; // label column is 22% of the width (110 px)
    const y = Number(canvas.dataset.laneHeight) + Number(canvas.dataset.overallGap) + 5; // first view-by lane
    fireEvent.mouseMove(canvas, { clientX: cellWidth * 1.5, clientY: y });
    const tooltip = screen.getByTestId(testIds.tooltip);
    expect(tooltip).toHaveTextContent('90.0 critical');
    expect(tooltip).toHaveTextContent('src=a');
    expect(tooltip).toHaveTextContent('2026-01-05 01:00:00 → 2026-01-05 02:00:00');
    expect(tooltip).toHaveTextContent('count');
    fireEvent.mouseDown(canvas, { clientX: cellWidth * 1.5, clientY: y });
    fireEvent.mouseUp(canvas, { clientX: cellWidth * 1.5, clientY: y });
    const menu = screen.getByTestId(testIds.menu);
    const links = Array.from(menu.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? '');
    expect(links).toHaveLength(2);
    expect(decodeURIComponent(links[0])).toContain('"query":"src:\\"a\\""');
    expect(links[1]).toContain('/a/vigil-anomaly-app/explorer?from=');
  });

  it('sets the dashboard time range on a drag', () => {
    const p = props([frame]);
    render(<SwimlanePanel {...p} />);
    const canvas = screen.getByTestId(testIds.canvas);
    fireEvent.mouseDown(canvas, { clientX: 0, clientY: 5 });
    fireEvent.mouseMove(canvas, { clientX: 195, clientY: 5 });
    fireEvent.mouseUp(canvas, { clientX: 195, clientY: 5 });
    expect(p.onChangeTimeRange).toHaveBeenCalledWith({ from: T0, to: T0 + 2 * H });
  });

  it('explains an empty result and shows query errors', () => {
    const { unmount } = render(<SwimlanePanel {...props([])} />);
    expect(screen.getByTestId(testIds.empty)).toHaveTextContent('No anomaly scores in this time range');
    unmount();
    render(
      <SwimlanePanel
        {...props([], { data: { series: [], state: LoadingState.Error, errors: [{ message: 'job [x] not found' }], timeRange: {} } as unknown as PanelProps['data'] })}
      />
    );
    expect(screen.getByTestId(testIds.error)).toHaveTextContent('Could not load anomaly scores: job [x] not found');
  });
});
