import { luceneForPairs, parseEntityKey } from '../../shared/entityKey';
import { sourceEventsExploreUrl } from '../../shared/exploreLinks';
import { explorerUrl } from '../../utils/utils.routing';
import type { SwimlaneCell, SwimlaneLane } from './model/types';

export interface CellLink {
  title: string;
  url: string;
}

export interface CellLinkContext {
  jobId?: string;
  sourceDatasourceUid: string;
  sourceTimeField: string;
  /** Time range the explorer opens on (the panel's); default the cell itself. */
  range?: { from: number; to: number };
}

/** Lucene query matching the lane's field values; `*` for the overall lane or a lane without entity. */
export function luceneForLane(lane: SwimlaneLane): string {
  if (lane.overall) {
    return '*';
  }
  const pairs =
    lane.fieldName && lane.fieldValue !== undefined
      ? [{ field: lane.fieldName, value: lane.fieldValue }]
      : parseEntityKey(lane.key);
  return luceneForPairs(pairs);
}

/** The click menu of a cell: source events in Explore (when a source datasource is set) and the explorer page. */
export function cellLinks(lane: SwimlaneLane, cell: SwimlaneCell, ctx: CellLinkContext): CellLink[] {
  const links: CellLink[] = [];
  if (ctx.sourceDatasourceUid) {
    links.push({
      title: 'Source events in Explore',
      url: sourceEventsExploreUrl({
        datasourceUid: ctx.sourceDatasourceUid,
        timeField: ctx.sourceTimeField,
        lucene: luceneForLane(lane),
        from: cell.start,
        to: cell.end,
      }),
    });
  }
  links.push({
    title: 'Open in anomaly explorer',
    url: explorerUrl({
      jobId: ctx.jobId,
      from: ctx.range?.from ?? cell.start,
      to: ctx.range?.to ?? cell.end,
      entity: lane.overall ? undefined : lane.key,
      at: cell.start,
    }),
  });
  return links;
}
