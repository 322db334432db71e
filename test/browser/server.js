/* Static server of the harness on 127.0.0.1: the page, the host bundle, the built plugin (dist/) and the results. */
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json', '.md': 'text/plain' };

function startServer({ hostBundle, pluginDist, resultsJson }) {
  const routes = [
    ['/host/', path.dirname(hostBundle)],
    ['/plugin/', pluginDist],
  ];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = null;
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
