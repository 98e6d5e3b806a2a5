/**
 * Computes the diagram from the structure alone, as a map rather than a list: sections sit in
 * two columns, each section going where its column is shortest so far (in order: the first
 * on the left, then wherever there is room), each a band with its own spine down the middle;
 * spine topics sit on it and their subtopics hang off both sides in pairs. Deterministic, with
 * no hand-placed coordinates.
 */
import type { Roadmap } from './roadmap-model.js';
import { wrapText } from './text-wrap.js';

export const LAYOUT = {
  width: 1000,
  top: 16,
  /** Two section columns; each has its spine down its middle. */
  column: { left: 16, width: 476, gap: 16 },
  section: { font: 16, padY: 9, minH: 36, after: 12, /** room kept for the hours and the done count beside the title */ sideRoom: 66 },
  topic: { w: 236, font: 15, padX: 14, padY: 10, minH: 42 },
  /** Subtopics left and right of the spine, with room between them for the spine itself. */
  subtopic: { w: 208, inset: 6, font: 14, padX: 12, padY: 8, minH: 36 },
  lineHeight: 1.3,
  stackGap: 6,
  /** Below a topic, before its subtopics start. */
  branchGap: 12,
  rowGap: 18,
  sectionGap: 24,
  /** Cross-links run in lanes of the gutters beside and between the columns, one lane each. */
  lane: 5,
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
  /** A polyline: the first and last points touch the nodes. */
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

/** The x of column `c`'s left edge and of its spine. */
function columnX(c: number): { x: number; spine: number } {
  const x = LAYOUT.column.left + c * (LAYOUT.column.width + LAYOUT.column.gap);
  return { x, spine: x + LAYOUT.column.width / 2 };
}

/**
 * The label of a section's band: its title, unless the first topic below it has the same title,
 * in which case the band says which section it is instead of saying the same words twice.
 */
export function sectionLabel(roadmap: Roadmap, sectionIndex: number): string {
  const section = roadmap.sections[sectionIndex]!;
  const first = section.topicIds[0] ? roadmap.topics.get(section.topicIds[0]) : undefined;
  return first && first.title.trim().toLowerCase() === section.title.trim().toLowerCase() ? `Section ${sectionIndex + 1}` : section.title;
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
  const placed = new Map<string, Placement>();
  const bottoms = [LAYOUT.top - LAYOUT.sectionGap, LAYOUT.top - LAYOUT.sectionGap];

  roadmap.sections.forEach((section, si) => {
    // The shorter column takes the next section; on a tie, the left one.
    const c = bottoms[1]! < bottoms[0]! ? 1 : 0;
    const rowTop = bottoms[c]! + LAYOUT.sectionGap;
    const { x, spine } = columnX(c);
    let y = rowTop;
    const lines = wrapText(sectionLabel(roadmap, si), LAYOUT.column.width - S.sideRoom * 2, S.font);
    const h = boxHeight(lines.length, S.font, S.padY, S.minH);
    const band = add({ key: `section/${section.id}`, kind: 'section', side: 'center', x, y, w: LAYOUT.column.width, h, fontSize: S.font, lines, rowTop: y, rowBottom: y + h });
    placed.set(band.key, { column: c, sectionRowTop: rowTop });
    let previous: LayoutNode = band;
    y += h + S.after;

    for (const topicId of section.topicIds) {
      const topic = roadmap.topics.get(topicId);
      if (!topic) continue;
      const mainLines = wrapText(topic.title, T.w - T.padX * 2 - 18, T.font);
      const mainH = boxHeight(mainLines.length, T.font, T.padY, T.minH);
      const top = y;
      const main = add({ key: topic.id, kind: 'topic', side: 'center', x: spine - T.w / 2, y, w: T.w, h: mainH, fontSize: T.font, lines: mainLines, rowTop: top, rowBottom: top });
      placed.set(main.key, { column: c, sectionRowTop: rowTop });
      edges.push({ from: previous.key, to: main.key, kind: 'spine', points: [[spine, previous.y + previous.h], [spine, main.y]] });
      previous = main;
      y += mainH;
      const subs = topic.subtopicIds.flatMap((id) => {
        const sub = roadmap.topics.get(id);
        if (!sub) return [];
        const subLines = wrapText(sub.title, U.w - U.padX * 2 - 18, U.font);
        return [{ id, lines: subLines, h: boxHeight(subLines.length, U.font, U.padY, U.minH) }];
      });
      if (subs.length > 0) y += LAYOUT.branchGap;
      // Subtopics in pairs, left then right, each pair on one line.
      for (let i = 0; i < subs.length; i += 2) {
        const pair = subs.slice(i, i + 2);
        const pairH = Math.max(...pair.map((p) => p.h));
        pair.forEach((sub, j) => {
          const side: Side = j === 0 ? 'left' : 'right';
          const sx = side === 'left' ? x + U.inset : x + LAYOUT.column.width - U.inset - U.w;
          const node = add({ key: sub.id, kind: 'subtopic', side, x: sx, y: y + (pairH - sub.h) / 2, w: U.w, h: sub.h, fontSize: U.font, lines: sub.lines, rowTop: top, rowBottom: top });
          placed.set(node.key, { column: c, sectionRowTop: rowTop });
          const face = side === 'left' ? node.x + node.w : node.x;
          const mid = node.y + node.h / 2;
          edges.push({ from: main.key, to: node.key, kind: 'branch', points: [[spine, main.y + main.h], [spine, mid], [face, mid]] });
        });
        y += pairH + LAYOUT.stackGap;
      }
      if (subs.length > 0) y -= LAYOUT.stackGap;
      for (const node of nodes) if (node.rowTop === top && node.kind !== 'section') node.rowBottom = y;
      y += LAYOUT.rowGap;
    }
    bottoms[c] = y - LAYOUT.rowGap;
  });

  roadmap.edges.forEach((edge, lane) => {
    const a = byKey.get(edge.from);
    const b = byKey.get(edge.to);
    const pa = placed.get(edge.from);
    const pb = placed.get(edge.to);
    if (a && b && pa && pb) edges.push({ from: a.key, to: b.key, kind: 'extra', points: routeExtraEdge(a, b, pa, pb, lane) });
  });

  return { width: LAYOUT.width, height: Math.ceil(Math.max(...bottoms) + LAYOUT.top), nodes, edges };
}

interface Placement {
  column: number;
  /** Top of the node's section band: the gap above it is clear across its column. */
  sectionRowTop: number;
}

/** The gutters a node can reach without crossing a box: 0 left of the columns, 1 between them, 2 right of them. */
function gutters(n: LayoutNode, column: number): number[] {
  if (n.side === 'left') return [column];
  if (n.side === 'right') return [column + 1];
  return [column, column + 1];
}

/**
 * Routes a cross-link around the boxes, in a lane of its own: out of a side face into a gutter
 * (beside or between the columns), along it, and into the target's face. When the two ends share
 * no gutter, the link crosses over in the gap above the target's row of sections. Gutters are
 * only as long as the link.
 */
function routeExtraEdge(a: LayoutNode, b: LayoutNode, pa: Placement, pb: Placement, lane: number): [number, number][] {
  const offset = ((lane % 3) - 1) * LAYOUT.lane;
  const { left, width, gap } = LAYOUT.column;
  const gutterX = (g: number) => (g === 0 ? left / 2 : g === 1 ? left + width + gap / 2 : LAYOUT.width - left / 2) + offset;
  const ga = gutters(a, pa.column);
  const gb = gutters(b, pb.column);
  const near = (options: number[], x: number) => [...options].sort((p, q) => Math.abs(gutterX(p) - x) - Math.abs(gutterX(q) - x))[0]!;
  const shared = ga.filter((g) => gb.includes(g));
  const from = shared.length > 0 ? near(shared, b.x + b.w / 2) : near(ga, b.x + b.w / 2);
  const to = shared.length > 0 ? from : near(gb, gutterX(from));
  const face = (n: LayoutNode, g: number): [number, number] => [gutterX(g) < n.x ? n.x : n.x + n.w, n.y + n.h / 2];
  const start = face(a, from);
  const end = face(b, to);
  const points: [number, number][] = [start, [gutterX(from), start[1]]];
  // Across a column, gutter by gutter, in the clear gap above a section of that column (the end's own, when it is there).
  for (let g = from; g !== to; g += Math.sign(to - from)) {
    const crossed = Math.min(g, g + Math.sign(to - from));
    const above = (pb.column === crossed ? pb : pa.column === crossed ? pa : pb).sectionRowTop - LAYOUT.sectionGap / 2;
    points.push([gutterX(g), above], [gutterX(g + Math.sign(to - from)), above]);
  }
  points.push([gutterX(to), end[1]], end);
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]?.[0] || p[1] !== points[i - 1]?.[1]);
}
