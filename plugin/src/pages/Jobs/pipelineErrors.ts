/** Marks an error column (1-based, as the API reports it) under a one-line pipeline: `      ^`. */
export function caretUnder(pipeline: string, column: number | undefined): string | null {
  if (column === undefined || column < 1) {
    return null;
  }
  const at = Math.min(column, pipeline.length + 1);
  return `${' '.repeat(at - 1)}^`;
}

/** Body of `PUT /api/jobs/{id}` for a pipeline job. */
export function pipelineJobBody(search: string, indices: string, timeField: string, description: string) {
  const body: Record<string, unknown> = {
    search,
    datafeed_config: { indices: indices.split(',').map((s) => s.trim()).filter(Boolean) },
  };
  if (timeField.trim()) {
    body.data_description = { time_field: timeField.trim() };
  }
  if (description.trim()) {
    body.description = description.trim();
  }
  return body;
}

export const JOB_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
