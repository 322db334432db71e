import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';

import type { VigilDataSource } from '../datasource';
import type { VigilOptions, VigilQuery, VigilSecureOptions } from '../types';
import { ConfigEditor, configTestIds } from './ConfigEditor';
import { QueryEditor, queryTestIds } from './QueryEditor';

const baseOptions = {
  id: 1,
  uid: 'vigil',
  orgId: 1,
  name: 'Vigil',
  type: 'vigil-anomaly-datasource',
  typeName: 'Vigil Anomaly',
  typeLogoUrl: '',
  access: 'proxy',
  url: '',
  user: '',
  database: '',
  basicAuth: false,
  basicAuthUser: '',
  isDefault: false,
  withCredentials: false,
  readOnly: false,
  jsonData: { url: 'http://vigil:8080' },
  secureJsonFields: {},
} as unknown as DataSourceSettings<VigilOptions, VigilSecureOptions>;

describe('ConfigEditor', () => {
  it('edits the URL and source datasource in jsonData and the token in secureJsonData', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={baseOptions} onOptionsChange={onOptionsChange} />);
    expect(screen.getByTestId(configTestIds.url)).toHaveValue('http://vigil:8080');
    fireEvent.change(screen.getByTestId(configTestIds.url), { target: { value: 'http://127.0.0.1:9000' } });
    expect(onOptionsChange.mock.calls[0][0].jsonData.url).toBe('http://127.0.0.1:9000');
    fireEvent.change(screen.getByTestId(configTestIds.sourceUid), { target: { value: 'netflow-os' } });
    expect(onOptionsChange.mock.calls[1][0].jsonData).toEqual({ url: 'http://vigil:8080', sourceDatasourceUid: 'netflow-os' });
    fireEvent.change(screen.getByTestId(configTestIds.token), { target: { value: 's3cret' } });
    expect(onOptionsChange.mock.calls[2][0].secureJsonData).toEqual({ apiToken: 's3cret' });
    expect(onOptionsChange.mock.calls[2][0].jsonData.apiToken).toBeUndefined();
  });

  it('shows a configured token as set, never its value', () => {
    render(<ConfigEditor options={{ ...baseOptions, secureJsonFields: { apiToken: true } }} onOptionsChange={jest.fn()} />);
    expect(screen.getByDisplayValue('configured')).toBeInTheDocument();
  });
});

describe('QueryEditor', () => {
  const ds = {} as VigilDataSource;
  const renderEditor = (query: VigilQuery) => {
    const onChange = jest.fn();
    const onRunQuery = jest.fn();
    render(<QueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
    return { onChange, onRunQuery };
  };

  it('edits job, min score (clamped to 0-100) and entity filters of a swimlane query', () => {
    const { onChange, onRunQuery } = renderEditor({ refId: 'A', queryType: 'swimlane', jobId: 'zeek-008' });
    fireEvent.change(screen.getByTestId(queryTestIds.jobId), { target: { value: '$job' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ jobId: '$job' }));
    fireEvent.change(screen.getByTestId(queryTestIds.minScore), { target: { value: '250' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ minScore: 100 }));
    fireEvent.change(screen.getByTestId(queryTestIds.minScore), { target: { value: ' $min_score' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ minScore: '$min_score' }));
    fireEvent.change(screen.getByTestId(queryTestIds.minScore), { target: { value: 'abc' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ minScore: 0 }));
    fireEvent.change(screen.getByTestId(queryTestIds.entities), { target: { value: 'src=10.0.0.5, $entity,' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ entities: ['src=10.0.0.5', '$entity'] }));
    fireEvent.blur(screen.getByTestId(queryTestIds.entities));
    expect(onRunQuery).toHaveBeenCalled();
    expect(screen.getByTestId(queryTestIds.viewBy)).toHaveValue('entity');
  });

  it('shows the series fields for model bounds and hides job for the job list', () => {
    renderEditor({ refId: 'A', queryType: 'model_bounds', jobId: 'zeek-008', entityKey: 'dest_port=5353' });
    expect(screen.getByTestId(queryTestIds.entityKey)).toHaveValue('dest_port=5353');
    expect(screen.queryByTestId(queryTestIds.minScore)).toBeNull();
  });

  it('hides the job field for the job list', () => {
    renderEditor({ refId: 'A', queryType: 'jobs', jobId: '' });
    expect(screen.queryByTestId(queryTestIds.jobId)).toBeNull();
  });
});
