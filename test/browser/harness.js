/*
 * Browser side of the harness: plays Grafana's host. An AMD `define` resolves the plugin bundle's dependencies from the
 * real packages in window.__vigilHostModules, then the built panel is rendered with frames made of Vigil's result
 * documents, the way the official OpenSearch datasource returns a raw-data query on vigil-results-*.
 */
(function () {
  const host = window.__vigilHostModules;
  const state = (window.__harness = { ready: false, error: null, timeRangeChanges: [], modules: {} });
  let pending = null;
  window.define = function (deps, factory) {
    pending = { deps, factory };
  };
  window.define.amd = {};

  function loadPlugin(url) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.onload = () => {
        const { deps, factory } = pending;
        pending = null;
        const exports = {};
        const args = deps.map((d) => {
          if (d === 'module') {
            return { uri: url, id: url };
          }
          if (d === 'exports') {
            return exports;
          }
          if (!(d in host)) {
            throw new Error(`the harness host does not provide "${d}" asked for by ${url}`);
          }
          return host[d];
        });
        resolve(factory(...args) || exports);
      };
      script.onerror = () => reject(new Error(`failed to load ${url}`));
      document.head.appendChild(script);
    });
  }

  /** Result documents → one frame with a column per field (time for `timestamp`, numbers, strings, raw arrays). */
  function docsToFrame(docs) {
    const { createDataFrame, FieldType } = host['@grafana/data'];
    const names = [];
    for (const d of docs) {
      for (const k of Object.keys(d)) {
        if (!names.includes(k)) {
          names.push(k);
        }
      }
    }
    const fields = names.map((name) => {
      const values = docs.map((d) => (d[name] === undefined ? null : d[name]));
      const sample = values.find((v) => v !== null);
      const type =
        name === 'timestamp' ? FieldType.time : typeof sample === 'number' ? FieldType.number : typeof sample === 'string' ? FieldType.string : FieldType.other;
      return { name, type, values };
    });
    return createDataFrame({ refId: 'A', name: 'vigil-results-*', fields });
  }


  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  /** Synthetic results: `lanes` entities x `buckets` 15-minute buckets, every cell scored (worst case for drawing). */
  function syntheticDocs(lanes, buckets) {
    const t0 = Date.UTC(2026, 0, 1);
    const span = 900;
    const docs = [];
    for (let b = 0; b < buckets; b++) {
      const timestamp = t0 + b * span * 1000;
      docs.push({ job_id: 'bench', result_type: 'bucket', timestamp, bucket_span: span, anomaly_score: (b * 37) % 100 });
      for (let l = 0; l < lanes; l++) {
        docs.push({ job_id: 'bench', result_type: 'record', timestamp, bucket_span: span, record_score: (l * 31 + b * 17) % 100, entity_key: `src=10.0.${Math.floor(l / 250)}.${l % 250}`, function: 'high_count' });
      }
    }
    return docs;
  }

  /** Times (ms) of: first render until painted, a re-sort (model rebuilt, canvas redrawn), a hover (tooltip shown). */
  async function runBench(Panel, theme, repeats) {
    const React = host.react;
    const { createRoot } = host['react-dom/client'];
    const { flushSync } = host['react-dom'];
    const { ThemeContext, dateTime, LoadingState } = host['@grafana/data'];
    const lanes = 50;
    const buckets = 500;
    const docs = syntheticDocs(lanes, buckets);
    const frame = docsToFrame(docs);
    const from = docs[0].timestamp;
    const to = docs[docs.length - 1].timestamp + 900000;
    const el = document.getElementById('panel');
    el.style.height = '1600px';
    const props = (sortBy) => ({
      id: 1,
      data: { series: [frame], state: LoadingState.Done, timeRange: {} },
      timeRange: { from: dateTime(from), to: dateTime(to), raw: { from: String(from), to: String(to) } },
      timeZone: 'utc',
      options: { limit: lanes, sortBy, viewBy: 'entity', intervalMs: 0, showOverall: true, showLegend: true, sourceDatasourceUid: 'x', sourceTimeField: '@timestamp' },
      fieldConfig: { defaults: {}, overrides: [] },
      width: el.clientWidth,
      height: 1600,
      renderCounter: 0,
      onChangeTimeRange: () => {},
      replaceVariables: (s) => s,
    });
    const element = (sortBy) => React.createElement(ThemeContext.Provider, { value: theme }, React.createElement(Panel, props(sortBy)));
    const result = { cells: lanes * buckets, first: [], resort: [], hover: [] };
    for (let i = 0; i < repeats; i++) {
      const root = createRoot(el);
      let t = performance.now();
      flushSync(() => root.render(element('max_score')));
      await nextFrame();
      result.first.push(performance.now() - t);
      t = performance.now();
      flushSync(() => root.render(element('occurrence')));
      await nextFrame();
      result.resort.push(performance.now() - t);
      const canvas = el.querySelector('canvas');
      const box = canvas.getBoundingClientRect();
      const laneHeight = Number(canvas.dataset.laneHeight);
      for (let h = 0; h < 10; h++) {
        t = performance.now();
        canvas.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: box.left + (h * 47 + 5) % box.width, clientY: box.top + laneHeight * (2 + (h % 40)) + 8 }));
        await nextFrame();
        if (!document.querySelector('[data-testid="data-testid vigil-swimlane-tooltip"]')) {
          throw new Error('no tooltip after hover');
        }
        result.hover.push(performance.now() - t);
      }
      root.unmount();
    }
    state.bench = result;
    state.ready = true;
  }


  /**
   * The built Vigil datasource against the real vigil serve: Grafana's BackendSrv is real HTTP (window.fetch) to the
   * harness server's data-proxy route; the template service replaces nothing (no dashboard variables here).
   */
  const VIGIL_SETTINGS = {
    id: 1,
    uid: 'vigil',
    type: 'vigil-anomaly-datasource',
    name: 'Vigil',
    url: '/api/datasources/proxy/uid/vigil',
    access: 'proxy',
    jsonData: { url: 'http://vigil-serve', sourceDatasourceUid: 'netflow-os', sourceTimeField: '@timestamp' },
    meta: {},
    readOnly: false,
  };

  /** Grafana's services the plugin calls: BackendSrv as real HTTP, a template service, a datasource registry. */
  function installVigilHost(dsPlugin) {
    const runtime = host['@grafana/runtime'];
    const { Observable } = host.rxjs;
    runtime.setBackendSrv({
      fetch: (req) =>
        new Observable((subscriber) => {
          window
            .fetch(req.url, {
              method: req.method || 'GET',
              headers: req.data === undefined ? {} : { 'content-type': 'application/json' },
              body: req.data === undefined ? undefined : JSON.stringify(req.data),
            })
            .then(async (r) => {
              const data = await r.json().catch(() => null);
              if (r.ok) {
                subscriber.next({ data, status: r.status, ok: true, url: req.url, headers: r.headers });
                subscriber.complete();
              } else {
                subscriber.error({ status: r.status, statusText: r.statusText, data });
              }
            }, (e) => subscriber.error({ status: 0, data: { error: String(e) } }));
        }),
    });
    runtime.setTemplateSrv({
      replace: (text) => text,
      getVariables: () => [],
      containsTemplate: () => false,
      updateTimeRange: () => undefined,
    });
    const ds = new dsPlugin.DataSourceClass(VIGIL_SETTINGS);
    runtime.setDataSourceSrv({
      getList: (filter) => (!filter || !filter.type || filter.type === VIGIL_SETTINGS.type ? [VIGIL_SETTINGS] : []),
      get: () => Promise.resolve(ds),
      getInstanceSettings: () => VIGIL_SETTINGS,
      reload: () => undefined,
      registerRuntimeDataSource: () => undefined,
    });
    return ds;
  }

  /** The built Vigil datasource against the real vigil serve, through the harness server's data-proxy route. */
  async function queryVigil(dsPlugin, jobId, from, to) {
    const { dateTime } = host['@grafana/data'];
    const ds = installVigilHost(dsPlugin);
    state.testDatasource = await ds.testDatasource();
    const response = await ds.query({
      targets: [
        { refId: 'A', queryType: 'swimlane', jobId, viewBy: 'entity', limit: 50, sort: 'max_score' },
        { refId: 'B', queryType: 'records', jobId, size: 1000 },
      ],
      range: { from: dateTime(from), to: dateTime(to), raw: { from: String(from), to: String(to) } },
      scopedVars: {},
      interval: '15m',
      intervalMs: 900000,
      timezone: 'utc',
      app: 'dashboard',
      requestId: 'harness',
      startTime: Date.now(),
    });
    return response.data;
  }

  async function main() {
    const params = new URLSearchParams(location.search);
    const React = host.react;
    const { createRoot } = host['react-dom/client'];
    const { ThemeContext, createTheme, dateTime, LoadingState } = host['@grafana/data'];
    const theme = createTheme({ colors: { mode: params.get('theme') === 'dark' ? 'dark' : 'light' } });
    document.body.style.background = theme.colors.background.primary;
    document.body.style.color = theme.colors.text.primary;
    document.body.style.fontFamily = theme.typography.fontFamily;

    const panelModule = await loadPlugin('/plugin/panels/swimlane/module.js');
    const dsModule = await loadPlugin('/plugin/datasource/module.js');
    const appModule = await loadPlugin('/plugin/module.js');
    state.modules = {
      panel: panelModule.plugin.constructor.name,
      datasource: dsModule.plugin.constructor.name,
      datasourceMethods: ['query', 'testDatasource', 'metricFindQuery', 'getDefaultQuery'].filter(
        (m) => typeof dsModule.plugin.DataSourceClass.prototype[m] === 'function'
      ),
      hasQueryEditor: Boolean(dsModule.plugin.components.QueryEditor),
      hasConfigEditor: Boolean(dsModule.plugin.components.ConfigEditor),
      app: appModule.plugin.constructor.name,
      hasAppRoot: Boolean(appModule.plugin.root),
    };

    if (params.get('page')) {
      installVigilHost(dsModule.plugin);
      const { MemoryRouter } = host['react-router'];
      const Root = appModule.plugin.root;
      const rootProps = { basename: '/a/vigil-anomaly-app', meta: { id: 'vigil-anomaly-app', jsonData: {} }, query: {}, path: '', onNavChanged: () => {} };
      const route = params.get('route') || `/${params.get('page')}${params.get('job') ? `?job=${encodeURIComponent(params.get('job'))}` : ''}`;
      document.getElementById('panel').style.height = 'auto';
      createRoot(document.getElementById('panel')).render(
        React.createElement(ThemeContext.Provider, { value: theme }, React.createElement(MemoryRouter, { initialEntries: [route] }, React.createElement(Root, rootProps)))
      );
      state.ready = true;
      return;
    }
    if (params.get('bench')) {
      await runBench(panelModule.plugin.panel, theme, Number(params.get('bench')));
      return;
    }
    const docs = await (await fetch('/results.json')).json();
    const times = docs.map((d) => d.timestamp);
    const span = docs[0].bucket_span * 1000;
    const from = Math.min(...times);
    const to = Math.max(...times) + span;
    state.range = { from, to };
    let series;
    if (params.get('source') === 'vigil') {
      series = await queryVigil(dsModule.plugin, params.get('job'), from, to);
    } else {
      series = [docsToFrame(docs)];
    }
    state.frames = series.map((f) => ({ refId: f.refId, length: f.length, fields: f.fields.map((x) => x.name) }));
    const options = {
      limit: Number(params.get('limit') || 10),
      sortBy: params.get('sortBy') || 'max_score',
      viewBy: params.get('viewBy') || 'entity',
      intervalMs: 0,
      showOverall: true,
      showLegend: true,
      sourceDatasourceUid: 'netflow-os',
      sourceTimeField: '@timestamp',
    };
    const Panel = panelModule.plugin.panel;
    const el = document.getElementById('panel');
    const props = {
      id: 1,
      data: { series, state: LoadingState.Done, timeRange: {} },
      timeRange: { from: dateTime(from), to: dateTime(to), raw: { from: String(from), to: String(to) } },
      timeZone: 'utc',
      options,
      fieldConfig: { defaults: {}, overrides: [] },
      width: el.clientWidth,
      height: el.clientHeight,
      transparent: false,
      renderCounter: 0,
      title: 'Anomaly swimlane',
      eventBus: undefined,
      onOptionsChange: () => {},
      onFieldConfigChange: () => {},
      replaceVariables: (s) => s,
      onChangeTimeRange: (r) => state.timeRangeChanges.push(r),
    };
    createRoot(el).render(React.createElement(ThemeContext.Provider, { value: theme }, React.createElement(Panel, props)));
    state.emptyColor = theme.colors.background.secondary;
    state.ready = true;
  }

  main().catch((e) => {
    state.error = String((e && e.stack) || e);
  });
})();
