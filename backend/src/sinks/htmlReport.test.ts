import { HtmlReportBuilder, SEVERITY_COLOURS } from './htmlReport';

describe('HtmlReportBuilder', () => {
  const t0 = Date.UTC(2014, 3, 10);
  const span = 300;

  function build(): string {
    const b = new HtmlReportBuilder();
    for (let i = 0; i < 20; i++) {
      const t = t0 + i * span * 1000;
      b.add({ result_type: 'bucket', timestamp: t, anomaly_score: i === 12 ? 88 : 0 });
      b.add({ result_type: 'model_plot', timestamp: t, entity_key: 'host=a', detector_index: 0, actual: [i === 12 ? 50 : 10], model_lower: 8, model_median: 10, model_upper: 12 });
    }
    b.add({ result_type: 'record', timestamp: t0 + 12 * span * 1000, record_score: 88, entity_key: 'host=a', detector_index: 0, function: 'mean', field_name: 'value', actual: [50], typical: [10], probability: 1e-9 });
    b.add({ result_type: 'record', timestamp: t0 + 3 * span * 1000, record_score: 30, entity_key: 'host=<b>', detector_index: 0, function: 'mean', field_name: 'value', actual: [14], typical: [10], probability: 1e-3 });
    return b.render({ title: 'Vigil report', inputs: ['x.csv'], analysis: 'mean(value) by host', bucketSpanSeconds: span });
  }

  it('draws the overall lane and entity lanes coloured by severity', () => {
    const html = build();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('>Overall</text>');
    expect(html).toContain('>host=a · detector 0</text>');
    // the overall cell at score 88 and the host=a cell are critical; the host=<b> cell is minor
    expect(html.split(`fill="${SEVERITY_COLOURS.critical}"><title>2014-04-10T01:00:00Z score 88</title>`).length - 1).toBe(2);
    expect(html).toContain(`fill="${SEVERITY_COLOURS.minor}"><title>2014-04-10T00:15:00Z score 30</title>`);
  });

  it('charts actual against the typical band for the top entity and escapes entity text', () => {
    const html = build();
    expect(html).toContain('<h2>host=a · detector 0</h2>');
    expect(html).toContain('fill="#cfe3f7"');
    expect(html).toContain('host=&lt;b&gt;');
    expect(html).not.toContain('host=<b>');
  });

  it('lists the top anomalies, highest first', () => {
    const html = build();
    const table = html.slice(html.indexOf('<h2>Top anomalies</h2>'));
    expect(table.indexOf('2014-04-10T01:00:00Z')).toBeLessThan(table.indexOf('2014-04-10T00:15:00Z'));
    expect(table).toContain('mean(value)');
  });
});
