import { eventDocument, eventId, fileLabel, sourcetypeOfFormat } from './eventDocument';

describe('event documents', () => {
  const record = { time: 1655071200123.456, fields: { src: '10.0.0.1', dest_port: 443, proto: 'tcp', note: null } };

  it('has @timestamp, the fields, sourcetype, origin and a deterministic event_id', () => {
    const doc = eventDocument(record, '008-zeek-mixed/conn.log.labeled', 12, 'netflow');
    expect(doc).toEqual({
      src: '10.0.0.1',
      dest_port: 443,
      proto: 'tcp',
      note: null,
      '@timestamp': '2022-06-12T22:00:00.123Z',
      sourcetype: 'netflow',
      event_id: eventId('008-zeek-mixed/conn.log.labeled', 12, record),
      log: { file: '008-zeek-mixed/conn.log.labeled', line: 12 },
    });
    expect(doc.event_id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('gives the same id to the same line and different ids to same-named files in other folders or other lines', () => {
    const a = eventId('008-zeek-mixed/conn.log.labeled', 12, record);
    expect(eventId('008-zeek-mixed/conn.log.labeled', 12, { ...record, fields: { ...record.fields } })).toBe(a);
    expect(eventId('010-zeek-mixed/conn.log.labeled', 12, record)).not.toBe(a);
    expect(eventId('008-zeek-mixed/conn.log.labeled', 13, record)).not.toBe(a);
  });

  it('labels files by folder and name only', () => {
    expect(fileLabel('/data/x/008-zeek-mixed/conn.log.labeled')).toBe('008-zeek-mixed/conn.log.labeled');
  });

  it('maps formats to sourcetypes', () => {
    expect(['zeek', 'binetflow', 'eve', 'fastlog', 'syslog', 'bgl', 'csv'].map(sourcetypeOfFormat)).toEqual(['netflow', 'netflow', 'ids', 'ids', 'syslog', 'syslog', null]);
  });
});
