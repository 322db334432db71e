/**
 * Field mappings of the indices Vigil reads and writes (conventions §4, §6).
 * Event indices carry the brief's names (`src`, `dest`, `dest_port`, …) beside each format's own;
 * dotted names (`id.orig_h`, `alert.signature`) become object paths, as OpenSearch expands them.
 */

export type FieldMapping = Record<string, unknown>;
export interface Mappings {
  dynamic?: boolean | 'strict';
  /** Off for event indices: a string that looks like a date once must not fix the field's type. */
  date_detection?: boolean;
  dynamic_templates?: unknown[];
  properties: Record<string, FieldMapping>;
}

const kw: FieldMapping = { type: 'keyword', ignore_above: 1024 };
/** ip fields accept malformed values (MACs, "0" in Argus files) without rejecting the document; `_ignored` records them. */
const ip: FieldMapping = { type: 'ip', ignore_malformed: true };
const long: FieldMapping = { type: 'long' };
const dbl: FieldMapping = { type: 'double' };
const flt: FieldMapping = { type: 'float' };
const bool: FieldMapping = { type: 'boolean' };
const date: FieldMapping = { type: 'date' };
const epochMs: FieldMapping = { type: 'date', format: 'epoch_millis' };
const text: FieldMapping = { type: 'text' };
const textKw: FieldMapping = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 2048 } } };

/** Turns `{ 'a.b': m }` into `{ a: { properties: { b: m } } }`, merging shared prefixes. */
export function nestProperties(flat: Record<string, FieldMapping>): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {};
  for (const [name, mapping] of Object.entries(flat)) {
    const parts = name.split('.');
    let level = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const existing = level[parts[i]] as { properties?: Record<string, FieldMapping> } | undefined;
      if (existing && !existing.properties) throw new Error(`mapping conflict: "${parts.slice(0, i + 1).join('.')}" is both a field and an object`);
      const obj = existing ?? { properties: {} };
      level[parts[i]] = obj;
      level = obj.properties as Record<string, FieldMapping>;
    }
    level[parts[parts.length - 1]] = mapping;
  }
  return out;
}

/** Strings not named below become keywords; numbers keep OpenSearch's guess. */
const eventDynamicTemplates = [{ strings_as_keyword: { match_mapping_type: 'string', mapping: { type: 'keyword', ignore_above: 1024 } } }];

/** Fields every ingested event carries. */
const common: Record<string, FieldMapping> = {
  '@timestamp': date,
  event_id: { type: 'keyword' },
  sourcetype: { type: 'keyword' },
  'log.file': kw,
  'log.line': long,
};

/** The brief's flow names (conventions §4). */
const briefFlow: Record<string, FieldMapping> = {
  src: ip,
  dest: ip,
  src_port: long,
  dest_port: long,
  protocol: kw,
  src_app_bytes: long,
  dest_app_bytes: long,
  app_byte_ratio: dbl,
};

const zeekConn: Record<string, FieldMapping> = {
  ts: dbl,
  uid: kw,
  'id.orig_h': ip,
  'id.orig_p': long,
  'id.resp_h': ip,
  'id.resp_p': long,
  proto: kw,
  service: kw,
  duration: dbl,
  orig_bytes: long,
  resp_bytes: long,
  conn_state: kw,
  local_orig: kw,
  local_resp: kw,
  missed_bytes: long,
  history: kw,
  orig_pkts: long,
  orig_ip_bytes: long,
  resp_pkts: long,
  resp_ip_bytes: long,
  tunnel_parents: kw,
  label: kw,
  detailedlabel: kw,
};

const argusBinetflow: Record<string, FieldMapping> = {
  StartTime: kw,
  Dur: dbl,
  Proto: kw,
  SrcAddr: kw,
  Sport: long,
  Dir: kw,
  DstAddr: kw,
  Dport: long,
  State: kw,
  sTos: dbl,
  dTos: dbl,
  TotPkts: long,
  TotBytes: long,
  SrcBytes: long,
  SrcPkts: long,
  Label: kw,
};

/** Suricata/Snort EVE JSON (flattened), alerts and flows. */
const eve: Record<string, FieldMapping> = {
  timestamp: kw,
  flow_id: long,
  event_type: kw,
  src_ip: ip,
  dest_ip: ip,
  proto: kw,
  app_proto: kw,
  in_iface: kw,
  'alert.action': kw,
  'alert.gid': long,
  'alert.signature_id': long,
  'alert.rev': long,
  'alert.signature': kw,
  'alert.category': kw,
  'alert.severity': long,
  'flow.pkts_toserver': long,
  'flow.pkts_toclient': long,
  'flow.bytes_toserver': long,
  'flow.bytes_toclient': long,
  'flow.start': kw,
  'flow.end': kw,
  'flow.age': long,
  'flow.alerted': kw,
  'flow.reason': kw,
  'flow.state': kw,
  host: kw,
  pcap_cnt: long,
  src_port: long,
  tx_id: long,
  app_proto_tc: kw,
  files: kw,
  'metadata.flowbits': kw,
  ...Object.fromEntries(['affected_product', 'attack_target', 'created_at', 'deployment', 'former_category', 'signature_severity', 'tag', 'updated_at'].map((f) => [`alert.metadata.${f}`, kw])),
  'dns.type': kw,
  'dns.id': long,
  'dns.tx_id': long,
  'dns.version': long,
  'dns.rrname': kw,
  'dns.rrtype': kw,
  'dns.rcode': kw,
  'dns.flags': kw,
  'dns.qr': kw,
  'dns.rd': kw,
  'dns.ra': kw,
  'dns.answers': kw,
  'dns.grouped.A': kw,
  'dns.grouped.AAAA': kw,
  'dns.grouped.CNAME': kw,
  'http.hostname': kw,
  'http.url': kw,
  'http.http_user_agent': kw,
  'http.http_method': kw,
  'http.http_refer': kw,
  'http.http_port': long,
  'http.protocol': kw,
  'http.status': long,
  'http.length': long,
  'tls.subject': kw,
  'tls.issuerdn': kw,
  'tls.serial': kw,
  'tls.fingerprint': kw,
  'tls.sni': kw,
  'tls.version': kw,
  'tls.notbefore': kw,
  'tls.notafter': kw,
  'tls.ja3.hash': kw,
  'tls.ja3.string': kw,
  'tls.ja3s.hash': kw,
  'tls.ja3s.string': kw,
  'fileinfo.filename': kw,
  'fileinfo.gaps': kw,
  'fileinfo.state': kw,
  'fileinfo.stored': kw,
  'fileinfo.size': long,
  'fileinfo.tx_id': long,
  'fileinfo.sid': kw,
  ...Object.fromEntries(['state', 'syn', 'ack', 'fin', 'psh', 'rst', 'cwr', 'ecn', 'tcp_flags', 'tcp_flags_ts', 'tcp_flags_tc'].map((f) => [`tcp.${f}`, kw])),
};

export const flowMappings: Mappings = {
  date_detection: false,
  dynamic_templates: eventDynamicTemplates,
  properties: nestProperties({ ...common, ...briefFlow, ...zeekConn, ...argusBinetflow }),
};

export const idsMappings: Mappings = {
  date_detection: false,
  dynamic_templates: eventDynamicTemplates,
  properties: nestProperties({ ...common, ...briefFlow, signature_name: kw, category: kw, ...eve }),
};

export const syslogMappings: Mappings = {
  date_detection: false,
  dynamic_templates: eventDynamicTemplates,
  properties: nestProperties({
    ...common,
    host: kw,
    program: kw,
    app: kw,
    pid: kw,
    msgid: kw,
    message: textKw,
    severity: long,
    severity_name: kw,
    facility: long,
    facility_name: kw,
    structured_data: kw,
    label: kw,
  }),
};

/** Result documents (engine-anchors §1.10, conventions §6); influencer values copied under their own names become keywords. */
export const resultsMappings: Mappings = {
  date_detection: false,
  dynamic_templates: eventDynamicTemplates,
  properties: nestProperties({
    job_id: { type: 'keyword' },
    result_type: { type: 'keyword' },
    timestamp: epochMs,
    bucket_span: long,
    is_interim: bool,
    severity: { type: 'keyword' },
    entity_key: { type: 'keyword' },
    detector_index: { type: 'integer' },
    function: kw,
    function_description: kw,
    field_name: kw,
    by_field_name: kw,
    by_field_value: kw,
    over_field_name: kw,
    over_field_value: kw,
    partition_field_name: kw,
    partition_field_value: kw,
    actual: dbl,
    typical: dbl,
    probability: dbl,
    record_score: flt,
    initial_record_score: flt,
    multi_bucket_impact: flt,
    anomaly_score: flt,
    initial_anomaly_score: flt,
    event_count: long,
    processing_time_ms: long,
    influencer_field_name: kw,
    influencer_field_value: kw,
    influencer_score: flt,
    initial_influencer_score: flt,
    'influencers.influencer_field_name': kw,
    'influencers.influencer_field_values': kw,
    'bucket_influencers.influencer_field_name': kw,
    'bucket_influencers.anomaly_score': flt,
    'bucket_influencers.initial_anomaly_score': flt,
    'bucket_influencers.raw_anomaly_score': dbl,
    'bucket_influencers.probability': dbl,
    'anomaly_score_explanation.anomaly_type': kw,
    'anomaly_score_explanation.lower_confidence_bound': dbl,
    'anomaly_score_explanation.typical_value': dbl,
    'anomaly_score_explanation.upper_confidence_bound': dbl,
    'anomaly_score_explanation.single_bucket_impact': dbl,
    'anomaly_score_explanation.multi_bucket_impact': dbl,
    model_feature: kw,
    model_lower: dbl,
    model_median: dbl,
    model_upper: dbl,
    category_id: long,
    terms: text,
    regex: kw,
    max_matching_length: long,
    examples: text,
    annotation: text,
    end_timestamp: epochMs,
    create_time: epochMs,
  }),
};

/** Model snapshots: a header per snapshot and its state in chunks; the blob is kept in _source only. */
export const stateMappings: Mappings = {
  dynamic: false,
  properties: {
    doc_type: { type: 'keyword' },
    job_id: { type: 'keyword' },
    snapshot_id: { type: 'keyword' },
    timestamp: epochMs,
    latest_record_time_stamp: epochMs,
    latest_result_time_stamp: epochMs,
    description: text,
    min_version: { type: 'keyword' },
    chunk_index: { type: 'integer' },
    chunk_count: { type: 'integer' },
    byte_size: long,
    state: { type: 'object', enabled: false },
  },
};

/** Job configurations (doc id = job_id); the config itself is stored, not indexed. */
export const configMappings: Mappings = {
  dynamic: false,
  properties: {
    job_id: { type: 'keyword' },
    description: text,
    groups: { type: 'keyword' },
    create_time: epochMs,
    update_time: epochMs,
    config: { type: 'object', enabled: false },
  },
};

/** Job leases between `vigil serve` instances (optimistic concurrency on the document). */
export const leaseMappings: Mappings = {
  dynamic: false,
  properties: {
    job_id: { type: 'keyword' },
    owner: { type: 'keyword' },
    acquired_at: epochMs,
    expires_at: epochMs,
  },
};
