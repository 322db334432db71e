/**
 * Datafeed sources: how a job reads OpenSearch.
 *
 *   const feed = await datafeedSearch(client, 'index=flows sourcetype="netflow" dest!=10.*');   // indices + query DSL
 *   const { path } = chooseReadPath(detectors, override);                                      // 'raw' | 'aggregated'
 *   for await (const record of readDocuments(client, { indices, start, end, query, pageSize })) job.push(record);
 *   for await (const summary of readAggregated(client, { indices, start, end, query, intervalMs, ...aggregationPlan(detectors) }))
 *     job.push(summary);                          // with summary_count_field_name: 'doc_count'
 *   lateBuckets(processedPerBucket, await countPerBucket(client, { indices, start, end, intervalMs }));
 *
 * Ranges are `[start, end)` in epoch ms on `@timestamp`; raw reads sort on (`@timestamp`, `event_id`).
 * Every call retries connection errors, 429 and 5xx with backoff (`RetryOptions`).
 */
export { compositeRequest, readAggregated, type AggregatedReadOptions, type AggregatedReadStats, type MetricSpec } from './aggregatedSource';
export { countPerBucket, lateBuckets, type LateBucket } from './bucketCounts';
export { readDocuments, type RawReadOptions, type ReadStats } from './openSearchSource';
export { datafeedSearch, fieldTypesOf, type DatafeedSearch } from './pipelineQuery';
export { flattenSource, timeRangeQuery, type QueryDsl } from './query';
export { aggregationPlan, chooseReadPath, type AggregationPlan, type DetectorLike, type ReadPath } from './readPath';
