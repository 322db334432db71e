/**
 * Reads a job's results from `vigil-results-<job>`: the query builders and parsers of `queries/`
 * around one search call each. A job without a results index yet answers empty lists.
 */
import type { Client } from '@opensearch-project/opensearch';
import { osRequest } from '../opensearch/request';
import { resultsIndexOf } from '../opensearch/templates';
import type { ResultQuery } from './resultParams';
import { bucketsQuery, categoriesQuery, influencersQuery, parseList, recordsQuery, type ListResult, type RecordOptions } from './queries/listQueries';
import type { SearchResponse } from './queries/hits';
import { modelPlotQuery, parseModelPlot, type ModelPlotOptions, type ModelPlotPoint } from './queries/modelPlot';
import { parseSwimlane, swimlaneQuery, type SwimlaneOptions, type SwimlaneResponse } from './queries/swimlane';
import { parseTimeRange, timeRangeQuery } from './queries/timeRange';

type Doc = Record<string, unknown>;

export class ResultsRepository {
  constructor(private readonly client: Client) {}

  private async search<T = Doc>(jobId: string, body: unknown): Promise<SearchResponse<T>> {
    const res = await osRequest<SearchResponse<T>>(this.client, 'POST', `/${resultsIndexOf(jobId)}/_search`, body, {
      querystring: { ignore_unavailable: true, allow_no_indices: true },
    });
    return res.body;
  }

  async buckets(jobId: string, q: ResultQuery): Promise<ListResult<Doc>> {
    return parseList(await this.search(jobId, bucketsQuery(jobId, q)));
  }

  async records(jobId: string, q: ResultQuery, o: RecordOptions): Promise<ListResult<Doc>> {
    return parseList(await this.search(jobId, recordsQuery(jobId, q, o)));
  }

  async influencers(jobId: string, q: ResultQuery, fieldName?: string): Promise<ListResult<Doc>> {
    return parseList(await this.search(jobId, influencersQuery(jobId, q, fieldName)));
  }

  async categories(jobId: string, q: ResultQuery): Promise<ListResult<Doc>> {
    return parseList(await this.search(jobId, categoriesQuery(jobId, q)));
  }

  async swimlane(jobId: string, q: ResultQuery, o: SwimlaneOptions): Promise<SwimlaneResponse> {
    return parseSwimlane(jobId, q, o, await this.search(jobId, swimlaneQuery(jobId, q, o)));
  }

  async modelPlot(jobId: string, o: ModelPlotOptions): Promise<{ points: ModelPlotPoint[]; source: string }> {
    return parseModelPlot(await this.search(jobId, modelPlotQuery(jobId, o)));
  }

  async timeRange(jobId: string): Promise<{ earliest: number | null; latest: number | null }> {
    return parseTimeRange(await this.search(jobId, timeRangeQuery(jobId)));
  }
}
