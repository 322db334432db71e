import { PLUGIN_BASE_URL, ROUTES } from '../constants';

/** Prefixes the route with the base URL of the plugin. */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

export interface ExplorerLinkParams {
  jobId?: string;
  from: number;
  to: number;
  entity?: string;
  /** Start of the selected cell (its records are listed). */
  at?: number;
}

/** Link to the explorer page on a job and time range, optionally with one cell (lane entity + cell start) selected. */
export function explorerUrl(p: ExplorerLinkParams): string {
  const params = new URLSearchParams();
  if (p.jobId) {
    params.set('job', p.jobId);
  }
  params.set('from', String(p.from));
  params.set('to', String(p.to));
  if (p.entity) {
    params.set('entity', p.entity);
  }
  if (p.at !== undefined) {
    params.set('at', String(p.at));
  }
  return `${prefixRoute(ROUTES.Explorer)}?${params.toString()}`;
}
