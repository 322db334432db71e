import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { ContextMenu, MenuItem, useStyles2, useTheme2 } from '@grafana/ui';

import { cellAt, hitTest, layoutSwimlane, rowTop, timeAt } from '../geometry';
import { cellLinks, type CellLinkContext } from '../links';
import type { SwimlaneCell, SwimlaneLane, SwimlaneModel } from '../model/types';
import { drawSwimlane } from './drawSwimlane';
import { SwimlaneTooltip } from './SwimlaneTooltip';
import { testIds } from './testIds';

interface Props {
  model: SwimlaneModel;
  width: number;
  height: number;
  linkContext: CellLinkContext;
  timeZone?: string;
  onSelectRange?: (from: number, to: number) => void;
  /** Called on a click, besides opening the menu (the explorer page selects the cell). */
  onCellClick?: (lane: SwimlaneLane, cell: SwimlaneCell) => void;
}

interface Hover {
  row: number;
  index: number;
  x: number;
  y: number;
}

const DRAG_THRESHOLD_PX = 4;

/** Lane labels + one canvas holding every cell; only the hovered cell, the drag and the menu are React state. */
export function SwimlaneGrid({ model, width, height, linkContext, timeZone, onSelectRange, onCellClick }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const labelWidth = Math.min(220, Math.max(90, Math.floor(width * 0.22)));
  const gridWidth = Math.max(10, width - labelWidth);
  const layout = useMemo(() => layoutSwimlane(model, gridWidth, height), [model, gridWidth, height]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dragStart = useRef<number | null>(null);
  const [selection, setSelection] = useState<{ x0: number; x1: number } | undefined>();
  const [hover, setHover] = useState<Hover | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; lane: SwimlaneLane; cell: SwimlaneCell } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) {
      return;
    }
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(layout.width * dpr);
    canvas.height = Math.round(layout.height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawSwimlane(
      ctx,
      layout,
      { empty: theme.colors.background.secondary, selection: theme.colors.action.selected, isDark: theme.isDark },
      selection
    );
  }, [layout, theme, selection]);

  const localPoint = (e: React.MouseEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const onMouseMove = useCallback(
    (e: React.MouseEvent) => {
      const { x, y } = localPoint(e);
      if (dragStart.current !== null && Math.abs(x - dragStart.current) > DRAG_THRESHOLD_PX) {
        setSelection({ x0: dragStart.current, x1: x });
        setHover(null);
        return;
      }
      const hit = hitTest(layout, x, y);
      setHover((prev) =>
        hit && cellAt(layout.rows[hit.row], hit.index)
          ? prev && prev.row === hit.row && prev.index === hit.index
            ? prev
            : { ...hit, x, y }
          : null
      );
    },
    [layout]
  );

  const onMouseUp = useCallback(
    (e: React.MouseEvent) => {
      const { x, y } = localPoint(e);
      const start = dragStart.current;
      dragStart.current = null;
      setSelection(undefined);
      if (start !== null && Math.abs(x - start) > DRAG_THRESHOLD_PX) {
        const a = timeAt(model, layout, Math.min(start, x));
        const b = timeAt(model, layout, Math.max(start, x));
        onSelectRange?.(Math.floor(a), Math.ceil(b));
        return;
      }
      const hit = hitTest(layout, x, y);
      const lane = hit ? layout.rows[hit.row] : undefined;
      const cell = hit && lane ? cellAt(lane, hit.index) : undefined;
      if (lane && cell) {
        setHover(null);
        setMenu({ x: e.clientX, y: e.clientY, lane, cell });
        onCellClick?.(lane, cell);
      }
    },
    [layout, model, onSelectRange, onCellClick]
  );

  const hoveredLane = hover ? layout.rows[hover.row] : undefined;
  const hoveredCell = hover && hoveredLane ? cellAt(hoveredLane, hover.index) : undefined;

  return (
    <div className={styles.wrapper} style={{ height: layout.height }}>
      <div className={styles.labels} style={{ width: labelWidth }}>
        {layout.rows.map((lane, row) => (
          <div
            key={lane.key}
            className={lane.overall ? styles.overallLabel : styles.label}
            style={{ top: rowTop(layout, row), height: layout.laneHeight, lineHeight: `${layout.laneHeight}px` }}
            title={`${lane.label} (max ${lane.maxScore.toFixed(1)}, ${lane.occurrence} anomalous cells)`}
            data-testid={testIds.laneLabel}
          >
            {lane.label}
          </div>
        ))}
      </div>
      <div className={styles.gridArea} style={{ left: labelWidth, width: layout.width }}>
        <canvas
          ref={canvasRef}
          style={{ width: layout.width, height: layout.height, display: 'block', cursor: 'crosshair' }}
          data-testid={testIds.canvas}
          data-lane-height={layout.laneHeight}
          data-overall-gap={layout.overallGap}
          data-bucket-count={layout.bucketCount}
          data-rows={layout.rows.length}
          onMouseMove={onMouseMove}
          onMouseDown={(e) => {
            dragStart.current = localPoint(e).x;
          }}
          onMouseUp={onMouseUp}
          onMouseLeave={() => {
            setHover(null);
            dragStart.current = null;
            setSelection(undefined);
          }}
        />
        {hover && hoveredLane && hoveredCell && (
          <SwimlaneTooltip
            lane={hoveredLane}
            cell={hoveredCell}
            timeZone={timeZone}
            x={hover.x}
            y={hover.y}
            gridWidth={layout.width}
          />
        )}
      </div>
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          onClose={() => setMenu(null)}
          renderMenuItems={() => (
            <div data-testid={testIds.menu}>
              {cellLinks(menu.lane, menu.cell, linkContext).map((link) => (
                <MenuItem key={link.title} label={link.title} url={link.url} icon="external-link-alt" />
              ))}
            </div>
          )}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative', width: '100%', userSelect: 'none' }),
  labels: css({ position: 'absolute', left: 0, top: 0, height: '100%' }),
  label: css({
    position: 'absolute',
    left: 0,
    right: theme.spacing(1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    textAlign: 'right',
    paddingRight: theme.spacing(1),
  }),
  overallLabel: css({
    position: 'absolute',
    left: 0,
    right: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    textAlign: 'right',
    paddingRight: theme.spacing(1),
  }),
  gridArea: css({ position: 'absolute', top: 0 }),
});
