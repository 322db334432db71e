import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clientOptionsOf } from './openSearchClient';
import { loadServiceConfig, parseBind, redactedConfig } from './serviceConfig';

describe('service configuration', () => {
  let dir: string;
  const write = (name: string, body: unknown): string => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
    return f;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-config-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('defaults: local OpenSearch, API on 127.0.0.1:8686, no token', () => {
    const c = loadServiceConfig({ env: {} });
    expect(c.opensearch).toEqual({ url: 'http://127.0.0.1:9200', username: undefined, password: undefined, tlsCa: undefined, tlsInsecure: false });
    expect(c.api).toEqual({ host: '127.0.0.1', port: 8686, token: undefined });
    expect(c.sources['api.bind']).toBe('default');
  });

  it('file then environment: the environment wins, key by key', () => {
    const ca = write('ca.pem', '-----BEGIN CERTIFICATE-----\n');
    const file = write('vigil.json', {
      opensearch: { url: 'https://os.example:9200', username: 'vigil', password: 'from-file', tls_ca: ca, tls_insecure: false },
      api: { bind: '0.0.0.0:9000', token: 'file-token' },
    });
    const c = loadServiceConfig({ file, env: { VIGIL_OPENSEARCH_PASSWORD: 'from-env', VIGIL_API_BIND: '127.0.0.1:9100', VIGIL_OPENSEARCH_TLS_INSECURE: 'true' } });
    expect(c.opensearch).toEqual({ url: 'https://os.example:9200', username: 'vigil', password: 'from-env', tlsCa: ca, tlsInsecure: true });
    expect(c.api).toEqual({ host: '127.0.0.1', port: 9100, token: 'file-token' });
    expect(c.sources).toMatchObject({ 'opensearch.url': 'file', 'opensearch.password': 'env', 'api.bind': 'env', 'api.token': 'file' });
  });

  it('redacts password, token and URL user info whenever printed', () => {
    const c = loadServiceConfig({ env: { VIGIL_OPENSEARCH_URL: 'http://admin:pw1@127.0.0.1:9200', VIGIL_OPENSEARCH_PASSWORD: 'pw2', VIGIL_API_TOKEN: 'tok3' } });
    const text = JSON.stringify(redactedConfig(c));
    expect(text).not.toMatch(/pw1|pw2|tok3/);
    expect(redactedConfig(c)).toMatchObject({ opensearch: { url: 'http://***@127.0.0.1:9200', password: '***' }, api: { bind: '127.0.0.1:8686', token: '***' } });
  });

  it('errors name the file and the key, or the variable', () => {
    expect(() => loadServiceConfig({ env: {}, file: write('bad1.json', { api: { port: 1 } }) })).toThrow(/bad1\.json: unknown key "api.port" \(expected bind, token\)/);
    expect(() => loadServiceConfig({ env: {}, file: write('bad2.json', { opensearch: { tls_insecure: 'yes' } }) })).toThrow(/bad2\.json: opensearch\.tls_insecure must be true or false/);
    expect(() => loadServiceConfig({ env: {}, file: write('bad3.json', '{"api": ') })).toThrow(/bad3\.json: not valid JSON/);
    expect(() => loadServiceConfig({ env: {}, file: path.join(dir, 'missing.json') })).toThrow(/missing\.json: cannot read the config file \(ENOENT\)/);
    expect(() => loadServiceConfig({ env: { VIGIL_API_BIND: 'localhost' } })).toThrow('VIGIL_API_BIND: "localhost" is not host:port');
    expect(() => loadServiceConfig({ env: { VIGIL_OPENSEARCH_TLS_INSECURE: 'maybe' } })).toThrow('VIGIL_OPENSEARCH_TLS_INSECURE: "maybe" is not true or false');
    expect(() => loadServiceConfig({ env: { VIGIL_OPENSEARCH_TLS_CA: path.join(dir, 'nope.pem') } })).toThrow(/VIGIL_OPENSEARCH_TLS_CA: CA file ".*nope\.pem" does not exist/);
    expect(() => loadServiceConfig({ env: { VIGIL_OPENSEARCH_URL: 'not a url' } })).toThrow('VIGIL_OPENSEARCH_URL: "not a url" is not a URL');
  });

  it('bind addresses: host:port, [v6]:port, :port', () => {
    expect(parseBind('10.1.2.3:80', 'x')).toEqual({ host: '10.1.2.3', port: 80 });
    expect(parseBind('[::1]:8686', 'x')).toEqual({ host: '::1', port: 8686 });
    expect(parseBind(':8686', 'x')).toEqual({ host: '0.0.0.0', port: 8686 });
    expect(() => parseBind('h:70000', '--bind')).toThrow('--bind: port 70000 is outside 0-65535');
  });

  it('client options: basic auth from the config or the URL (moved out of the node URL), CA and insecure TLS', () => {
    const ca = write('ca2.pem', 'PEM');
    const o = clientOptionsOf({ url: 'https://u:p%40ss@os:9200', tlsCa: ca, tlsInsecure: true });
    expect(o?.node).toBe('https://os:9200/');
    expect(o?.auth).toEqual({ username: 'u', password: 'p@ss' });
    expect(o?.ssl).toEqual({ ca: Buffer.from('PEM'), rejectUnauthorized: false });
    expect(clientOptionsOf({ url: 'http://os:9200', username: 'a', password: 'b', tlsInsecure: false })).toMatchObject({ auth: { username: 'a', password: 'b' }, ssl: undefined });
  });
});
