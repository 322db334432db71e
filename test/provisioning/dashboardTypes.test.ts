/**
 * The provisioned dashboards type-checked against Grafana's own dashboard type (`Dashboard` of @grafana/schema,
 * the version the plugin builds against): each JSON becomes a module that assigns it to a `Dashboard`, compiled by the
 * TypeScript compiler. Known keys must have Grafana's types; query and option objects stay open as in Grafana.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { PROVISIONING, ROOT, filesIn } from './provisioningFiles';

const DASHBOARDS = path.join(PROVISIONING, 'dashboards', 'vigil');

function typeCheck(sources: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => sources[f] ?? readFile(f);
  host.fileExists = (f) => f in sources || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) =>
    f in sources ? ts.createSourceFile(f, sources[f], lang) : getSourceFile(f, lang, onError, create);
  const program = ts.createProgram(Object.keys(sources), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * JSON cannot name TypeScript enum members, so enum-typed keys are checked against their values (`${Enum}`);
 * queries are checked against the Vigil query type or the OpenSearch datasource's query shape.
 */
const PRELUDE = `
import type { DataQuery, Dashboard, Panel } from '@grafana/schema';
import type { VigilQuery } from './datasource/types';
type Lit<T> = T extends string ? \`\${T}\` : T extends number | boolean ? T : T extends Array<infer U> ? Array<Lit<U>> : T extends object ? { [K in keyof T]: Lit<T[K]> } : T;
interface OpenSearchQuery extends DataQuery {
  query?: string;
  timeField?: string;
  metrics?: Array<{ id: string; type: string; field?: string; settings?: Record<string, string> }>;
  bucketAggs?: Array<{ id: string; type: string; field: string; settings?: Record<string, string> }>;
}
type Query = VigilQuery | OpenSearchQuery;
type CheckedPanel = Lit<Omit<Panel, 'targets'>> & { targets?: Query[] };
type CheckedAnnotation = Lit<Omit<NonNullable<NonNullable<Dashboard['annotations']>['list']>[number], 'target'>> & { target?: Query };
type CheckedDashboard = Lit<Omit<Dashboard, 'panels' | 'annotations'>> & { panels: CheckedPanel[]; annotations: { list: CheckedAnnotation[] } };
`;

function moduleFor(json: string): string {
  return `${PRELUDE}\nexport const dashboard: CheckedDashboard = ${json};\n`;
}

interface EditableDashboard {
  panels: Array<{ gridPos: { h: unknown }; fieldConfig: { defaults: { color: { mode: unknown } } }; targets: Array<{ jobId: unknown }> }>;
}

const virtual = (name: string) => path.join(ROOT, 'plugin', 'src', `__provisioned_${name.replace(/\W/g, '_')}.ts`);

describe('provisioned dashboards against @grafana/schema', () => {
  it('every dashboard is a Grafana Dashboard', () => {
    const sources: Record<string, string> = {};
    for (const file of filesIn(DASHBOARDS, /\.json$/)) sources[virtual(path.basename(file))] = moduleFor(fs.readFileSync(file, 'utf8'));
    expect(Object.keys(sources)).toHaveLength(4);
    expect(typeCheck(sources)).toEqual([]);
  });

  it('the check finds a wrongly typed key, an unknown enum value and an unknown query type', () => {
    const overview = fs.readFileSync(path.join(DASHBOARDS, 'anomaly-overview.json'), 'utf8');
    const typeCheckOne = (edit: (d: EditableDashboard) => void) => {
      const broken = JSON.parse(overview);
      edit(broken);
      return typeCheck({ [virtual('broken')]: moduleFor(JSON.stringify(broken, null, 2)) });
    };
    expect(typeCheckOne((d) => (d.panels[0].gridPos.h = '10'))).toEqual([expect.stringMatching(/Type 'string' is not assignable to type 'number'/)]);
    expect(typeCheckOne((d) => (d.panels[1].fieldConfig.defaults.color.mode = 'rainbow'))).toEqual([
      expect.stringMatching(/Type '"rainbow"' is not assignable to type/),
    ]);
    expect(typeCheckOne((d) => (d.panels[0].targets[0].jobId = 42))).toHaveLength(1);
  });
});
