import React from 'react';
import fs from 'fs';
import path from 'path';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';

import { installFakeHost } from '../../test/fakeHost';
import ExplorerPage from './ExplorerPage';

/** Generous waits: the suite shares two cores with the rest of the test run. */
const WAIT = { timeout: 15000 };

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../datasource/__fixtures__', name), 'utf8'));

describe('ExplorerPage', () => {
  it('job → swimlane; a clicked cell → its records; the selected record → its model bounds', async () => {
    const swimlane = fixture('swimlane.response.json');
    const records = fixture('records.response.json');
    const calls = installFakeHost({
      'GET /api/jobs': { status: 200, body: fixture('jobs.response.json') },
      'GET /api/jobs/zeek-008/results/time_range': { status: 200, body: { earliest: swimlane.start, latest: swimlane.end - 900000 } },
      'GET /api/jobs/zeek-008/results/swimlane': { status: 200, body: swimlane },
      'GET /api/jobs/zeek-008/results/records': { status: 200, body: { count: 1, records: [records.records[3]] } },
      'GET /api/jobs/zeek-008/results/model_plot': { status: 200, body: fixture('model_plot.response.json') },
    });
    render(
      <MemoryRouter initialEntries={['/explorer?job=zeek-008']}>
        <Routes>
          <Route path="/explorer" element={<ExplorerPage />} />
        </Routes>
      </MemoryRouter>
    );
    await waitFor(
      () =>
        expect(screen.getAllByTestId('data-testid vigil-swimlane-lane-label').map((e) => e.textContent)).toEqual([
          'Overall',
          ...swimlane.lanes.map((l: { lane: string }) => l.lane),
        ]),
      WAIT
    );
    const swimlaneCall = calls.find((c) => c.url.includes('/results/swimlane'))!;
    expect(swimlaneCall.url).toContain(`start=${swimlane.start}&end=${swimlane.end - 900000 + 1}&view_by=entity&limit=20`);

    // the top lane's strongest cell: 800 px page (no ResizeObserver in jsdom), labels take 176 px, 6 cells of 104 px
    const lane = swimlane.lanes[0];
    const best = [...lane.cells].sort((a: { score: number }, b: { score: number }) => b.score - a.score)[0];
    const index = (best.timestamp - swimlane.start) / 900000;
    const canvas = screen.getByTestId('data-testid vigil-swimlane-canvas');
    const x = (index + 0.5) * (624 / 6);
    const y = Number(canvas.dataset.laneHeight) + Number(canvas.dataset.overallGap) + 5;
    fireEvent.mouseDown(canvas, { clientX: x, clientY: y });
    fireEvent.mouseUp(canvas, { clientX: x, clientY: y });

    const table = await screen.findByTestId('data-testid vigil-records-table', {}, WAIT);
    expect(table).toHaveTextContent('high_count by src');
    expect(table).toHaveTextContent('src=89.248.165.118');
    const recordsCall = calls.find((c) => c.url.includes('/results/records'))!;
    expect(recordsCall.url).toContain(`start=${best.timestamp}&end=${best.timestamp + 900000}`);
    expect(recordsCall.url).toContain('entity=src%3D89.248.165.118');
    expect(await screen.findByRole('img', { name: 'Model bounds' }, WAIT)).toBeInTheDocument();
    const boundsCall = calls.find((c) => c.url.includes('/results/model_plot'))!;
    expect(boundsCall.url).toContain('detector_index=0&entity_key=src%3D89.248.165.118');
  });

  it('a link from a panel cell (?entity=&at=) opens with that cell selected and its records listed', async () => {
    const swimlane = fixture('swimlane.response.json');
    const records = fixture('records.response.json');
    const lane = swimlane.lanes[0];
    const at = lane.cells[0].timestamp;
    const calls = installFakeHost({
      'GET /api/jobs': { status: 200, body: fixture('jobs.response.json') },
      'GET /api/jobs/zeek-008/results/swimlane': { status: 200, body: swimlane },
      'GET /api/jobs/zeek-008/results/records': { status: 200, body: { count: 1, records: [records.records[3]] } },
      'GET /api/jobs/zeek-008/results/model_plot': { status: 200, body: fixture('model_plot.response.json') },
    });
    const link = `/explorer?job=zeek-008&from=${swimlane.start}&to=${swimlane.end}&entity=${encodeURIComponent(lane.lane)}&at=${at}`;
    render(
      <MemoryRouter initialEntries={[link]}>
        <Routes>
          <Route path="/explorer" element={<ExplorerPage />} />
        </Routes>
      </MemoryRouter>
    );
    expect(await screen.findByText(`Records: ${lane.lane}, ${new Date(at).toISOString()}`, {}, WAIT)).toBeInTheDocument();
    expect(await screen.findByTestId('data-testid vigil-records-table', {}, WAIT)).toHaveTextContent(lane.lane);
    const recordsCall = calls.find((c) => c.url.includes('/results/records'))!;
    expect(recordsCall.url).toContain(`start=${at}&end=${at + 900000}`);
    expect(calls.some((c) => c.url.includes('/time_range'))).toBe(false);
  });

  it('says when no Vigil datasource exists', async () => {
    const { setDataSourceSrv } = jest.requireActual('@grafana/runtime');
    setDataSourceSrv({ getList: () => [], get: () => Promise.reject(new Error('none')) });
    render(
      <MemoryRouter initialEntries={['/explorer']}>
        <ExplorerPage />
      </MemoryRouter>
    );
    expect(await screen.findByText(/No Vigil Anomaly datasource is configured/, {}, WAIT)).toBeInTheDocument();
  });
});
