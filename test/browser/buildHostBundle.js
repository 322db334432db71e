/* Bundles hostModules.js (react, react-dom, @grafana/*, @emotion/css, rxjs from node_modules) for the browser. */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function lockHash() {
  const lock = fs.readFileSync(path.join(ROOT, 'package-lock.json'));
  const entry = fs.readFileSync(path.join(__dirname, 'hostModules.js')) + fs.readFileSync(__filename);
  return crypto.createHash('sha256').update(lock).update(entry).digest('hex').slice(0, 16);
}

/** Returns the path of the bundle, building it once per lockfile (cached under node_modules/.cache). */
async function buildHostBundle() {
  const outDir = path.join(ROOT, 'node_modules', '.cache', 'vigil-browser-host', lockHash());
  const outFile = path.join(outDir, 'host.js');
  if (fs.existsSync(outFile)) {
    return outFile;
  }
  const webpack = require(require.resolve('webpack', { paths: [path.join(ROOT, 'plugin')] }));
  const config = {
    mode: 'production',
    target: 'web',
    devtool: false,
    context: ROOT,
    entry: path.join(__dirname, 'hostModules.js'),
    output: { path: outDir, filename: 'host.js', publicPath: '/host/' },
    optimization: { minimize: false, splitChunks: false },
    performance: { hints: false },
    resolve: {
      extensions: ['.js', '.mjs', '.cjs', '.json'],
      modules: ['node_modules'],
      // Packages Grafana itself provides next to @grafana/ui; the v5-compat layer exports react-router-dom v6's API.
      alias: { 'react-router-dom-v5-compat': 'react-router-dom', 'slate-react-placeholder': false },
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, util: false, buffer: false },
    },
    module: {
      rules: [
        { test: /\.css$/, use: [require.resolve('style-loader', { paths: [path.join(ROOT, 'plugin')] }), require.resolve('css-loader', { paths: [path.join(ROOT, 'plugin')] })] },
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        { test: /\.(woff2?|ttf|eot|svg|png)$/, type: 'asset/inline' },
      ],
    },
    plugins: [new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify('production') }), new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
  await new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) {
        reject(err);
      } else if (stats.hasErrors()) {
        reject(new Error(stats.toString({ all: false, errors: true }).slice(0, 4000)));
      } else {
        resolve();
      }
    });
  });
  return outFile;
}

module.exports = { buildHostBundle };

if (require.main === module) {
  const t0 = Date.now();
  buildHostBundle().then(
    (f) => console.log(`host bundle: ${f} (${fs.statSync(f).size} bytes, ${Date.now() - t0} ms)`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    }
  );
}
