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

    const docs = await (await fetch('/results.json')).json();
    const frame = docsToFrame(docs);
    const times = docs.map((d) => d.timestamp);
    const span = docs[0].bucket_span * 1000;
    const from = Math.min(...times);
    const to = Math.max(...times) + span;
    state.range = { from, to };
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
      data: { series: [frame], state: LoadingState.Done, timeRange: {} },
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
