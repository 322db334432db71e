/**
 * What a job reads, built from its config: indices and query (the datafeed's own DSL, or the
 * pipeline's search compiled against the index mappings), the pipeline's evals (and its search
 * terms when the datafeed has its own query), and the datafeed settings.
 */
import type { Client } from '@opensearch-project/opensearch';
import { parsePipeline, type JobConfig } from '../engine/config';
import { compilePipeline } from '../pipeline';
import { datafeedSearch } from '../sources/pipelineQuery';
import type { DatafeedSource } from './datafeedReader';
import { datafeedSettings } from './datafeedSettings';

export async function buildDatafeedSource(client: Client, config: JobConfig): Promise<DatafeedSource> {
  const feed = config.datafeed_config ?? {};
  let indices = feed.indices ?? [];
  let query = feed.query ?? { match_all: {} };
  let filter: DatafeedSource['filter'] = null;
  let evaluate: DatafeedSource['evaluate'] = null;
  if (config.search) {
    const parsed = parsePipeline(config.search);
    if (!parsed.ok) throw new Error(`search: ${parsed.error.message}`);
    const compiled = compilePipeline(parsed.pipeline, { jobId: config.job_id });
    if (parsed.pipeline.evals.length > 0) evaluate = compiled.evaluate;
    if (feed.query) {
      if (parsed.pipeline.search.filter) filter = compiled.filter;
      if (indices.length === 0) indices = parsed.pipeline.search.selectors.filter((s) => s.field === 'index').map((s) => s.value);
    } else {
      const search = await datafeedSearch(client, parsed.pipeline.search, indices);
      indices = search.indices;
      query = search.query;
    }
  }
  if (indices.length === 0) throw new Error('datafeed_config.indices: the job names no index to read (set datafeed_config.indices or index= in the search)');
  return { indices, query, filter, evaluate, settings: datafeedSettings(config, { hasEvals: evaluate !== null || filter !== null }) };
}
