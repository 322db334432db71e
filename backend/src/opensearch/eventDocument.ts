/**
 * The document `vigil ingest` writes for one record: `@timestamp`, the record's fields (each
 * format's own names and the brief's), `sourcetype`, where it came from (`log.file`, `log.line`)
 * and `event_id`, a deterministic id (also the `_id`, and the datafeed's sort tiebreaker) so that
 * ingesting the same file again overwrites instead of duplicating.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { EventRecord, FieldValue } from '../engine/types';
import type { EventKind } from './templates';

/** The sourcetype of a reader format; null when the format does not say (csv, ndjson). */
export function sourcetypeOfFormat(format: string): EventKind | null {
  switch (format) {
    case 'zeek':
    case 'binetflow':
      return 'netflow';
    case 'eve':
    case 'fastlog':
      return 'ids';
    case 'syslog':
    case 'bgl':
    case 'lines':
      return 'syslog';
    default:
      return null;
  }
}

/** The file as recorded in documents: its folder and name (`008-zeek-mixed/conn.log.labeled`), never a full path. */
export function fileLabel(file: string): string {
  return path.join(path.basename(path.dirname(path.resolve(file))), path.basename(file)).split(path.sep).join('/');
}

/**
 * The id of an event: a hash of the file label, the line, the time and the fields (sorted), so
 * the same line of the same file always gets the same id and same-named files in different
 * folders do not collide.
 */
export function eventId(label: string, line: number, record: EventRecord): string {
  const h = createHash('sha1');
  h.update(`${label}\u0000${line}\u0000${record.time}`);
  for (const k of Object.keys(record.fields).sort()) h.update(`\u0000${k}=${String(record.fields[k])}`);
  return h.digest('hex').slice(0, 24);
}

export interface EventDocument {
  '@timestamp': string;
  event_id: string;
  sourcetype: string;
  [field: string]: FieldValue | Record<string, unknown>;
}

/** The document for a record read from `label` at `line`. */
export function eventDocument(record: EventRecord, label: string, line: number, sourcetype: string): EventDocument {
  const time = Number.isFinite(record.time) ? record.time : 0;
  return {
    ...record.fields,
    '@timestamp': new Date(Math.floor(time)).toISOString(),
    sourcetype,
    event_id: eventId(label, line, record),
    log: { file: label, line },
  };
}
