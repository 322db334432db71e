import React from 'react';
import fs from 'fs';
import path from 'path';
import { MemoryRouter } from 'react-router-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { installFakeHost } from '../../test/fakeHost';
import JobsPage from './JobsPage';
import { caretUnder, pipelineJobBody } from './pipelineErrors';

/** Generous waits: the suite shares two cores with the rest of the test run. */
const WAIT = { timeout: 15000 };

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../datasource/__fixtures__', name), 'utf8'));
const jobs = fixture('jobs.response.json');

describe('caretUnder / pipelineJobBody', () => {
  it('puts a caret under the 1-based column', () => {
    expect(caretUnder('sourcetype=netflow | autodetect foo(', 21)).toBe(`${' '.repeat(20)}^`);
    expect(caretUnder('abc', 99)).toBe('   ^');
    expect(caretUnder('abc', undefined)).toBeNull();
  });

  it('builds the PUT body of a pipeline job', () => {
    expect(pipelineJobBody('| autodetect count by src', 'netflow-*, zeek-*', '@timestamp', '')).toEqual({
      search: '| autodetect count by src',
      datafeed_config: { indices: ['netflow-*', 'zeek-*'] },
      data_description: { time_field: '@timestamp' },
    });
  });
});

describe('JobsPage', () => {
  const renderPage = () =>
    render(
      <MemoryRouter>
        <JobsPage />
      </MemoryRouter>
    );

  it('lists jobs with state, lag, memory status and errors; start opens then starts a closed job', async () => {
    const calls = installFakeHost({
      'GET /api/jobs': { status: 200, body: jobs },
      'POST /api/jobs/auth-failures/_open': { status: 200, body: { status: jobs.jobs[1] } },
      'POST /api/jobs/auth-failures/_start': { status: 200, body: { status: jobs.jobs[1] } },
      'POST /api/jobs/zeek-008/_stop': { status: 200, body: { status: jobs.jobs[0] } },
    });
    renderPage();
    const row = (await screen.findByText('zeek-008', {}, WAIT)).closest('tr')!;
    expect(row).toHaveTextContent('opened');
    expect(row).toHaveTextContent('started');
    expect(row).toHaveTextContent('5,663');
    expect(row).toHaveTextContent('2 min');
    const failed = screen.getByText('auth-failures').closest('tr')!;
    expect(failed).toHaveTextContent('index [syslog-*] not found');
    expect(failed).toHaveTextContent('hard_limit');
    fireEvent.click(within(failed).getByText('Start'));
    await waitFor(() => expect(calls.map((c) => `${c.method} ${c.url}`)).toContain('POST /api/datasources/proxy/uid/vigil/vigil/api/jobs/auth-failures/_start'), WAIT);
    const posted = calls.filter((c) => c.method === 'POST').map((c) => c.url.split('/').pop());
    expect(posted).toEqual(['_open', '_start']);
    expect(within(row).getByText('Stop').closest('button')).not.toBeDisabled();
    expect(within(failed).getByText('Close').closest('button')).toBeDisabled();
  });

  it('validates the pipeline live, shows the error under its column, and creates a valid job', async () => {
    jest.useFakeTimers();
    const bad = 'autodetect bucketspan=banana count by src';
    const invalid = fixture('validate-invalid.response.json');
    const calls = installFakeHost({
      'GET /api/jobs': { status: 200, body: { count: 0, jobs: [] } },
      'POST /api/_validate/pipeline': (req) =>
        (req.data as { search: string }).search === bad
          ? { status: 200, body: invalid }
          : { status: 200, body: { ...fixture('validate-valid.response.json'), notes: ['bucket_span 15m'] } },
      'PUT /api/jobs/netflow-bytes': { status: 200, body: { job: {} } },
    });
    renderPage();
    const newJob = (await screen.findByText('New job', {}, WAIT)).closest('button')!;
    await waitFor(() => expect(newJob).not.toBeDisabled(), WAIT);
    fireEvent.click(newJob);
    fireEvent.change(screen.getByRole('textbox', { name: /job id/i }), { target: { value: 'netflow-bytes' } });
    fireEvent.change(screen.getByTestId('data-testid vigil-pipeline-input'), { target: { value: bad } });
    await act(async () => {
      jest.advanceTimersByTime(400);
    });
    const error = await screen.findByTestId('data-testid vigil-pipeline-error', {}, WAIT);
    expect(invalid.errors[0].column).toBe(23);
    expect(error.textContent).toBe(`${bad}\n${' '.repeat(22)}^ ${invalid.errors[0].message}`);
    expect(screen.getByText('Create job').closest('button')).toBeDisabled();

    const good = 'sourcetype=netflow | autodetect bucketspan=15m high_sum(dest_app_bytes) by src';
    fireEvent.change(screen.getByTestId('data-testid vigil-pipeline-input'), { target: { value: good } });
    await act(async () => {
      jest.advanceTimersByTime(400);
    });
    expect(await screen.findByText(/Pipeline is valid\. bucket_span 15m/, {}, WAIT)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /indices/i }), { target: { value: 'netflow-*' } });
    fireEvent.click(screen.getByText('Create job'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true), WAIT);
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.url).toBe('/api/datasources/proxy/uid/vigil/vigil/api/jobs/netflow-bytes');
    expect(put.data).toEqual({ search: good, datafeed_config: { indices: ['netflow-*'] }, data_description: { time_field: '@timestamp' } });
    expect(calls.filter((c) => c.url.endsWith('/_validate/pipeline')).map((c) => (c.data as { search: string }).search)).toEqual([bad, good]);
    jest.useRealTimers();
  });
});
