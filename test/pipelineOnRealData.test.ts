/**
 * The pipeline on real captures, read by the real readers: the brief's searches and evals give the
 * same records and values as an independent reading of the raw files.
 */
import * as fs from 'fs';
import { parsePipeline, type ParsedPipeline } from '../backend/src/engine/config/grammar/parsePipeline';
import { compilePipeline } from '../backend/src/pipeline/compilePipeline';
import { readAllRecords } from '../backend/src/readers/openRecords';
import { sharedPath } from '../backend/src/support/sharedData';

function parsed(text: string): ParsedPipeline {
  const result = parsePipeline(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.pipeline;
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

describe('pipeline on the Stratosphere Zeek capture 001', () => {
  const file = sharedPath('datasets', 'stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log');

  /** Raw TSV reading: [resp_h, resp_p] of every connection. */
  function rawConnections(): [string, string][] {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const fields = (lines.find((l) => l.startsWith('#fields')) as string).split('\t').slice(1);
    const h = fields.indexOf('id.resp_h');
    const p = fields.indexOf('id.resp_p');
    return lines.filter((l) => l !== '' && !l.startsWith('#')).map((l) => {
      const cols = l.split('\t');
      return [cols[h], cols[p]];
    });
  }

  it('dest!=192.168.* with the eval of dp matches a raw count, and both eval forms agree', async () => {
    const { records } = await readAllRecords(file);
    const explicit = compilePipeline(parsed('dest!=192.168.* | eval dp=dest + ":" + dest_port | autodetect rare(dp) by src'), { jobId: 'z' });
    const printed = compilePipeline(parsed('dest!=192.168.* | eval dp=dest + " : "dest_port | autodetect rare(dp) by src'), { jobId: 'z' });
    const kept = records.map((r) => r.record).filter((r) => explicit.filter(r));
    const dps = kept.map((r) => {
      const a = { ...r, fields: { ...r.fields } };
      const b = { ...r, fields: { ...r.fields } };
      explicit.evaluate(a);
      printed.evaluate(b);
      expect(b.fields.dp).toBe(a.fields.dp);
      return String(a.fields.dp);
    });
    const raw = rawConnections().filter(([h]) => h !== '-' && !h.startsWith('192.168.'));
    expect(kept.length).toBe(raw.length);
    expect(countBy(dps)).toEqual(countBy(raw.map(([h, p]) => `${h}:${p}`)));
    expect(kept.length).toBe(988);
    expect(new Set(dps).size).toBe(74);
  });
});

describe('the brief\'s IDS pipeline on the Stratosphere Suricata eve.json', () => {
  const file = sharedPath('datasets', 'stratosphere-suricata', 'eve.json');
  const IDS = 'index=ids sourcetype=snort | eval dest:protocol:port=dest+":"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src';

  it('a file input ignores the selectors; the eval matches the raw JSON', async () => {
    const { records } = await readAllRecords(file);
    const compiled = compilePipeline(parsed(IDS), { jobId: 'ids' });
    expect(compiled.sourceSelectors.map((s) => s.field)).toEqual(['index', 'sourcetype']);
    const kept = records.map((r) => r.record).filter((r) => compiled.filter(r));
    expect(kept.length).toBe(records.length);
    kept.forEach((r) => compiled.evaluate(r));
    const alerts = kept.filter((r) => r.fields.signature_name !== null && r.fields.signature_name !== undefined);
    expect(alerts.length).toBe(489);
    const raw = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { dest_ip?: string; dest_port?: number; alert?: unknown });
    const rawKeys = raw.filter((e) => e.alert && e.dest_ip !== undefined && e.dest_port !== undefined).map((e) => `${e.dest_ip}:${e.dest_port}`);
    const keys = alerts.map((r) => r.fields['dest:protocol:port']).filter((k): k is string => typeof k === 'string');
    expect(countBy(keys)).toEqual(countBy(rawKeys));
  });
});
