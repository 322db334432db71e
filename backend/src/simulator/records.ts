/**
 * The NDJSON records the simulator writes, with the brief's field names. Each event keeps its
 * time apart from its serialised body so a slice can be sorted by time before it is written.
 */
import type { Signature } from './signatures';

export interface SimEvent {
  /** Epoch ms. */
  t: number;
  /** JSON members after `@timestamp`, without braces. */
  body: string;
}

export interface FlowFields {
  src: string;
  dest: string;
  destPort: number;
  protocol: string;
  srcBytes: number;
  destBytes: number;
}

/** (src − dest) / (src + dest), null when both are 0: +1 a pure producer, −1 a pure consumer. */
export function appByteRatio(srcBytes: number, destBytes: number): number | null {
  const total = srcBytes + destBytes;
  return total === 0 ? null : (srcBytes - destBytes) / total;
}

/** A netflow record; it carries `app_byte_ratio` too, so the brief's exfiltration search runs on it as is. */
export function flowEvent(t: number, f: FlowFields): SimEvent {
  const ratio = appByteRatio(f.srcBytes, f.destBytes);
  return {
    t,
    body: `"sourcetype":"netflow","src":"${f.src}","dest":"${f.dest}","dest_port":${f.destPort},"protocol":"${f.protocol}","src_app_bytes":${f.srcBytes},"dest_app_bytes":${f.destBytes},"app_byte_ratio":${ratio === null ? 'null' : String(ratio)}`,
  };
}

const escapedNames = new Map<Signature, string>();

export function alertEvent(t: number, src: string, dest: string, destPort: number, sig: Signature): SimEvent {
  let names = escapedNames.get(sig);
  if (names === undefined) {
    names = `"signature_name":${JSON.stringify(sig.name)},"signature_id":${sig.id},"category":${JSON.stringify(sig.category)},"priority":${sig.priority}`;
    escapedNames.set(sig, names);
  }
  return { t, body: `"index":"ids","sourcetype":"snort","src":"${src}","dest":"${dest}","dest_port":${destPort},"protocol":"${sig.protocol}",${names}` };
}

/** One NDJSON line (with its newline). */
export function eventLine(e: SimEvent): string {
  return `{"@timestamp":"${new Date(e.t).toISOString()}",${e.body}}\n`;
}

/** Sorts a slice's events by time; ties keep their generation order. */
export function sortEvents(events: SimEvent[]): SimEvent[] {
  return events.sort((a, b) => a.t - b.t);
}
