import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NdjsonSink } from './ndjsonSink';
import { resultDocId, resultsDocumentId } from './resultDocId';
import { resultId } from '../engine/job/resultId';
import type { ResultDocument } from '../engine/job/resultTypes';
import { splitChunks } from './stateStore';

describe('NdjsonSink', () => {
  it('writes one document per line and an empty file when there are none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ndjson-'));
    try {
      const file = path.join(dir, 'out.ndjson');
      const sink = new NdjsonSink(file);
      await sink.write([{ job_id: 'j', result_type: 'bucket', timestamp: 0, anomaly_score: 1.5 }]);
      await sink.write([]);
      await sink.write([{ job_id: 'j', result_type: 'record', timestamp: 300000, entity_key: 'src=10.0.0.1' }]);
      await sink.close();
      expect(fs.readFileSync(file, 'utf8')).toBe(
        '{"job_id":"j","result_type":"bucket","timestamp":0,"anomaly_score":1.5}\n{"job_id":"j","result_type":"record","timestamp":300000,"entity_key":"src=10.0.0.1"}\n',
      );
      expect(sink.written).toBe(2);
      const empty = new NdjsonSink(path.join(dir, 'empty.ndjson'));
      await empty.close();
      expect(fs.readFileSync(path.join(dir, 'empty.ndjson'), 'utf8')).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails naming the file when it cannot write', async () => {
    const sink = new NdjsonSink(path.join(os.tmpdir(), 'no-such-dir-vigil', 'x', 'out.ndjson'));
    await new Promise((r) => setTimeout(r, 20));
    await expect(sink.write([{ job_id: 'j', result_type: 'bucket', timestamp: 0 }])).rejects.toThrow(/cannot write results to .*out\.ndjson: ENOENT/);
  });
});

describe('resultDocId', () => {
  const rec = { job_id: 'flows', result_type: 'record', timestamp: 1000, bucket_span: 300, detector_index: 0, function: 'count', entity_key: 'src=10.0.0.1' };
  it('is deterministic and differs by entity, detector, time and type', () => {
    const id = resultDocId(rec);
    expect(id).toMatch(/^flows_record_1000_[0-9a-f]{20}$/);
    expect(resultDocId({ ...rec })).toBe(id);
    expect(resultDocId({ ...rec, entity_key: 'src=10.0.0.2' })).not.toBe(id);
    expect(resultDocId({ ...rec, detector_index: 1 })).not.toBe(id);
    expect(resultDocId({ ...rec, timestamp: 1300 })).not.toBe(id);
    expect(resultDocId({ ...rec, record_score: 99 })).toBe(id);
  });
  it('the sink uses the engine\'s resultId for engine results and the hash for the rest', () => {
    const record = { ...rec, function_description: 'count' };
    expect(resultsDocumentId(record)).toBe(resultId(record as unknown as ResultDocument));
    const annotation = { job_id: 'flows', result_type: 'annotation', timestamp: 1000, annotation: 'late data' };
    expect(resultsDocumentId(annotation)).toBe(resultDocId(annotation));
  });
});

describe('splitChunks', () => {
  it('splits into pieces of the size and never between surrogate halves', () => {
    expect(splitChunks('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(splitChunks('', 3)).toEqual(['']);
    const text = 'ab😀cd';
    const parts = splitChunks(text, 3);
    expect(parts).toEqual(['ab', '😀c', 'd']);
    expect(parts.join('')).toBe(text);
  });
});
