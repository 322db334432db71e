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

export function flowEvent(t: number, f: FlowFields): SimEvent {
  return {
    t,
    body: `"sourcetype":"netflow","src":"${f.src}","dest":"${f.dest}","dest_port":${f.destPort},"protocol":"${f.protocol}","src_app_bytes":${f.srcBytes},"dest_app_bytes":${f.destBytes}`,
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
