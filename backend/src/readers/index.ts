/**
 * Input readers: files → `{record: EventRecord, line, ordinal?}`, streamed (bounded memory).
 *
 *   const stream = openRecords(file, { format?, timeField?, timeFormat?, timezone?, year?, badRecords?, maxLineChars? });
 *   for await (const { record, line, ordinal } of stream) ...   // stream.bytesRead() / stream.totalBytes
 *   for await (const batch of stream.batches()) ...              // same records, one await per chunk
 *   stream.format, stream.timeField, stream.badRecords (BadRecordLog: file, line, field, reason)
 *
 * `line` is the 1-based physical line (the first line of a CSV record spanning lines); CSV records
 * also carry `ordinal`, their 1-based ordinal after the header. `record.time` is epoch ms UTC
 * (fractions of a ms kept). Malformed lines (bad JSON, wrong column count, unparseable time,
 * non-numeric where a number is required) are counted in `badRecords` and skipped; the read goes on.
 * Gzip files (by their magic bytes) are read transparently; `bytesRead()` then counts compressed
 * bytes. A line over `maxLineChars` (16 Mi) is a bad record. Fatal errors (missing file, unknown
 * format or zone, a `timeField` not in a CSV header, a binetflow file without `StartTime`) throw
 * with the file named.
 *
 * Format: `format` option (aliases: json, jsonl, eve.json, suricata, fast.log, snort, argus, bro,
 * conn.log, tsv, text), else detected from the first 20 lines and the file name (`detectFormat`).
 * Times without a zone are UTC unless `timezone` (`+02:00`, `+0200`, `Europe/Prague`). Brief's names
 * (conventions §4) are added beside each format's own; `app_byte_ratio = (src_app_bytes -
 * dest_app_bytes) / (src_app_bytes + dest_app_bytes)`, null when both 0 or either missing.
 *
 * Fields per format:
 * - csv: the header's names (trimmed; empty → `column_<n>`, repeats → `name_2`); cells → number when
 *   decimal without leading zeros (`081109` stays text), null when empty, else text. Delimiter: the
 *   most frequent of `,` tab `;` `|` in the header. Quoted fields (embedded delimiters, `""`, line
 *   breaks). Time: `timeField` option, else the first of `@timestamp`, `timestamp`, `time`, `_time`,
 *   `ts` (exact, then any case); ISO-8601 / `YYYY-MM-DD HH:MM:SS[.ffffff]` text, or numbers as epoch
 *   seconds (`timeFormat: 'epoch_ms'` for ms). No time field (or `timeField: false`): time = 0.
 *   NAB files: `timestamp`, `value`. loghub `*_structured.csv` without `Timestamp`: pass
 *   `timeField: false` (their `Time` column is a clock time only).
 * - ndjson: the object flattened with dots (`a.b.c`); arrays of scalars → `"x,y"`, arrays of objects →
 *   JSON text, booleans → `"true"`/`"false"`. Time as csv (the default field found first, looked up
 *   again in a record without it). Objects with `id.orig_h` (Zeek JSON) also get the brief's flow
 *   names as zeek.
 * - zeek: `#fields` names (`ts`, `uid`, `id.orig_h`, `id.orig_p`, `id.resp_h`, `id.resp_p`, `proto`,
 *   `service`, `duration`, `orig_bytes`, `resp_bytes`, `conn_state`, ..., and in Stratosphere files
 *   `label`, `detailedlabel`, also when IoT-23 joins them with three spaces); `#types`
 *   time/interval/count/int/double/port → numbers; `-` → null, `(empty)` → "". Time: `ts` epoch
 *   seconds. Brief: src = id.orig_h, dest = id.resp_h, dest_port = id.resp_p, protocol = proto,
 *   src_app_bytes = orig_bytes, dest_app_bytes = resp_bytes, app_byte_ratio.
 * - binetflow: header names (`StartTime`, `Dur`, `Proto`, `SrcAddr`, `Sport`, `Dir`, `DstAddr`, `Dport`,
 *   `State`, `sTos`, `dTos`, `TotPkts`, `TotBytes`, `SrcBytes`, `SrcPkts`, `Label`, ... as the file has
 *   them), comma or tab separated; counts and ports are numbers (ports may be hex `0x0050`), empty →
 *   null, text trimmed (`Dir` = `->`). Time: `StartTime` `2013/10/21 13:22:43.123456` (UTC unless
 *   `timezone`). Brief: src = SrcAddr, dest = DstAddr, dest_port = Dport, protocol = Proto,
 *   src_app_bytes = SrcBytes, dest_app_bytes = TotBytes - SrcBytes (null without SrcBytes), app_byte_ratio.
 * - eve: the EVE object flattened (`event_type`, `src_ip`, `src_port`, `dest_ip`, `dest_port`, `proto`,
 *   `flow_id`, `alert.signature`, `alert.signature_id`, `alert.category`, `alert.severity`,
 *   `flow.bytes_toserver`, `dns.rrname`, ...). Time: `timestamp` (ISO with `+0200`/`+02:00`/`Z`).
 *   Brief: src, dest, dest_port, protocol (= proto), src_app_bytes = flow.bytes_toserver,
 *   dest_app_bytes = flow.bytes_toclient, app_byte_ratio, signature_name = alert.signature, category =
 *   alert.category (null on non-alert events). Snort 3 `alert_json` lines read the same way: time
 *   `MM/DD[/YY]-hh:mm:ss.ffffff` (+ `year` option), src/dest/dest_port from `src_addr`/`dst_addr`/
 *   `dst_port` or `src_ap`/`dst_ap`, signature_name = `msg`, category = `class`.
 * - fastlog: `src_ip`, `src_port`, `dest_ip`, `dest_port` (null for ICMP), `proto`, `alert.gid`,
 *   `alert.signature_id`, `alert.rev`, `alert.signature`, `alert.category` (Classification),
 *   `alert.severity` (Priority); brief: src, dest, protocol, signature_name, category. Time
 *   `MM/DD[/YY[YY]]-hh:mm:ss.ffffff`, the `year` option when the line has none.
 * - syslog: `host`, `program` and `app` (same value), `pid` (number, null when absent), `message`;
 *   with a PRI also `severity` (0-7), `severity_name` (`err`, ...), `facility` (0-23), `facility_name`.
 *   RFC 3164 `Mmm dd hh:mm:ss` takes the `year` option (default the current UTC year; +1 when the month
 *   steps back from Dec to Jan); ISO-time lines (rsyslog) too. RFC 5424 adds `msgid`,
 *   `structured_data` (raw) and each SD parameter as `<sd-id>.<name>`; `-` → null.
 * - lines: `message` = the whole line (blank lines skipped); time = 0.
 * - bgl (loghub BGL): `label` (column 1, `-` = normal, else the alert category), `epoch` (column 2,
 *   seconds; the time), `message` (the rest of the line after column 2), `date`, `node`, `node_time`,
 *   `node_repeat`, `type`, `component`, `level`, and `content` (the text after `level`, loghub's Content).
 */
export { openRecords, readAllRecords, RecordStream } from './openRecords';
export { detectFileFormat, detectFormat, parseFormatName } from './detect';
export { firstLines } from './lineStream';
export { FORMAT_NAMES, RecordError, type FormatName, type ReadRecord, type ReaderOptions } from './types';
export { appByteRatio } from './flowFields';
export { parseDateTime, parseEpoch } from './timeParse';
export { zoneOffsetOf } from './timezone';
