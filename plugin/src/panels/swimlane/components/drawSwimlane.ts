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
  layout.rows.forEach((lane, row) => {
    const y = rowTop(layout, row);
    ctx.fillStyle = colors.empty;
    ctx.fillRect(0, y, layout.width, layout.laneHeight - vGap);
    for (const cell of lane.cells) {
      const x = cell.index * layout.cellWidth;
      ctx.fillStyle = severityColor(cell.score, colors.isDark);
      ctx.fillRect(x, y, Math.max(1, layout.cellWidth - gap), layout.laneHeight - vGap);
    }
  });
  if (selection) {
    ctx.fillStyle = colors.selection;
    ctx.fillRect(Math.min(selection.x0, selection.x1), 0, Math.abs(selection.x1 - selection.x0), layout.height);
  }
}
