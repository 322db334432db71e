import React, { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { css } from '@emotion/css';
import { dateTime, type GrafanaTheme2, type TimeRange } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, InlineField, InlineFieldRow, Input, Select, TimeRangeInput, useStyles2 } from '@grafana/ui';

import { buildRequest } from '../../datasource/api/buildRequest';
import type { JobsResponse, ModelPlotResponse, RecordDoc, RecordsResponse } from '../../datasource/api/types';
import { DEFAULT_QUERY } from '../../datasource/types';
import { buildSwimlaneModel } from '../../panels/swimlane/model/buildSwimlaneModel';
import type { SwimlaneCell, SwimlaneLane, SwimlaneModel } from '../../panels/swimlane/model/types';
import { SwimlaneGrid } from '../../panels/swimlane/components/SwimlaneGrid';
import { SwimlaneLegend } from '../../panels/swimlane/components/SwimlaneLegend';
import { parseEntityKey } from '../../shared/entityKey';
import { ModelBoundsChart } from '../shared/ModelBoundsChart';
import { useElementWidth } from '../shared/useElementWidth';
import { useVigilDatasource } from '../shared/useVigilDatasource';
import { RecordsTable } from './RecordsTable';

function toTimeRange(r: { from: number; to: number }): TimeRange {
  const from = dateTime(r.from);
  const to = dateTime(r.to);
  return { from, to, raw: { from, to } };
}

interface Selection {
  lane: SwimlaneLane;
  cell: SwimlaneCell;
}

/** The cell a link names; a lane outside the top lanes (or a cell without score) still selects its records. */
export function selectionFromLink(model: SwimlaneModel, entity: string, at: number): Selection {
  const index = Math.floor((at - model.start) / model.intervalMs);
  const lane =
    (entity ? model.lanes.find((l) => l.key === entity) : model.overall) ??
    ({ key: entity, label: entity, overall: !entity, maxScore: 0, occurrence: 0, cells: [] } as SwimlaneLane);
  const cell = lane.cells.find((c) => c.index === index) ?? {
    index,
    start: model.start + index * model.intervalMs,
    end: model.start + (index + 1) * model.intervalMs,
    score: 0,
    severity: 'low' as const,
    count: 0,
    records: [],
  };
  return { lane, cell };
}

/** Job picker + time range → swimlane; a clicked cell → its records; a clicked record → its model bounds. */
function ExplorerPage() {
  const styles = useStyles2(getStyles);
  const { ds, error: dsError } = useVigilDatasource();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? '';
  const [jobs, setJobs] = useState<string[]>([]);
  const [jobRange, setJobRange] = useState<{ from: number; to: number } | null>(null);
  // a link from a swimlane panel: ?entity=<lane>&at=<cell start> selects that cell
  const linkedEntity = params.get('entity') ?? '';
  const linkedAt = Number(params.get('at'));
  const urlFrom = Number(params.get('from'));
  const urlTo = Number(params.get('to'));
  const range = useMemo(
    () => (urlFrom && urlTo ? { from: urlFrom, to: urlTo } : jobRange),
    [urlFrom, urlTo, jobRange]
  );
  const [viewBy, setViewBy] = useState('entity');
  const [model, setModel] = useState<SwimlaneModel | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [records, setRecords] = useState<RecordDoc[]>([]);
  const [record, setRecord] = useState<RecordDoc | undefined>();
  const [bounds, setBounds] = useState<ModelPlotResponse['points']>([]);
  const [error, setError] = useState<string | undefined>();
  const { ref, width } = useElementWidth<HTMLDivElement>();

  useEffect(() => {
    ds?.api
      .get<JobsResponse>('/api/jobs')
      .then((r) => setJobs(r.jobs.map((j) => j.job_id)))
      .catch((e: Error) => setError(e.message));
  }, [ds]);

  // Time range: from the URL, else the job's processed range.
  useEffect(() => {
    if (ds && jobId && !(urlFrom && urlTo)) {
      ds.api
        .get<{ earliest: number | null; latest: number | null }>(`/api/jobs/${encodeURIComponent(jobId)}/results/time_range`)
        .then((r) => setJobRange(r.earliest !== null && r.latest !== null ? { from: r.earliest, to: r.latest + 1 } : null))
        .catch((e: Error) => setError(e.message));
    }
  }, [ds, jobId, urlFrom, urlTo]);

  useEffect(() => {
    if (!ds || !jobId || !range) {
      return;
    }
    ds.runQuery({ ...DEFAULT_QUERY, refId: 'explorer', queryType: 'swimlane', jobId, viewBy, limit: 20 }, range)
      .then((frame) => {
        setError(undefined);
        const built = buildSwimlaneModel([frame], { limit: 20 });
        setModel(built);
        if (linkedAt > 0) {
          setSelection(selectionFromLink(built, linkedEntity, linkedAt));
        }
      })
      .catch((e: Error) => setError(e.message));
  }, [ds, jobId, range, viewBy, linkedEntity, linkedAt]);

  useEffect(() => {
    if (!ds || !jobId || !selection) {
      return;
    }
    const entities = selection.lane.overall ? [] : parseEntityKey(selection.lane.key).map((p) => `${p.field}=${p.value}`);
    const req = buildRequest(
      { ...DEFAULT_QUERY, refId: 'records', queryType: 'records', jobId, entities, size: 200 },
      { from: selection.cell.start, to: selection.cell.end }
    );
    ds.api
      .get<RecordsResponse>(req.path, req.params)
      .then((r) => {
        setRecords(r.records);
        setRecord(r.records[0]);
      })
      .catch((e: Error) => setError(e.message));
  }, [ds, jobId, selection]);

  useEffect(() => {
    if (!ds || !record || !model) {
      return;
    }
    const span = record.bucket_span * 1000;
    const req = buildRequest(
      { ...DEFAULT_QUERY, refId: 'bounds', queryType: 'model_bounds', jobId, detectorIndex: record.detector_index, entityKey: record.entity_key },
      { from: record.timestamp - 100 * span, to: record.timestamp + 50 * span }
    );
    ds.api
      .get<ModelPlotResponse>(req.path, req.params)
      .then((r) => setBounds(r.points))
      .catch((e: Error) => setError(e.message));
  }, [ds, jobId, record, model]);

  const jobOptions = useMemo(() => jobs.map((j) => ({ value: j, label: j })), [jobs]);

  return (
    <PluginPage>
      <div ref={ref} data-testid="data-testid vigil-explorer">
        {(dsError || error) && <Alert title="Vigil" severity="error">{dsError ?? error}</Alert>}
        <InlineFieldRow>
          <InlineField label="Job" labelWidth={8}>
            <Select
              width={32}
              options={jobOptions}
              value={jobId || null}
              placeholder="Pick a job"
              onChange={(v) => {
                setSelection(null);
                setParams({ job: v.value ?? '' });
              }}
            />
          </InlineField>
          <InlineField label="View by" labelWidth={10}>
            <Input width={16} value={viewBy} onChange={(e) => setViewBy(e.currentTarget.value)} />
          </InlineField>
        </InlineFieldRow>
        <InlineFieldRow>
          {range && (
            <InlineField label="Time" labelWidth={8}>
              <TimeRangeInput
                value={toTimeRange(range)}
                timeZone="utc"
                hideTimeZone
                onChange={(tr) => setParams({ job: jobId, from: String(tr.from.valueOf()), to: String(tr.to.valueOf()) })}
              />
            </InlineField>
          )}
          {jobId && urlFrom > 0 && (
            <Button variant="secondary" className={styles.range} onClick={() => setParams({ job: jobId })}>
              Whole job
            </Button>
          )}
        </InlineFieldRow>
        {model && (
          <>
            <SwimlaneGrid
              model={model}
              width={width}
              height={Math.min(420, 30 * (model.lanes.length + 1) + 6)}
              linkContext={{ jobId, sourceDatasourceUid: ds?.jsonData.sourceDatasourceUid ?? '', sourceTimeField: ds?.jsonData.sourceTimeField ?? '@timestamp' }}
              onSelectRange={(from, to) => setParams({ job: jobId, from: String(from), to: String(to) })}
              onCellClick={(lane, cell) => setSelection({ lane, cell })}
            />
            <SwimlaneLegend />
          </>
        )}
        {selection && (
          <section className={styles.section}>
            <h4>
              Records: {selection.lane.label}, {new Date(selection.cell.start).toISOString()}
            </h4>
            <RecordsTable records={records} selected={record} onSelect={setRecord} />
          </section>
        )}
        {record && (
          <section className={styles.section}>
            <h4>Model bounds: {record.entity_key || 'series'} (detector {record.detector_index})</h4>
            <ModelBoundsChart points={bounds} width={width} height={220} markTime={record.timestamp} />
          </section>
        )}
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  range: css({ marginLeft: theme.spacing(1) }),
  section: css({ marginTop: theme.spacing(2) }),
});

export default ExplorerPage;
