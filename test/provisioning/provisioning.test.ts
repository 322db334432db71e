/**
 * The provisioning of the demo stack, checked without Docker: docker-compose.yml against the Compose Specification's
 * schema, Grafana's provisioning YAML against schemas written from Grafana's documentation, and every datasource
 * uid, plugin id, index pattern and field used by dashboards and alert rules against what exists: the provisioned
 * datasources, the plugin's plugin.json files and the mapping of the results index Vigil writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { resultsMappings } from '../../backend/src/opensearch/mappings';
import { RESULTS_INDEX_PREFIX } from '../../backend/src/opensearch/templates';
import { QUERY_TYPE_OPTIONS } from '../../plugin/src/datasource/types';
import {
  COMPOSE_FORMATS,
  PROVISIONING,
  ROOT,
  compileSchema,
  dropLegacyIds,
  errorsOf,
  filesIn,
  luceneFields,
  mappedFields,
  pluginIds,
  readJson,
  readYaml,
} from './provisioningFiles';

const SCHEMAS = path.join(__dirname, 'schemas');
const schema = (name: string) => readJson(path.join(SCHEMAS, name));

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}
interface Datasource {
  name: string;
  uid: string;
  type: string;
  url?: string;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, string>;
}
interface OpenSearchTarget {
  refId: string;
  datasource?: { uid: string; type: string };
  queryType?: string;
  query?: string;
  timeField?: string;
  metrics?: Array<{ type: string; field?: string }>;
  bucketAggs?: Array<{ type: string; field: string }>;
  jobId?: string;
  entities?: string[];
  entityKey?: string;
  minScore?: number | string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string; type: string };
  targets?: OpenSearchTarget[];
  options?: Record<string, unknown>;
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; datasource?: { uid: string }; query?: string }> };
  annotations: { list: Array<{ datasource: { uid: string }; target?: OpenSearchTarget; builtIn?: number }> };
}
interface AlertRule {
  uid: string;
  title: string;
  condition: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: Array<{ refId: string; datasourceUid: string; model: OpenSearchTarget & { type?: string; expression?: string } }>;
}

const compose = readYaml<Compose>(path.join(ROOT, 'docker-compose.yml'));
const datasources = readYaml<{ datasources: Datasource[] }>(path.join(PROVISIONING, 'datasources', 'vigil.yaml')).datasources;
const dsByUid = new Map(datasources.map((d) => [d.uid, d]));
const ids = pluginIds();
const resultFields = mappedFields((resultsMappings as { properties: Record<string, unknown> }).properties);
const dashboardFiles = filesIn(path.join(PROVISIONING, 'dashboards', 'vigil'), /\.json$/);
const dashboards = dashboardFiles.map((f) => readJson<Dashboard>(f));
const alertFile = path.join(PROVISIONING, 'alerting', 'anomaly-rules.yaml');
const rules = readYaml<{ groups: Array<{ rules: AlertRule[] }> }>(alertFile).groups.flatMap((g) => g.rules);

/** What an OpenSearch query on the results index uses must be mapped there (and the time field must be a date). */
function resultsFieldProblems(t: OpenSearchTarget): string[] {
  const used = [
    ...luceneFields(t.query ?? ''),
    ...(t.metrics ?? []).map((m) => m.field).filter((f): f is string => Boolean(f)),
    ...(t.bucketAggs ?? []).map((b) => b.field),
  ];
  const problems = used.filter((f) => !resultFields.has(f)).map((f) => `unmapped field ${f}`);
  if (t.timeField && resultFields.get(t.timeField) !== 'date') problems.push(`time field ${t.timeField} is not a date`);
  return problems;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = compileSchema(dropLegacyIds(readJson(path.join(SCHEMAS, 'compose-spec.json'))) as object, COMPOSE_FORMATS);
    const ok = validate(compose);
    expect(errorsOf(validate)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check rejects what Compose rejects', () => {
    const validate = compileSchema(dropLegacyIds(readJson(path.join(SCHEMAS, 'compose-spec.json'))) as object, COMPOSE_FORMATS);
    const broken = JSON.parse(JSON.stringify(compose));
    broken.services.grafana.mounts = ['x'];
    broken.services.opensearch.healthcheck.interval = '10 seconds';
    expect(validate(broken)).toBe(false);
    expect(errorsOf(validate)).toEqual([
      '/services/opensearch/healthcheck/interval must match format "duration"',
      '/services/grafana must NOT have additional properties',
    ]);
  });

  it('runs OpenSearch, vigil serve, a one-shot loader and Grafana, started in dependency order', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['grafana', 'loader', 'opensearch', 'vigil']);
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const dep of Object.keys(svc.depends_on ?? {})) expect([name, compose.services[dep] !== undefined]).toEqual([name, true]);
    }
    expect(compose.services.loader.restart).toBe('no');
    const script = compose.services.loader.command?.[1] ?? '';
    expect(fs.existsSync(path.join(ROOT, script))).toBe(true);
    expect(compose.services.vigil.command).toEqual(['node', 'backend/bin/vigil.js', 'serve', '--replicas', '0']);
  });

  it('mounts the built plugin and the provisioning into Grafana, allows the three unsigned plugins, installs the OpenSearch datasource', () => {
    const grafana = compose.services.grafana;
    expect(grafana.volumes).toContain(`./plugin/dist:/var/lib/grafana/plugins/${ids.app}:ro`);
    expect(grafana.volumes).toContain('./provisioning:/etc/grafana/provisioning:ro');
    expect((grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS ?? '').split(',').sort()).toEqual(
      [ids.app, ids.datasource, ids.panel].sort()
    );
    expect(grafana.environment?.GF_PLUGINS_PREINSTALL_SYNC).toBe('grafana-opensearch-datasource');
  });
});

describe('provisioning/ against schemas written from Grafana documentation', () => {
  it.each([
    ['datasources/vigil.yaml', 'grafana-datasources.schema.json'],
    ['plugins/vigil-app.yaml', 'grafana-apps.schema.json'],
    ['dashboards/vigil.yaml', 'grafana-dashboard-providers.schema.json'],
    ['alerting/anomaly-rules.yaml', 'grafana-alert-rules.schema.json'],
  ])('%s is valid against %s', (file, schemaFile) => {
    const validate = compileSchema(schema(schemaFile));
    const ok = validate(readYaml(path.join(PROVISIONING, file)));
    expect(errorsOf(validate)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('enables the Vigil app', () => {
    const apps = readYaml<{ apps: Array<{ type: string; disabled: boolean }> }>(path.join(PROVISIONING, 'plugins', 'vigil-app.yaml')).apps;
    expect(apps).toEqual([{ type: ids.app, org_id: 1, disabled: false }]);
  });

  it('loads the dashboards from the folder the compose file mounts', () => {
    const providers = readYaml<{ providers: Array<{ options: { path: string } }> }>(path.join(PROVISIONING, 'dashboards', 'vigil.yaml')).providers;
    const inContainer = providers[0].options.path;
    expect(inContainer.startsWith('/etc/grafana/provisioning/')).toBe(true);
    const onHost = path.join(PROVISIONING, inContainer.slice('/etc/grafana/provisioning/'.length));
    expect(filesIn(onHost, /\.json$/).map((f) => path.basename(f))).toEqual(dashboardFiles.map((f) => path.basename(f)));
  });
});

describe('datasources', () => {
  it('the Vigil datasource reaches vigil serve in the compose network, with the token from the environment', () => {
    const vigil = datasources.find((d) => d.type === ids.datasource)!;
    const url = new URL(String(vigil.jsonData?.url));
    expect(compose.services[url.hostname]).toBeDefined();
    expect(`0.0.0.0:${url.port}`).toBe(compose.services.vigil.environment?.VIGIL_API_BIND);
    expect(compose.services.vigil.environment?.VIGIL_OPENSEARCH_URL).toBe('http://opensearch:9200');
    expect(vigil.secureJsonData?.apiToken).toBe('${VIGIL_API_TOKEN}');
    expect(compose.services.grafana.environment?.VIGIL_API_TOKEN).toBeDefined();
    expect(dsByUid.get(String(vigil.jsonData?.sourceDatasourceUid))?.type).toBe('grafana-opensearch-datasource');
  });

  it('the OpenSearch datasources point at the compose OpenSearch; the results one at the index pattern Vigil writes', () => {
    const os = datasources.filter((d) => d.type === 'grafana-opensearch-datasource');
    expect(os.map((d) => d.uid).sort()).toEqual(['vigil-ids', 'vigil-netflow', 'vigil-results', 'vigil-syslog']);
    for (const d of os) expect([d.uid, new URL(d.url ?? '').host]).toEqual([d.uid, 'opensearch:9200']);
    const results = dsByUid.get('vigil-results')!;
    expect(results.jsonData?.database).toBe(`${RESULTS_INDEX_PREFIX}*`);
    expect(resultFields.get(String(results.jsonData?.timeField))).toBe('date');
    expect(resultFields.has(String(results.jsonData?.logLevelField))).toBe(true);
  });
});

describe('dashboards', () => {
  const builtin = new Set(['-- Grafana --', '__expr__']);
  const corePanels = new Set(['table', 'timeseries', 'stat']);
  const queryTypes = new Set(QUERY_TYPE_OPTIONS.map((o) => o.value));

  it('an overview and one dashboard per use of the brief, with unique uids', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual(['vigil-exfiltration', 'vigil-ids-noise', 'vigil-overview', 'vigil-rogue-users']);
  });

  it.each(dashboardFiles.map((f) => [path.basename(f)]))('%s: datasources, panel types, queries and variables exist', (name) => {
    const d = readJson<Dashboard>(path.join(PROVISIONING, 'dashboards', 'vigil', name));
    const problems: string[] = [];
    const variables = new Set(d.templating.list.map((v) => v.name));
    const checkUid = (where: string, uid: string | undefined) => {
      if (!uid || !(dsByUid.has(uid) || builtin.has(uid))) problems.push(`${where}: unknown datasource ${uid}`);
    };
    const checkVariables = (where: string, text: string) => {
      for (const m of text.matchAll(/\$\{?(\w+)/g)) if (!variables.has(m[1]) && !m[1].startsWith('__')) problems.push(`${where}: undefined variable $${m[1]}`);
    };
    const checkTarget = (where: string, t: OpenSearchTarget) => {
      checkUid(where, t.datasource?.uid);
      const ds = dsByUid.get(t.datasource?.uid ?? '');
      if (ds?.type === ids.datasource && !queryTypes.has(t.queryType as never)) problems.push(`${where}: unknown Vigil query type ${t.queryType}`);
      if (ds?.uid === 'vigil-results') problems.push(...resultsFieldProblems(t).map((p) => `${where}: ${p}`));
      checkVariables(where, JSON.stringify(t));
    };
    for (const v of d.templating.list) if (v.datasource) checkUid(`variable ${v.name}`, v.datasource.uid);
    for (const a of d.annotations.list) {
      checkUid('annotation', a.datasource.uid);
      if (a.target) checkTarget('annotation', { ...a.target, datasource: { uid: a.datasource.uid, type: '' } });
    }
    for (const p of d.panels) {
      if (!corePanels.has(p.type) && p.type !== ids.panel) problems.push(`panel ${p.id}: unknown type ${p.type}`);
      checkUid(`panel ${p.id}`, p.datasource?.uid);
      for (const t of p.targets ?? []) checkTarget(`panel ${p.id} ${t.refId}`, t);
      if (p.type === ids.panel && p.options?.sourceDatasourceUid) checkUid(`panel ${p.id} links`, String(p.options.sourceDatasourceUid));
    }
    expect(problems).toEqual([]);
  });
});

describe('alert rules', () => {
  it('alert on record and bucket scores through the OpenSearch datasource on the results index', () => {
    expect(rules.map((r) => [r.uid, r.labels.severity])).toEqual([
      ['vigil-record-critical', 'critical'],
      ['vigil-record-major', 'major'],
      ['vigil-bucket-critical', 'critical'],
    ]);
    for (const r of rules) {
      const query = r.data.find((d) => d.datasourceUid !== '__expr__')!;
      expect([r.uid, query.datasourceUid, resultsFieldProblems(query.model)]).toEqual([r.uid, 'vigil-results', []]);
      const refIds = new Set(r.data.map((d) => d.refId));
      expect(refIds.has(r.condition)).toBe(true);
      for (const d of r.data.filter((x) => x.datasourceUid === '__expr__')) {
        const refs = [...String(d.model.expression).matchAll(/\$?([A-Z])\b/g)].map((m) => m[1]);
        expect(refs.every((x) => refIds.has(x))).toBe(true);
      }
    }
  });

  it('make one instance per job and entity (terms aggregations) and label the severity band of the threshold', () => {
    const terms = (r: AlertRule) => r.data[0].model.bucketAggs!.filter((b) => b.type === 'terms').map((b) => b.field);
    const condition = (r: AlertRule) => String(r.data.find((d) => d.refId === r.condition)!.model.expression);
    const [critical, major, bucket] = rules;
    expect(terms(critical)).toEqual(['job_id', 'entity_key']);
    expect(terms(major)).toEqual(['job_id', 'entity_key']);
    expect(terms(bucket)).toEqual(['job_id']);
    expect(critical.data[0].model.metrics).toEqual([{ id: '1', type: 'max', field: 'record_score' }]);
    expect(bucket.data[0].model.metrics).toEqual([{ id: '1', type: 'max', field: 'anomaly_score' }]);
    expect([condition(critical), condition(major), condition(bucket)]).toEqual(['$B >= 75', '$B >= 50 && $B < 75', '$B >= 75']);
    for (const r of rules) expect(r.annotations.explorer).toMatch(new RegExp(`^/a/${ids.app}/explorer\\?job=\\{\\{ \\$labels.job_id \\}\\}`));
  });
});
