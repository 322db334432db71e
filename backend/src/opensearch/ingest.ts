/**
 * Files → an OpenSearch index through the client's bulk helper (the work of `vigil ingest`).
 * Every failed document is counted and the first reasons kept: nothing is dropped silently.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { BadRecordLog, EventRecord } from '../engine/types';
import { eventDocument, fileLabel, sourcetypeOfFormat, type EventDocument } from './eventDocument';
import { osRequest } from './request';
import { ensureIndex, eventMappings, type EventKind } from './templates';

/** What ingest needs of a reader stream (`readers/openRecords`). */
export interface RecordStreamLike extends AsyncIterable<{ record: EventRecord; line: number }> {
  readonly badRecords: BadRecordLog;
  readonly totalBytes: number;
  readonly format: string | null;
  bytesRead(): number;
}

export interface IngestOptions {
  index: string;
  files: string[];
  open: (file: string) => RecordStreamLike;
  /** Overrides the sourcetype of the format (required for csv/ndjson without the brief's flow names). */
  sourcetype?: EventKind;
  replicas?: number;
  /** The index is refreshed at the end either way (documents searchable when ingest returns; the
   * `_ignored` count needs it); `refresh: true` says so explicitly. */
  refresh?: boolean;
  /** Bulk request size in bytes (default 1 MB) and parallel requests (default 2). */
  flushBytes?: number;
  concurrency?: number;
  /** Called as the read advances: bytes read and total bytes of all files, documents sent. */
  onProgress?: (bytesDone: number, bytesTotal: number, documents: number) => void;
  /** Failures kept with their reason (default 10). */
  keepFailures?: number;
}

export interface DocumentFailure {
  file: string;
  line: number;
  status: number;
  reason: string;
}

export interface FileReport {
  file: string;
  format: string | null;
  sourcetype: string | null;
  records: number;
  badRecords: number;
}

export interface IngestReport {
  index: string;
  files: FileReport[];
  indexed: number;
  failed: number;
  firstFailures: DocumentFailure[];
  /** Bad lines the readers skipped, with the first ones (file, line, field, reason). */
  badRecords: { count: number; first: string[] };
  /** Documents whose malformed values (e.g. a MAC address in an ip field) OpenSearch kept in _source only. */
  documentsWithIgnoredValues: number | null;
  elapsedMs: number;
}

export class IngestError extends Error {}

/** Ingests `files` into `index` (created with the mappings of its sourcetype when missing). */
export async function ingestFiles(client: Client, opts: IngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const streams = opts.files.map((f) => ({ file: f, stream: opts.open(f) }));
  const bytesTotal = streams.reduce((s, x) => s + x.stream.totalBytes, 0);
  const reports: FileReport[] = [];
  const failures: DocumentFailure[] = [];
  const keep = opts.keepFailures ?? 10;
  const badFirst: string[] = [];
  let badCount = 0;
  let sent = 0;
  let bytesBefore = 0;
  let indexReady = false;

  async function prepare(kind: EventKind): Promise<void> {
    if (indexReady) return;
    await ensureIndex(client, opts.index, eventMappings[kind], { replicas: opts.replicas });
    indexReady = true;
  }

  async function* documents(): AsyncGenerator<EventDocument> {
    for (const { file, stream } of streams) {
      const label = fileLabel(file);
      const report: FileReport = { file, format: null, sourcetype: null, records: 0, badRecords: 0 };
      reports.push(report);
      for await (const { record, line } of stream) {
        if (report.sourcetype === null) {
          report.format = stream.format;
          const kind = opts.sourcetype ?? sourcetypeOfFormat(stream.format ?? '') ?? ('src' in record.fields && 'dest' in record.fields ? 'netflow' : null);
          if (!kind) throw new IngestError(`${file}: cannot tell the sourcetype of format "${stream.format}"; give --sourcetype netflow|ids|syslog`);
          report.sourcetype = kind;
          await prepare(kind);
        }
        report.records++;
        sent++;
        if (sent % 1000 === 0) opts.onProgress?.(bytesBefore + stream.bytesRead(), bytesTotal, sent);
        yield eventDocument(record, label, line, report.sourcetype);
      }
      report.format = stream.format;
      report.badRecords = stream.badRecords.count;
      badCount += stream.badRecords.count;
      for (const b of stream.badRecords.first) if (badFirst.length < keep) badFirst.push(stream.badRecords.format(b));
      bytesBefore += stream.totalBytes;
      opts.onProgress?.(bytesBefore, bytesTotal, sent);
    }
  }

  // An error of the files (or of preparing the index) ends the stream quietly and is thrown after
  // the helper has flushed and stopped: thrown inside the helper, it would leave its flush timer
  // running (the process would linger 30 s).
  let sourceError: unknown = null;
  async function* guardedDocuments(): AsyncGenerator<EventDocument> {
    try {
      yield* documents();
    } catch (err) {
      sourceError = err;
    }
  }

  const stats = await client.helpers.bulk<EventDocument>({
    datasource: guardedDocuments(),
    onDocument: (doc) => ({ index: { _index: opts.index, _id: doc.event_id } }),
    onDrop: (drop) => {
      if (failures.length < keep) {
        const log = drop.document.log as { file: string; line: number };
        const reason = drop.error ? `${drop.error.type}: ${drop.error.reason}${drop.error.caused_by ? ` (${drop.error.caused_by.reason})` : ''}` : 'dropped';
        failures.push({ file: log.file, line: log.line, status: drop.status, reason });
      }
    },
    flushBytes: opts.flushBytes ?? 1_000_000,
    concurrency: opts.concurrency ?? 2,
    retries: 5,
    wait: 2000,
  });

  if (sourceError) throw sourceError;
  let ignored: number | null = null;
  if (indexReady) {
    try {
      await osRequest(client, 'POST', `/${encodeURIComponent(opts.index)}/_refresh`);
      const res = await osRequest<{ count: number }>(client, 'POST', `/${encodeURIComponent(opts.index)}/_count`, { query: { exists: { field: '_ignored' } } });
      ignored = res.body.count;
    } catch {
      ignored = null;
    }
  }
  return {
    index: opts.index,
    files: reports,
    indexed: stats.successful,
    failed: stats.failed,
    firstFailures: failures,
    badRecords: { count: badCount, first: badFirst },
    documentsWithIgnoredValues: ignored,
    elapsedMs: Date.now() - started,
  };
}
