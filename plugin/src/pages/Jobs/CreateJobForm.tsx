import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Field, Input, RadioButtonGroup, TextArea, useStyles2 } from '@grafana/ui';

import type { ValidateResponse } from '../../datasource/api/types';
import { type VigilApiClient, VigilApiError } from '../../datasource/api/VigilApiClient';
import { caretUnder, JOB_ID_PATTERN, pipelineJobBody } from './pipelineErrors';

interface Props {
  api: VigilApiClient;
  onCreated: (jobId: string) => void;
}

type Mode = 'pipeline' | 'json';

/** Create a job from the one-line pipeline (validated live by the backend, errors under their column) or from JSON. */
export function CreateJobForm({ api, onCreated }: Props) {
  const styles = useStyles2(getStyles);
  const [mode, setMode] = useState<Mode>('pipeline');
  const [jobId, setJobId] = useState('');
  const [pipeline, setPipeline] = useState('');
  const [indices, setIndices] = useState('');
  const [timeField, setTimeField] = useState('@timestamp');
  const [json, setJson] = useState('');
  const [lastValidation, setValidation] = useState<ValidateResponse | null>(null);
  const validation = mode === 'pipeline' && pipeline.trim() ? lastValidation : null;
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (mode !== 'pipeline' || !pipeline.trim()) {
      return;
    }
    const timer = setTimeout(() => {
      api
        .post<ValidateResponse>('/api/_validate/pipeline', { search: pipeline })
        .then(setValidation)
        .catch((e: Error) => setError(e.message));
    }, 350);
    return () => clearTimeout(timer);
  }, [api, pipeline, mode]);

  const submit = async () => {
    setError(undefined);
    try {
      const body = mode === 'pipeline' ? pipelineJobBody(pipeline, indices, timeField, '') : JSON.parse(json);
      await api.put(`/api/jobs/${encodeURIComponent(jobId)}`, body);
      onCreated(jobId);
    } catch (e) {
      const err = e as Error;
      const details = err instanceof VigilApiError ? err.details?.map((d) => d.message).join('; ') : '';
      setError(details ? `${err.message}: ${details}` : err.message);
    }
  };

  const idValid = JOB_ID_PATTERN.test(jobId);
  const canSubmit = idValid && (mode === 'json' ? json.trim() !== '' : validation?.valid === true);

  return (
    <div className={styles.form} data-testid="data-testid vigil-create-job">
      <Field label="Job id" invalid={jobId !== '' && !idValid} error="lower case letters, digits, - and _">
        <Input id="vigil-job-id" value={jobId} onChange={(e) => setJobId(e.currentTarget.value)} width={32} />
      </Field>
      <RadioButtonGroup
        options={[
          { value: 'pipeline', label: 'Pipeline' },
          { value: 'json', label: 'JSON' },
        ]}
        value={mode}
        onChange={setMode}
      />
      {mode === 'pipeline' ? (
        <>
          <Field label="Pipeline" description='e.g. sourcetype=netflow | autodetect high_sum(dest_app_bytes) by src bucketspan=5m'>
            <Input
              id="vigil-pipeline"
              className={styles.mono}
              value={pipeline}
              onChange={(e) => setPipeline(e.currentTarget.value)}
              data-testid="data-testid vigil-pipeline-input"
            />
          </Field>
          {validation && !validation.valid &&
            validation.errors.map((err, i) => (
              <pre key={i} className={styles.errorLine} data-testid="data-testid vigil-pipeline-error">
                {pipeline}
                {'\n'}
                {caretUnder(pipeline, err.column) ?? ''} {err.message}
              </pre>
            ))}
          {validation?.valid && <div className={styles.ok}>Pipeline is valid. {validation.notes.join(' ')}</div>}
          <Field label="Indices" description="comma-separated source index patterns">
            <Input id="vigil-indices" value={indices} onChange={(e) => setIndices(e.currentTarget.value)} width={48} />
          </Field>
          <Field label="Time field">
            <Input id="vigil-time-field" value={timeField} onChange={(e) => setTimeField(e.currentTarget.value)} width={32} />
          </Field>
        </>
      ) : (
        <Field label="Job config (JSON, Elastic-compatible, with datafeed_config)">
          <TextArea id="vigil-job-json" className={styles.mono} rows={12} value={json} onChange={(e) => setJson(e.currentTarget.value)} />
        </Field>
      )}
      {error && <Alert title="Could not create the job" severity="error">{error}</Alert>}
      <Button onClick={submit} disabled={!canSubmit}>
        Create job
      </Button>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ maxWidth: 900, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  errorLine: css({ color: theme.colors.error.text, fontFamily: theme.typography.fontFamilyMonospace, margin: 0 }),
  ok: css({ color: theme.colors.success.text }),
});
