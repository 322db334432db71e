/**
 * The labels file of a simulation: which incidents and benign fleet-wide events were injected,
 * where (entity fields), when, and which of the brief's pipelines should (or should not) flag them.
 */

export type IncidentKind = 'exfiltration' | 'first_ftp_upload' | 'new_signature_for_kind' | 'recon_burst' | 'lateral_movement' | 'slow_exfiltration';
export type BenignKind = 'patch_day' | 'fleet_new_signature';
export type PipelineName = 'exfiltration' | 'rare_outbound' | 'ids';

/** The brief's three searches, as Vigil's pipeline grammar runs them (bucket span 300 s). */
export const PIPELINES: Record<PipelineName, { stream: 'flows' | 'ids'; search: string }> = {
  exfiltration: {
    stream: 'flows',
    search: 'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | autodetect bucketspan=300 partitionfield=src app_byte_ratio by dp',
  },
  rare_outbound: {
    stream: 'flows',
    search: 'sourcetype="netflow" dest!=10.* | eval dp=dest + ":" + dest_port | autodetect bucketspan=300 rare(dp) by src',
  },
  ids: {
    stream: 'ids',
    search: 'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | autodetect bucketspan=300 population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src',
  },
};

export const BUCKET_SPAN_SECONDS = 300;

export interface ScenarioLabel {
  id: string;
  class: 'incident' | 'benign';
  kind: IncidentKind | BenignKind;
  description: string;
  /** ISO-8601 UTC, start inclusive, end exclusive. */
  start: string;
  end: string;
  start_ms: number;
  end_ms: number;
  /** The pipeline that should catch it (incidents) or must not flag it per host (benign). */
  pipeline: PipelineName;
  also_pipelines?: PipelineName[];
  /** The detector of that pipeline, in the brief's words. */
  detector: string;
  stream: 'flows' | 'ids';
  /** incidents: "critical"; benign: "not_flagged_per_host". */
  expect: 'critical' | 'not_flagged_per_host';
  /** Sudden incidents: critical within 2 buckets of the start; slow ones (hours): within 12. */
  speed?: 'sudden' | 'slow';
  detect_within_buckets?: number;
  /** Result fields a record flagging it carries (by/over/partition values), and its entity_key. */
  entity?: Record<string, string>;
  entity_key?: string;
  src?: string;
  host?: string;
  role?: string;
  dest?: string;
  dest_port?: number;
  protocol?: string;
  /** `dest + ":" + dest_port` (the brief's printed eval `dest + " : "dest_port` gives "dest : port"). */
  dp?: string;
  signature_name?: string;
  category?: string;
  categories?: string[];
  /** dest:port pairs reached (lateral movement). */
  dest_ports?: string[];
  /** Benign fleet-wide events: how many hosts take part, and the destinations involved. */
  hosts?: number;
  dests?: string[];
  /** Number of injected records (flows or alerts). */
  events: number;
}

export interface LabelsFile {
  generator: 'vigil simulate';
  seed: number;
  hosts: number;
  days: number;
  start: string;
  end: string;
  bucket_span: number;
  files: { flows: string; ids: string; hosts: string };
  pipelines: typeof PIPELINES;
  labels: ScenarioLabel[];
}
