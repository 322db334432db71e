import { useEffect, useMemo, useState } from 'react';
import { getDataSourceSrv } from '@grafana/runtime';

import { DATASOURCE_TYPE } from '../../constants';
import type { VigilDataSource } from '../../datasource/datasource';

export interface VigilDatasourceState {
  ds?: VigilDataSource;
  error?: string;
}

/** The first Vigil datasource configured in this Grafana (the app pages talk to vigil serve through it). */
export function useVigilDatasource(): VigilDatasourceState {
  const uid = useMemo(() => getDataSourceSrv().getList({ type: DATASOURCE_TYPE })[0]?.uid, []);
  const [state, setState] = useState<VigilDatasourceState>({});
  useEffect(() => {
    if (!uid) {
      return;
    }
    getDataSourceSrv()
      .get(uid)
      .then((ds) => setState({ ds: ds as unknown as VigilDataSource }))
      .catch((e: Error) => setState({ error: e.message }));
  }, [uid]);
  return uid ? state : { error: 'No Vigil Anomaly datasource is configured: add one under Connections.' };
}
