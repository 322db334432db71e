/* Static server of the harness on 127.0.0.1: the page, the host bundle, the built plugin (dist/) and the results. */
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json', '.md': 'text/plain' };

/**
 * Plays Grafana's data proxy for the Vigil datasource's `vigil` route: /api/datasources/proxy/uid/<uid>/vigil/* is
 * forwarded to vigil serve with the bearer token added server-side (the page never sees it).
 */
const PROXY_PREFIX = /^\/api\/datasources\/proxy\/uid\/[^/]+\/vigil(\/.*)$/;

function proxyToVigil(req, res, target, rest) {
  const upstream = new URL(rest, target.url);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { authorization: `Bearer ${target.token}`, accept: 'application/json' };
    if (body.length > 0) {
      headers['content-type'] = req.headers['content-type'] || 'application/json';
      headers['content-length'] = String(body.length);
    }
    const out = http.request(upstream, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode || 502, { 'content-type': up.headers['content-type'] || 'application/json' });
      up.pipe(res);
    });
    out.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `data proxy: ${e.message}` }));
    });
    out.end(body);
  });
}

function startServer({ hostBundle, pluginDist, resultsJson, vigil }) {
  const routes = [
    ['/host/', path.dirname(hostBundle)],
    ['/plugin/', pluginDist],
  ];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = null;
    const proxied = PROXY_PREFIX.exec(url.pathname);
    if (proxied && vigil) {
      proxyToVigil(req, res, vigil, proxied[1] + url.search);
      return;
    }
    if (url.pathname === '/harness.html' || url.pathname === '/harness.js') {
      file = path.join(__dirname, url.pathname);
    } else if (url.pathname === '/results.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(resultsJson);
      return;
    } else {
      for (const [prefix, dir] of routes) {
        if (url.pathname.startsWith(prefix)) {
          const candidate = path.normalize(path.join(dir, url.pathname.slice(prefix.length)));
          if (candidate.startsWith(dir)) {
            file = candidate;
          }
        }
      }
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${url.pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

module.exports = { startServer };
