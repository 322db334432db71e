/**
 * OpenSearch plumbing shared by ingest, the datafeeds, the sinks, the scheduler and the API.
 *
 *   const client = createClient(connectionFromEnv());          // OPENSEARCH_URL, _USERNAME, _PASSWORD, _TLS_INSECURE
 *   await installTemplates(client, { replicas: 0 });            // flows, ids, syslog, vigil-results-*, vigil-state, vigil-config, vigil-leases
 *   await ensureIndex(client, 'netflow-2022', eventMappings.netflow, { replicas: 0 });
 *   const report = await ingestFiles(client, { index, files, open: (f) => openRecords(f) });   // `vigil ingest`
 *   await withRetry(() => osRequest(client, 'GET', '/_cluster/health'), { maxAttempts: 5 });
 *
 * Related: `sinks/openSearchResultsSink` (results, retries, deterministic ids), `sinks/resultsMaintenance`
 * (delete results from a time on), `sinks/stateStore` (model snapshots in vigil-state),
 * `sources/` (datafeed reads: point in time, composite aggregations, pipeline search → query,
 * per-bucket recounts for the delayed-data check). A node for tests: `backend/scripts/opensearch.sh`.
 */
export { connectionFromEnv, createClient, redactUrl, type OpenSearchConnection } from './client';
export { deleteWhere } from './deleteWhere';
export { eventDocument, eventId, fileLabel, sourcetypeOfFormat } from './eventDocument';
export { ingestFiles, IngestError, type IngestOptions, type IngestReport } from './ingest';
export { configMappings, flowMappings, idsMappings, leaseMappings, resultsMappings, stateMappings, syslogMappings, type Mappings } from './mappings';
export { describeError, osRequest, statusOf } from './request';
export { backoffDelayMs, isRetryableError, isRetryableStatus, withRetry, type RetryOptions } from './retry';
export {
  CONFIG_INDEX,
  LEASES_INDEX,
  RESULTS_INDEX_PREFIX,
  STATE_INDEX,
  ensureIndex,
  eventMappings,
  installTemplates,
  resultsIndexOf,
  vigilTemplates,
  type EventKind,
} from './templates';
