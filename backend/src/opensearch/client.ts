/**
 * The OpenSearch client factory: one place that turns a URL (and optional basic auth / TLS options)
 * into a `@opensearch-project/opensearch` client. Credentials are never logged: use `redactUrl`.
 */
import { Client } from '@opensearch-project/opensearch';

export interface OpenSearchConnection {
  /** e.g. http://127.0.0.1:9200; may carry user:password, which is moved into basic auth. */
  url: string;
  username?: string;
  password?: string;
  /** false accepts self-signed certificates (development clusters only). */
  rejectUnauthorized?: boolean;
  /** Per-request timeout, ms (default 30 000). */
  requestTimeoutMs?: number;
  /** Retries the client itself makes on connection errors and 502/503/504 (default 3). */
  maxRetries?: number;
}

/** The connection from the environment: OPENSEARCH_URL, OPENSEARCH_USERNAME, OPENSEARCH_PASSWORD, OPENSEARCH_TLS_INSECURE. */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<OpenSearchConnection> = {}): OpenSearchConnection {
  return {
    url: env.OPENSEARCH_URL || 'http://127.0.0.1:9200',
    username: env.OPENSEARCH_USERNAME || undefined,
    password: env.OPENSEARCH_PASSWORD || undefined,
    rejectUnauthorized: env.OPENSEARCH_TLS_INSECURE === 'true' ? false : undefined,
    ...dropUndefined(overrides),
  };
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The URL without user info, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}

export function createClient(conn: OpenSearchConnection): Client {
  let parsed: URL;
  try {
    parsed = new URL(conn.url);
  } catch {
    throw new Error(`invalid OpenSearch URL "${redactUrl(conn.url)}"`);
  }
  const username = conn.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = conn.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  parsed.username = '';
  parsed.password = '';
  return new Client({
    node: parsed.toString(),
    auth: username !== undefined ? { username, password: password ?? '' } : undefined,
    ssl: conn.rejectUnauthorized === false ? { rejectUnauthorized: false } : undefined,
    requestTimeout: conn.requestTimeoutMs ?? 30_000,
    maxRetries: conn.maxRetries ?? 3,
  });
}
