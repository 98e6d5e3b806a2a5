/**
 * Computes the diagram from the structure alone: sections as bands on a vertical spine,
 * spine topics centred, subtopics stacked to the left and right. Deterministic, with no
 * hand-placed coordinates.
 */
import type { Roadmap } from './roadmap-model.js';
import { wrapText } from './text-wrap.js';

export const LAYOUT = {
  width: 1000,
  top: 20,
  gutter: { left: 22, right: 978 },
  section: { x: 150, w: 700, font: 18, padY: 12, minH: 48, after: 36 },
  topic: { x: 380, w: 240, font: 15, padX: 14, padY: 11, minH: 44 },
  subtopic: { left: 50, right: 740, w: 210, font: 14, padX: 12, padY: 9, minH: 38 },
  lineHeight: 1.3,
  stackGap: 10,
  rowGap: 40,
  sectionGap: 28,
} as const;

export type LayoutNodeKind = 'section' | 'topic' | 'subtopic';
export type Side = 'left' | 'center' | 'right';

export interface LayoutNode {
  /** Topic id, or `section/<id>` for a section band. */
  key: string;
  kind: LayoutNodeKind;
  side: Side;
  x: number;
  y: number;
  w: number;
  h: number;
  fontSize: number;
  lines: string[];
  /** Top and bottom of the row the node belongs to. */
  rowTop: number;
  rowBottom: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  kind: 'spine' | 'branch' | 'extra';
  /** Polyline (spine, extra) or cubic Bézier control points (branch): first and last touch the nodes. */
  points: [number, number][];
}

export interface Layout {
  width: number;
  height: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

function boxHeight(lines: number, font: number, padY: number, minH: number): number {
  return Math.max(minH, Math.ceil(lines * font * LAYOUT.lineHeight + padY * 2));
}

/** Lays out a roadmap. The same roadmap always gives the same layout. */
export function computeLayout(roadmap: Roadmap): Layout {
  const { section: S, topic: T, subtopic: U } = LAYOUT;
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  const byKey = new Map<string, LayoutNode>();
  const add = (node: LayoutNode) => {
    nodes.push(node);
    byKey.set(node.key, node);
    return node;
  };
  let y: number = LAYOUT.top;
  let previousSpine: LayoutNode | null = null;
  const linkSpine = (node: LayoutNode) => {
    if (previousSpine) {
      edges.push({
        from: previousSpine.key,
        to: node.key,
        kind: 'spine',
        points: [
          [LAYOUT.width / 2, previousSpine.y + previousSpine.h],
          [LAYOUT.width / 2, node.y],
        ],
      });
    }
    previousSpine = node;
  };

  roadmap.sections.forEach((section, si) => {
    if (si > 0) y += LAYOUT.sectionGap;
    const lines = wrapText(section.title, S.w - 40, S.font);
    const h = boxHeight(lines.length, S.font, S.padY, S.minH);
    const band = add({ key: `section/${section.id}`, kind: 'section', side: 'center', x: S.x, y, w: S.w, h, fontSize: S.font, lines, rowTop: y, rowBottom: y + h });
    linkSpine(band);
    y += h + S.after;

    for (const topicId of section.topicIds) {
      const topic = roadmap.topics.get(topicId);
      if (!topic) continue;
      const mainLines = wrapText(topic.title, T.w - T.padX * 2 - 18, T.font);
      const mainH = boxHeight(mainLines.length, T.font, T.padY, T.minH);
      const subs = topic.subtopicIds.flatMap((id) => {
        const sub = roadmap.topics.get(id);
        if (!sub) return [];
        const subLines = wrapText(sub.title, U.w - U.padX * 2 - 18, U.font);
        return [{ id, lines: subLines, h: boxHeight(subLines.length, U.font, U.padY, U.minH) }];
      });
      const leftCount = Math.ceil(subs.length / 2);
      const columns = [subs.slice(0, leftCount), subs.slice(leftCount)] as const;
      const stackHeight = (col: typeof subs) => col.reduce((sum, s) => sum + s.h, 0) + Math.max(0, col.length - 1) * LAYOUT.stackGap;
      const rowH = Math.max(mainH, stackHeight(columns[0]), stackHeight(columns[1]));
      const rowTop = y;
      const rowBottom = y + rowH;
      const main = add({ key: topic.id, kind: 'topic', side: 'center', x: T.x, y: rowTop + (rowH - mainH) / 2, w: T.w, h: mainH, fontSize: T.font, lines: mainLines, rowTop, rowBottom });
      linkSpine(main);
      columns.forEach((col, ci) => {
        const side: Side = ci === 0 ? 'left' : 'right';
        let sy = rowTop + (rowH - stackHeight(col)) / 2;
        for (const sub of col) {
          const x = side === 'left' ? U.left : U.right;
          const node = add({ key: sub.id, kind: 'subtopic', side, x, y: sy, w: U.w, h: sub.h, fontSize: U.font, lines: sub.lines, rowTop, rowBottom });
          sy += sub.h + LAYOUT.stackGap;
          const start: [number, number] = side === 'left' ? [main.x, main.y + main.h / 2] : [main.x + main.w, main.y + main.h / 2];
          const end: [number, number] = side === 'left' ? [node.x + node.w, node.y + node.h / 2] : [node.x, node.y + node.h / 2];
          const bend = side === 'left' ? -50 : 50;
          edges.push({
            from: main.key,
            to: node.key,
            kind: 'branch',
            points: [start, [start[0] + bend, start[1]], [end[0] - bend, end[1]], end],
          });
        }
      });
      y = rowBottom + LAYOUT.rowGap;
    }
  });

  for (const edge of roadmap.edges) {
    const a = byKey.get(edge.from);
    const b = byKey.get(edge.to);
    if (a && b) edges.push({ from: a.key, to: b.key, kind: 'extra', points: routeExtraEdge(a, b) });
  }

  return { width: LAYOUT.width, height: Math.ceil(y - LAYOUT.rowGap + LAYOUT.top), nodes, edges };
}

/**
 * Routes an extra edge around the boxes: out through the node's outer face (or, for a spine
 * topic, through the gap below or above its row) into a side gutter, along the gutter, and in.
 */
function routeExtraEdge(a: LayoutNode, b: LayoutNode): [number, number][] {
  const gx = (side: 'left' | 'right') => (side === 'left' ? LAYOUT.gutter.left : LAYOUT.gutter.right);
  const down = b.y + b.h / 2 >= a.y + a.h / 2;
  const exitSide: 'left' | 'right' = a.side === 'center' ? (b.side === 'right' ? 'right' : 'left') : a.side;
  const entrySide: 'left' | 'right' = b.side === 'center' ? exitSide : b.side;
  const points: [number, number][] = [];
  const cx = LAYOUT.width / 2;
  if (a.side === 'center') {
    const gap = down ? a.rowBottom + LAYOUT.rowGap / 2 : a.rowTop - LAYOUT.rowGap / 2;
    points.push([cx, down ? a.y + a.h : a.y], [cx, gap], [gx(exitSide), gap]);
  } else {
    const face = a.side === 'left' ? a.x : a.x + a.w;
    points.push([face, a.y + a.h / 2], [gx(exitSide), a.y + a.h / 2]);
  }
  const gapB = down ? b.rowTop - LAYOUT.rowGap / 2 : b.rowBottom + LAYOUT.rowGap / 2;
  if (entrySide !== exitSide) points.push([gx(exitSide), gapB], [gx(entrySide), gapB]);
  if (b.side === 'center') {
    points.push([gx(entrySide), gapB], [cx, gapB], [cx, down ? b.y : b.y + b.h]);
  } else {
    const face = b.side === 'left' ? b.x : b.x + b.w;
    points.push([gx(entrySide), b.y + b.h / 2], [face, b.y + b.h / 2]);
  }
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]?.[0] || p[1] !== points[i - 1]?.[1]);
}
