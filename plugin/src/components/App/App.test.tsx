import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import type { AppRootProps, DataSourceInstanceSettings } from '@grafana/data';
import { type DataSourceSrv, setDataSourceSrv } from '@grafana/runtime';
import { render, screen } from '@testing-library/react';

import App from './App';

/** Generous waits: the suite shares two cores with the rest of the test run. */
const WAIT = { timeout: 15000 };

function withDatasources(list: DataSourceInstanceSettings[]) {
  setDataSourceSrv({
    getList: () => list,
    get: () => Promise.reject(new Error('not used')),
    getInstanceSettings: () => undefined,
    reload: () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv);
}

const props = { basename: 'a/vigil-anomaly-app', meta: {}, query: {}, path: '', onNavChanged: jest.fn() } as unknown as AppRootProps;

describe('App routes', () => {
  it('shows the jobs page under /jobs and says when no Vigil datasource exists', async () => {
    withDatasources([]);
    render(
      <MemoryRouter initialEntries={['/jobs']}>
        <App {...props} />
      </MemoryRouter>
    );
    expect(await screen.findByTestId('data-testid vigil-jobs', {}, WAIT)).toBeInTheDocument();
    expect(screen.getByText(/No Vigil Anomaly datasource is configured/)).toBeInTheDocument();
  });

  it('shows the explorer page by default', async () => {
    withDatasources([]);
    render(
      <MemoryRouter initialEntries={['/']}>
        <App {...props} />
      </MemoryRouter>
    );
    expect(await screen.findByTestId('data-testid vigil-explorer', {}, WAIT)).toBeInTheDocument();
  });
});
