/**
 * A small HTTP proxy on 127.0.0.1 in front of the real OpenSearch node that injects faults
 * (conventions §7): answer with a status (429, 500, 503, …) or drop the connection without an
 * answer, for the next N requests matching a path pattern. Everything else passes through.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export type Fault = { kind: 'status'; status: number } | { kind: 'drop' };

interface Rule {
  fault: Fault;
  remaining: number;
  path: RegExp;
}

export class FaultProxy {
  private readonly server: http.Server;
  private readonly rules: Rule[] = [];
  private readonly target: URL;
  /** Requests seen, faults injected, requests passed through. */
  readonly counts = { requests: 0, injected: 0, passed: 0 };

  constructor(targetUrl: string) {
    this.target = new URL(targetUrl);
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** Starts listening on a free port of 127.0.0.1 and returns the proxy's URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests whose path matches `path` (default: all) get `fault`. */
  inject(fault: Fault, times: number, path: RegExp = /.*/): void {
    this.rules.push({ fault, remaining: times, path });
  }

  clear(): void {
    this.rules.length = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.counts.requests++;
    const rule = this.rules.find((r) => r.remaining > 0 && r.path.test(req.url ?? ''));
    if (rule) {
      rule.remaining--;
      this.counts.injected++;
      req.resume();
      req.on('end', () => {
        if (rule.fault.kind === 'drop') {
          req.socket.destroy();
          return;
        }
        const body = JSON.stringify({ error: { type: 'injected_fault', reason: `fault proxy: HTTP ${rule.fault.status}` }, status: rule.fault.status });
        res.writeHead(rule.fault.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
      return;
    }
    this.counts.passed++;
    const upstream = http.request(
      { hostname: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  }
}
