/** The OpenSearch client of `vigil serve` from its configuration (basic auth, a CA file, or insecure TLS). */
import * as fs from 'fs';
import { Client } from '@opensearch-project/opensearch';
import type { ServiceConfig } from './serviceConfig';

export function clientOptionsOf(c: ServiceConfig['opensearch']): ConstructorParameters<typeof Client>[0] {
  const parsed = new URL(c.url);
  const username = c.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
  const password = c.password ?? (parsed.password ? decodeURIComponent(parsed.password) : undefined);
  parsed.username = '';
  parsed.password = '';
  const ssl: { ca?: Buffer; rejectUnauthorized?: boolean } = {};
  if (c.tlsCa) ssl.ca = fs.readFileSync(c.tlsCa);
  if (c.tlsInsecure) ssl.rejectUnauthorized = false;
  return {
    node: parsed.toString(),
    auth: username !== undefined ? { username, password: password ?? '' } : undefined,
    ssl: Object.keys(ssl).length ? ssl : undefined,
    requestTimeout: 30_000,
    maxRetries: 3,
  };
}

export function serviceClient(c: ServiceConfig['opensearch']): Client {
  return new Client(clientOptionsOf(c));
}
