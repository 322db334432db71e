import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { VigilDataSource } from './datasource';
import type { VigilOptions, VigilQuery, VigilSecureOptions } from './types';

export const plugin = new DataSourcePlugin<VigilDataSource, VigilQuery, VigilOptions, VigilSecureOptions>(VigilDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
