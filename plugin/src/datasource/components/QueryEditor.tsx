import React, { type ChangeEvent } from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Select } from '@grafana/ui';

import type { VigilDataSource } from '../datasource';
import { DEFAULT_QUERY, QUERY_TYPE_OPTIONS, type VigilOptions, type VigilQuery, type VigilQueryType } from '../types';

type Props = QueryEditorProps<VigilDataSource, VigilQuery, VigilOptions>;

export const queryTestIds = {
  queryType: 'data-testid vigil-query-type',
  jobId: 'data-testid vigil-query-job',
  minScore: 'data-testid vigil-query-min-score',
  entities: 'data-testid vigil-query-entities',
  viewBy: 'data-testid vigil-query-view-by',
  limit: 'data-testid vigil-query-limit',
  entityKey: 'data-testid vigil-query-entity-key',
};

/** `$min_score` or `${min_score}`: kept as typed, replaced when the query runs. */
const isVariable = (text: string) => /^\$(\w+|\{\w+\})$/.test(text.trim());

const SORT_OPTIONS: Array<SelectableValue<'max_score' | 'occurrence'>> = [
  { value: 'max_score', label: 'Max score' },
  { value: 'occurrence', label: 'Occurrence' },
];

/** Query type, job, filters and the options of the chosen type. Numbers are validated before they reach the query. */
export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const q = { ...DEFAULT_QUERY, ...query };
  const update = (patch: Partial<VigilQuery>, run = false) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const numberFrom = (e: ChangeEvent<HTMLInputElement>, min: number, max: number): number | undefined => {
    const n = Number(e.target.value);
    return e.target.value.trim() !== '' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : undefined;
  };

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Query" labelWidth={12}>
          <Select
            data-testid={queryTestIds.queryType}
            inputId="vigil-query-type"
            width={24}
            options={QUERY_TYPE_OPTIONS}
            value={q.queryType}
            onChange={(v) => update({ queryType: v.value as VigilQueryType }, true)}
          />
        </InlineField>
        {q.queryType !== 'jobs' && (
          <InlineField label="Job" labelWidth={8} tooltip="Job id; template variables such as $job work">
            <Input
              data-testid={queryTestIds.jobId}
              width={28}
              value={q.jobId}
              placeholder="job id or $job"
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ jobId: e.target.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      {q.queryType !== 'jobs' && q.queryType !== 'model_bounds' && (
        <InlineFieldRow>
          <InlineField label="Min score" labelWidth={12} tooltip="0-100, or a template variable such as $min_score">
            <Input
              data-testid={queryTestIds.minScore}
              width={12}
              value={q.minScore ?? 0}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                update({ minScore: isVariable(e.target.value) ? e.target.value.trim() : (numberFrom(e, 0, 100) ?? 0) })
              }
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Entities" labelWidth={10} tooltip="Comma-separated field=value filters, e.g. src=10.0.0.5 or $entity">
            <Input
              data-testid={queryTestIds.entities}
              width={40}
              value={(q.entities ?? []).join(', ')}
              placeholder="src=10.0.0.5"
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                update({ entities: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })
              }
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {q.queryType === 'swimlane' && (
        <InlineFieldRow>
          <InlineField label="View by" labelWidth={12} tooltip="entity (by/over/partition values) or an influencer field name">
            <Input
              data-testid={queryTestIds.viewBy}
              width={16}
              value={q.viewBy ?? 'entity'}
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ viewBy: e.target.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Limit" labelWidth={8}>
            <Input
              data-testid={queryTestIds.limit}
              type="number"
              width={8}
              value={q.limit ?? 10}
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ limit: numberFrom(e, 1, 1000) ?? 10 })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Sort" labelWidth={8}>
            <RadioButtonGroup options={SORT_OPTIONS} value={q.sort} onChange={(v) => update({ sort: v }, true)} />
          </InlineField>
        </InlineFieldRow>
      )}
      {q.queryType === 'model_bounds' && (
        <InlineFieldRow>
          <InlineField label="Detector" labelWidth={12}>
            <Input
              type="number"
              width={8}
              value={q.detectorIndex ?? 0}
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ detectorIndex: numberFrom(e, 0, 1000) ?? 0 })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Entity key" labelWidth={12} tooltip="entity_key of the series, e.g. src=10.0.0.5">
            <Input
              data-testid={queryTestIds.entityKey}
              width={32}
              value={q.entityKey ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) => update({ entityKey: e.target.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
