/*
 * Browser entry of the harness "host": the real packages Grafana shares with plugins, registered under the names
 * the plugin's AMD bundle asks for (the scaffold's externals: plugin/.config/bundler/externals.ts).
 */
window.__vigilHostModules = {
  react: require('react'),
  'react/jsx-runtime': require('react/jsx-runtime'),
  'react-dom': require('react-dom'),
  'react-dom/client': require('react-dom/client'),
  'react-router': require('react-router'),
  '@grafana/data': require('@grafana/data'),
  '@grafana/ui': require('@grafana/ui'),
  '@grafana/runtime': require('@grafana/runtime'),
  '@emotion/css': require('@emotion/css'),
  rxjs: require('rxjs'),
};
