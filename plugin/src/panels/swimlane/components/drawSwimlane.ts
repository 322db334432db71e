import { severityColor } from '../../../shared/severity';
import { rowTop, type SwimlaneLayout } from '../geometry';

export interface DrawColors {
  empty: string;
  selection: string;
  isDark: boolean;
}

/** Paints every lane in one pass on a canvas: empty background per lane, then the scored cells. */
export function drawSwimlane(
  ctx: CanvasRenderingContext2D,
  layout: SwimlaneLayout,
  colors: DrawColors,
  selection?: { x0: number; x1: number }
): void {
  ctx.clearRect(0, 0, layout.width, layout.height);
  const gap = layout.cellWidth > 4 ? 1 : 0;
  const vGap = layout.laneHeight > 10 ? 1 : 0;
  const h = layout.laneHeight - vGap;
  const w = Math.max(1, layout.cellWidth - gap);
  // one path per colour: five fill-style changes instead of one per cell
  const byColor = new Map<string, Array<[number, number]>>();
  ctx.fillStyle = colors.empty;
  layout.rows.forEach((lane, row) => {
    const y = rowTop(layout, row);
    ctx.fillRect(0, y, layout.width, h);
    for (const cell of lane.cells) {
      const color = severityColor(cell.score, colors.isDark);
      let rects = byColor.get(color);
      if (!rects) {
        rects = [];
        byColor.set(color, rects);
      }
      rects.push([cell.index * layout.cellWidth, y]);
    }
  });
  for (const [color, rects] of byColor) {
    ctx.fillStyle = color;
    for (const [x, y] of rects) {
      ctx.fillRect(x, y, w, h);
    }
  }
  if (selection) {
    ctx.fillStyle = colors.selection;
    ctx.fillRect(Math.min(selection.x0, selection.x1), 0, Math.abs(selection.x1 - selection.x0), layout.height);
  }
}
