import { sharedPath } from '../support/sharedData';
import { detectFileFormat, detectFormat, parseFormatName } from './detect';
import { firstLines } from './lineStream';

const data = (...parts: string[]): string => sharedPath('datasets', ...parts);

describe('format detection', () => {
  it.each([
    [data('stratosphere-zeek', '001-zeek-scenario-malicious', 'labeled-conn.log'), 'zeek'],
    [data('stratosphere-zeek', '012-zeek-mixed', 'conn.log.labeled'), 'zeek'],
    [data('ctu-binetflow', 'test5-mixed.binetflow'), 'binetflow'],
    [data('ctu-binetflow', '2013-10-21_capture-1.binetflow'), 'binetflow'],
    [data('stratosphere-suricata', 'eve.json'), 'eve'],
    [data('loghub', 'Linux', 'Linux_2k.log'), 'syslog'],
    [data('loghub', 'OpenSSH', 'OpenSSH_2k.log'), 'syslog'],
    [data('loghub', 'BGL', 'BGL_2k.log'), 'bgl'],
    [data('loghub', 'HDFS', 'HDFS_2k.log'), 'lines'],
    [data('loghub', 'Linux', 'Linux_2k.log_structured.csv'), 'csv'],
    [data('nab', 'data', 'artificialWithAnomaly', 'art_daily_jumpsup.csv'), 'csv'],
  ])('detects %s as %s', async (file, format) => {
    expect(detectFormat(file, await firstLines(file))).toBe(format);
    expect(await detectFileFormat(file)).toBe(format);
  });

  it('decides from the content first and the name second', () => {
    expect(detectFormat('x.txt', ['{"a":1}'])).toBe('ndjson');
    expect(detectFormat('events.json', ['{"timestamp":"2021-01-01T00:00:00Z","event_type":"alert","src_ip":"1.2.3.4"}'])).toBe('eve');
    expect(detectFormat('events.json', ['{"timestamp":"2021-01-01T00:00:00Z","event_type":"login"}'])).toBe('ndjson');
    expect(detectFormat('eve-2021-06-06.json', [])).toBe('eve');
    expect(detectFormat('flows.binetflow', [])).toBe('binetflow');
    expect(detectFormat('data.csv', ['only one column', '1'])).toBe('csv');
    expect(detectFormat('alerts', ['01/27-16:53:29.491838  [**] [1:2100498:7] GPL x [**] [Priority: 2] {TCP} 1.1.1.1:1 -> 2.2.2.2:2'])).toBe('fastlog');
    expect(detectFormat('app.log', ['<165>1 2003-10-11T22:14:15.003Z host app - - - msg'])).toBe('syslog');
    expect(detectFormat('app.log', ['2024-01-05T10:00:00.123+01:00 web1 nginx[12]: GET /'])).toBe('syslog');
    expect(detectFormat('app.log', ['a, b', 'free text with, commas, three'])).toBe('lines');
    expect(detectFormat('notes.txt', ['hello world', 'second line'])).toBe('lines');
  });

  it('takes format names and aliases, and names the formats when it cannot', () => {
    expect(parseFormatName('EVE.json')).toBe('eve');
    expect(parseFormatName('fast.log')).toBe('fastlog');
    expect(parseFormatName('json')).toBe('ndjson');
    expect(parseFormatName('bgl')).toBe('bgl');
    expect(() => parseFormatName('xml')).toThrow('unknown input format "xml" (one of: csv, ndjson, zeek, binetflow, eve, fastlog, syslog, lines, bgl)');
  });
});
