/**
 * The diagram drawn into the PDF as vector graphics, from the same layout as the site's SVG:
 * scaled to the page width and cut between rows onto as many pages as it needs. Every topic box
 * links to the topic's pages in the document.
 */
import type { Mark } from '../../content/content-schema.js';
import { LAYOUT, type Layout, type LayoutEdge, type LayoutNode } from '../../content/layout.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import type { Status } from '../../shared/progress-rules.js';
import { MARK_COLOURS, PALETTE } from './palette.js';

export const STATUS_LABELS: Record<Exclude<Status, 'pending'>, string> = {
  done: 'Done',
  learning: 'Learning',
  skipped: 'Skipped',
};

/** A mark's coloured badge with its glyph (the site's icons), centred on (cx, cy). */
export function drawMarkBadge(doc: PDFKit.PDFDocument, mark: Mark, cx: number, cy: number, r: number): void {
  doc.save().circle(cx, cy, r).fill(MARK_COLOURS[mark]);
  const s = r / 11;
  doc.translate(cx - 12 * s, cy - 12 * s).scale(s);
  doc.lineWidth(2.4).strokeColor('#ffffff').fillColor('#ffffff').lineCap('round').lineJoin('round');
  if (mark === 'recommended') doc.path('M6.5 12.5l3.5 3.5 7.5-8').stroke();
  else if (mark === 'alternative') doc.path('M6 9h11l-3-3M18 15H7l3 3').stroke();
  else if (mark === 'not-recommended') doc.path('M7 7l10 10M17 7L7 17').stroke();
  else for (const x of [7, 12, 17]) doc.circle(x, 12, 1.8).fill();
  doc.restore();
}

/** A learner's status as a small shape: a ticked green disc, a half-filled amber ring, a grey dash. */
export function drawStatus(doc: PDFKit.PDFDocument, status: Status, cx: number, cy: number, r: number): void {
  if (status === 'pending') return;
  doc.save();
  if (status === 'done') {
    doc.circle(cx, cy, r).fill(PALETTE.done);
    doc
      .lineWidth(r * 0.35)
      .strokeColor('#ffffff')
      .lineCap('round')
      .moveTo(cx - r * 0.5, cy)
      .lineTo(cx - r * 0.1, cy + r * 0.4)
      .lineTo(cx + r * 0.55, cy - r * 0.4)
      .stroke();
  } else if (status === 'learning') {
    doc
      .lineWidth(r * 0.3)
      .circle(cx, cy, r * 0.85)
      .stroke(PALETTE.learning);
    doc.path(`M${cx} ${cy - r * 0.85} A${r * 0.85} ${r * 0.85} 0 0 1 ${cx} ${cy + r * 0.85} Z`).fill(PALETTE.learning);
  } else {
    doc.circle(cx, cy, r).fill(PALETTE.skipped);
    doc.rect(cx - r * 0.55, cy - r * 0.15, r * 1.1, r * 0.3).fill('#ffffff');
  }
  doc.restore();
}

export interface DiagramOptions {
  statusOf: (topicId: string) => Status | null;
  /** The named destination of a topic in the document. */
  destination: (topicId: string) => string;
}

/** Where the diagram may be cut: in a gap that no box of either column spans. */
function cutPoints(layout: Layout): number[] {
  const cuts = new Set<number>([layout.height]);
  for (const node of layout.nodes) {
    for (const y of [node.y - 4, node.y + node.h + 4]) {
      if (y > 0 && y < layout.height && !layout.nodes.some((n) => n.y < y && y < n.y + n.h)) cuts.add(Math.round(y));
    }
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Draws the diagram from the current position on, adding pages as needed. */
export function drawDiagramPages(doc: PDFKit.PDFDocument, roadmap: Roadmap, layout: Layout, options: DiagramOptions): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const scale = width / layout.width;
  const cuts = cutPoints(layout);
  let start = 0;
  let top = doc.y;
  while (start < layout.height) {
    const room = (doc.page.height - doc.page.margins.bottom - top) / scale;
    const fitting = cuts.filter((c) => c > start && c - start <= room);
    const end = fitting.at(-1) ?? Math.min(layout.height, start + room);
    doc.save();
    doc.rect(left, top, width, (end - start) * scale).clip();
    doc.translate(left, top - start * scale).scale(scale);
    drawSlice(doc, roadmap, layout, start, end, options);
    doc.restore();
    doc.x = left;
    doc.y = top + (end - start) * scale;
    start = end;
    if (start < layout.height) {
      doc.addPage();
      top = doc.page.margins.top;
    }
  }
}

const overlaps = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 && b0 < a1;

function edgeBounds(edge: LayoutEdge): [number, number] {
  const ys = edge.points.map(([, y]) => y);
  return [Math.min(...ys), Math.max(...ys)];
}

function drawSlice(doc: PDFKit.PDFDocument, roadmap: Roadmap, layout: Layout, start: number, end: number, options: DiagramOptions): void {
  for (const edge of layout.edges) {
    const [y0, y1] = edgeBounds(edge);
    if (overlaps(y0 - 4, y1 + 4, start, end)) drawEdge(doc, edge);
  }
  for (const node of layout.nodes) {
    if (!overlaps(node.y, node.y + node.h, start, end)) continue;
    if (node.kind === 'section') drawSection(doc, roadmap, node);
    else drawTopic(doc, roadmap, node, options);
  }
}

function drawEdge(doc: PDFKit.PDFDocument, edge: LayoutEdge): void {
  const [first, ...rest] = edge.points;
  if (!first) return;
  doc.save();
  if (edge.kind === 'spine') doc.lineWidth(3.5).strokeColor(PALETTE.spine);
  else doc.lineWidth(edge.kind === 'extra' ? 1.6 : 2).strokeColor(PALETTE.edge);
  if (edge.kind === 'extra') doc.dash(6, { space: 5 });
  doc.moveTo(first[0], first[1]);
  if (edge.kind === 'branch' && rest.length === 3) doc.bezierCurveTo(rest[0]![0], rest[0]![1], rest[1]![0], rest[1]![1], rest[2]![0], rest[2]![1]);
  else for (const [x, y] of rest) doc.lineTo(x, y);
  doc.stroke().undash();
  if (edge.kind === 'extra' && rest.length > 0) {
    // An arrowhead where the cross-link arrives, along its last segment.
    const [tx, ty] = edge.points.at(-1)!;
    const [fx, fy] = edge.points.at(-2)!;
    const angle = Math.atan2(ty - fy, tx - fx);
    const size = 9;
    const at = (a: number): [number, number] => [tx - size * Math.cos(angle + a), ty - size * Math.sin(angle + a)];
    doc.polygon([tx, ty], at(0.45), at(-0.45)).fill(PALETTE.edge);
  }
  doc.restore();
}

function centredLines(doc: PDFKit.PDFDocument, node: LayoutNode, fontName: 'bold' | 'semibold' | 'regular', colour: string): void {
  const lineHeight = node.fontSize * LAYOUT.lineHeight;
  const top = node.y + (node.h - node.lines.length * lineHeight) / 2;
  doc.font(fontName).fontSize(node.fontSize).fillColor(colour);
  node.lines.forEach((line, i) => {
    const x = node.x + (node.w - doc.widthOfString(line)) / 2;
    doc.text(line, x, top + i * lineHeight + (lineHeight - node.fontSize) / 2, { lineBreak: false });
  });
}

function drawSection(doc: PDFKit.PDFDocument, roadmap: Roadmap, node: LayoutNode): void {
  const id = node.key.slice('section/'.length);
  doc.roundedRect(node.x, node.y, node.w, node.h, 10).fill(PALETTE.sectionBg);
  centredLines(doc, node, 'bold', PALETTE.sectionText);
  const section = roadmap.sections.find((s) => s.id === id);
  doc
    .font('regular')
    .fontSize(13)
    .fillColor(PALETTE.sectionText)
    .text(`${Math.round(section?.hours ?? 0)} h`, node.x + 14, node.y + node.h / 2 - 7, { lineBreak: false });
}

function drawTopic(doc: PDFKit.PDFDocument, roadmap: Roadmap, node: LayoutNode, options: DiagramOptions): void {
  const topic = roadmap.topics.get(node.key);
  if (!topic) return;
  const main = node.kind === 'topic';
  const status = options.statusOf(topic.id);
  let fill: string = main ? PALETTE.topicBg : PALETTE.subBg;
  let stroke: string = main ? PALETTE.topicBorder : PALETTE.subBorder;
  if (status === 'done') {
    fill = '#dcfce7';
    stroke = PALETTE.done;
  } else if (status === 'learning') stroke = PALETTE.learning;
  else if (status === 'skipped') {
    fill = '#eceef2';
    stroke = PALETTE.skipped;
  }
  doc.save().lineWidth(main ? 2 : 1.5);
  if (status === 'skipped') doc.dash(5, { space: 3 });
  doc.roundedRect(node.x, node.y, node.w, node.h, 8).fillAndStroke(fill, stroke);
  doc.undash().restore();
  centredLines(doc, node, main ? 'semibold' : 'regular', PALETTE.text);
  if (topic.mark) drawMarkBadge(doc, topic.mark, node.x + 2, node.y + 2, 10);
  if (status && status !== 'pending') drawStatus(doc, status, node.x + node.w - 2, node.y + 2, 9);
  doc.goTo(node.x, node.y, node.w, node.h, options.destination(topic.id));
}
