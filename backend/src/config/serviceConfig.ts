/**
 * The configuration of `vigil serve`: OpenSearch connection (URL, basic auth, TLS) and the API
 * (bind address, bearer token), from a JSON config file (`--config vigil.json`) and environment
 * variables; the environment wins over the file. Secrets never leave through `redactedConfig`.
 *
 * File shape (every key optional):
 *   { "opensearch": { "url", "username", "password", "tls_ca", "tls_insecure" },
 *     "api": { "bind", "token" } }
 */
import * as fs from 'fs';

export interface ServiceConfig {
  opensearch: {
    url: string;
    username?: string;
    password?: string;
    /** Path of a PEM file with the CA certificate(s) the cluster's certificate is checked against. */
    tlsCa?: string;
    /** Accept any certificate (development clusters only). */
    tlsInsecure: boolean;
  };
  api: {
    host: string;
    port: number;
    /** Bearer token every /api call except /api/health must carry; none = no auth. */
    token?: string;
  };
  /** Where each setting came from (`default`, `file`, `env`, `flag`), by dotted key. */
  sources: Record<string, 'default' | 'file' | 'env' | 'flag'>;
}

export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:9200';
export const DEFAULT_BIND = '127.0.0.1:8686';

/** The environment variables, with the dotted key each sets. */
export const ENV_KEYS: Record<string, string> = {
  VIGIL_OPENSEARCH_URL: 'opensearch.url',
  VIGIL_OPENSEARCH_USERNAME: 'opensearch.username',
  VIGIL_OPENSEARCH_PASSWORD: 'opensearch.password',
  VIGIL_OPENSEARCH_TLS_CA: 'opensearch.tls_ca',
  VIGIL_OPENSEARCH_TLS_INSECURE: 'opensearch.tls_insecure',
  VIGIL_API_BIND: 'api.bind',
  VIGIL_API_TOKEN: 'api.token',
};

const FILE_KEYS: Record<string, string[]> = {
  opensearch: ['url', 'username', 'password', 'tls_ca', 'tls_insecure'],
  api: ['bind', 'token'],
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `host:port`, `[v6]:port` or `:port` (all interfaces) → host and port; throws naming `where`. */
export function parseBind(text: string, where: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text.trim());
  if (!m) throw new ConfigError(`${where}: "${text}" is not host:port (e.g. 127.0.0.1:8686)`);
  const port = Number(m[3]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${where}: port ${m[3]} is outside 0-65535`);
  const host = m[1] ?? (m[2] || '0.0.0.0');
  return { host, port };
}

function parseBool(text: string, where: string): boolean {
  const t = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(t)) return true;
  if (['false', '0', 'no', ''].includes(t)) return false;
  throw new ConfigError(`${where}: "${text}" is not true or false`);
}

/** Flat `section.key` → value of a config file, checked: unknown sections and keys, wrong types fail naming the file and the key. */
export function readConfigFile(file: string): Record<string, string | boolean> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConfigError(`${file}: must be a JSON object`);
  const out: Record<string, string | boolean> = {};
  for (const [section, body] of Object.entries(json as Record<string, unknown>)) {
    const keys = FILE_KEYS[section];
    if (!keys) throw new ConfigError(`${file}: unknown section "${section}" (expected ${Object.keys(FILE_KEYS).join(', ')})`);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ConfigError(`${file}: ${section} must be an object`);
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (!keys.includes(key)) throw new ConfigError(`${file}: unknown key "${section}.${key}" (expected ${keys.join(', ')})`);
      if (key === 'tls_insecure') {
        if (typeof value !== 'boolean') throw new ConfigError(`${file}: ${section}.${key} must be true or false`);
      } else if (typeof value !== 'string') {
        throw new ConfigError(`${file}: ${section}.${key} must be a string`);
      }
      out[`${section}.${key}`] = value as string | boolean;
    }
  }
  return out;
}

/** The service configuration from the defaults, then the file (when given), then the environment. */
export function loadServiceConfig(opts: { env?: NodeJS.ProcessEnv; file?: string } = {}): ServiceConfig {
  const env = opts.env ?? process.env;
  const values: Record<string, string | boolean> = {};
  const sources: ServiceConfig['sources'] = {};
  const where: Record<string, string> = {};
  if (opts.file) {
    for (const [k, v] of Object.entries(readConfigFile(opts.file))) {
      values[k] = v;
      sources[k] = 'file';
      where[k] = `${opts.file}: ${k}`;
    }
  }
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    values[key] = v;
    sources[key] = 'env';
    where[key] = name;
  }
  const str = (key: string): string | undefined => (values[key] === undefined ? undefined : String(values[key]));
  const url = str('opensearch.url') ?? DEFAULT_OPENSEARCH_URL;
  try {
    new URL(url);
  } catch {
    throw new ConfigError(`${where['opensearch.url']}: "${redactSecretsInUrl(url)}" is not a URL`);
  }
  const insecureRaw = values['opensearch.tls_insecure'];
  const tlsInsecure = typeof insecureRaw === 'boolean' ? insecureRaw : insecureRaw === undefined ? false : parseBool(insecureRaw, where['opensearch.tls_insecure']);
  const tlsCa = str('opensearch.tls_ca');
  if (tlsCa !== undefined && !fs.existsSync(tlsCa)) throw new ConfigError(`${where['opensearch.tls_ca']}: CA file "${tlsCa}" does not exist`);
  const bind = parseBind(str('api.bind') ?? DEFAULT_BIND, where['api.bind'] ?? 'default bind');
  for (const key of ['opensearch.url', 'opensearch.tls_insecure', 'api.bind']) sources[key] ??= 'default';
  return {
    opensearch: { url, username: str('opensearch.username'), password: str('opensearch.password'), tlsCa, tlsInsecure },
    api: { host: bind.host, port: bind.port, token: str('api.token') },
    sources,
  };
}

function redactSecretsInUrl(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}

/** The configuration as it may be printed: password, token and URL user info replaced by `***`. */
export function redactedConfig(c: ServiceConfig): Record<string, unknown> {
  return {
    opensearch: {
      url: redactSecretsInUrl(c.opensearch.url),
      username: c.opensearch.username ?? null,
      password: c.opensearch.password !== undefined ? '***' : null,
      tls_ca: c.opensearch.tlsCa ?? null,
      tls_insecure: c.opensearch.tlsInsecure,
    },
    api: { bind: `${c.api.host.includes(':') ? `[${c.api.host}]` : c.api.host}:${c.api.port}`, token: c.api.token !== undefined ? '***' : null },
    sources: c.sources,
  };
}
