/**
 * Where things sit in a roadmap.sh diagram, and what that makes them in Milepost: the section a
 * topic falls in, the topic a subtopic hangs off, and which edges are extra connections rather
 * than lines Milepost draws anyway. Reading order is top to bottom, then left to right.
 */
import type { DiagramEdge, DiagramNode } from './roadmap-sh-nodes.js';

/** A node that became a topic or subtopic, with its Milepost id. */
export interface PlacedNode {
  node: DiagramNode;
  id: string;
}

/** Top to bottom, then left to right: the order a reader takes in the diagram. */
export function readingOrder(a: DiagramNode, b: DiagramNode): number {
  return a.y - b.y || a.x - b.x;
}

function centre(node: DiagramNode): { x: number; y: number } {
  return { x: node.x + node.width / 2, y: node.y + node.height / 2 };
}

/** How far a point is from a node's rectangle; 0 inside it. */
function distance(point: { x: number; y: number }, node: DiagramNode): number {
  const dx = Math.max(node.x - point.x, 0, point.x - (node.x + node.width));
  const dy = Math.max(node.y - point.y, 0, point.y - (node.y + node.height));
  return Math.hypot(dx, dy);
}

function nearest(point: { x: number; y: number }, candidates: DiagramNode[]): DiagramNode | undefined {
  let best: DiagramNode | undefined;
  let bestDistance = Infinity;
  for (const node of candidates) {
    const d = distance(point, node);
    if (best === undefined || d < bestDistance) [best, bestDistance] = [node, d];
  }
  return best;
}

export interface SectionGroup {
  node: DiagramNode | null;
  title: string;
  topics: DiagramNode[];
}

/**
 * Each topic goes to the smallest section rectangle holding its centre, else to the nearest
 * section that starts above it, else to the first section. Without any section the whole roadmap
 * is one section, titled by the diagram's heading (or "Roadmap"). Unlabelled sections, common in
 * the editor where sections are plain boxes, are given a title later.
 */
export function sectionGroups(sectionNodes: DiagramNode[], topics: DiagramNode[], heading: DiagramNode | undefined): SectionGroup[] {
  if (sectionNodes.length === 0) return [{ node: null, title: heading?.label ?? 'Roadmap', topics }];
  const groups = new Map(sectionNodes.map((node) => [node, { node, title: node.label, topics: [] as DiagramNode[] }]));
  for (const topic of topics) {
    const point = centre(topic);
    const holding = sectionNodes.filter((s) => distance(point, s) === 0).sort((a, b) => a.width * a.height - b.width * b.height)[0];
    const section = holding ?? nearest(point, sectionNodes.filter((s) => s.y <= point.y)) ?? sectionNodes[0];
    if (section) groups.get(section)?.topics.push(topic);
  }
  return [...groups.values()];
}

/**
 * A subtopic belongs to the nearest topic it is joined to by an edge (either way); one joined only
 * to other subtopics follows theirs, the fewest hops away; one joined to nothing goes to the
 * nearest topic on the diagram.
 */
export function subtopicParents(topics: DiagramNode[], subtopics: DiagramNode[], edges: DiagramEdge[]): Map<DiagramNode, DiagramNode> {
  const byId = new Map([...topics, ...subtopics].map((n) => [n.nodeId, n]));
  const links = new Map<DiagramNode, DiagramNode[]>();
  const link = (from: DiagramNode, to: DiagramNode) => {
    const list = links.get(from);
    if (list) list.push(to);
    else links.set(from, [to]);
  };
  for (const { source, target } of edges) {
    const [a, b] = [byId.get(source), byId.get(target)];
    if (!a || !b || a === b) continue;
    link(a, b);
    link(b, a);
  }
  const parents = new Map<DiagramNode, DiagramNode>();
  const queue: DiagramNode[] = [];
  for (const sub of subtopics) {
    const parent = nearest(centre(sub), (links.get(sub) ?? []).filter((n) => n.type === 'topic'));
    if (!parent) continue;
    parents.set(sub, parent);
    queue.push(sub);
  }
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i] as DiagramNode;
    for (const next of links.get(from) ?? []) {
      if (next.type !== 'subtopic' || parents.has(next)) continue;
      parents.set(next, parents.get(from) as DiagramNode);
      queue.push(next);
    }
  }
  for (const sub of subtopics) if (!parents.has(sub)) parents.set(sub, nearest(centre(sub), topics) as DiagramNode);
  return parents;
}

/**
 * Edges that are neither a subtopic's link to its topic (or to a sibling) nor a step along the
 * spine, which Milepost draws anyway, become the roadmap's extra (dashed) connections.
 */
export function extraEdges(edges: DiagramEdge[], placed: PlacedNode[], spine: DiagramNode[], parentOf: Map<DiagramNode, DiagramNode>, note: (line: string) => void) {
  const byNodeId = new Map(placed.map((p) => [p.node.nodeId, p]));
  const step = new Map(spine.map((node, i) => [node, i]));
  const root = (node: DiagramNode) => parentOf.get(node) ?? node;
  const onSpine = (p: PlacedNode) => step.has(p.node);
  const kept: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  let tree = 0;
  let along = 0;
  let loose = 0;
  for (const { source, target } of edges) {
    const [a, b] = [byNodeId.get(source), byNodeId.get(target)];
    if (!a || !b) loose++;
    else if (a === b) continue;
    else if ((root(a.node) === root(b.node) && (a.node.type === 'subtopic' || b.node.type === 'subtopic'))) tree++;
    else if (onSpine(a) && onSpine(b) && Math.abs((step.get(a.node) ?? 0) - (step.get(b.node) ?? 0)) === 1) along++;
    else {
      const key = [a.id, b.id].sort().join(' ');
      if (!seen.has(key)) kept.push({ from: a.id, to: b.id });
      seen.add(key);
    }
  }
  const parts = [
    tree > 0 && `${tree} joining a subtopic to its topic`,
    along > 0 && `${along} along the spine, which Milepost draws itself`,
    loose > 0 && `${loose} to or from a node that was not imported`,
  ].filter(Boolean);
  if (parts.length > 0) note(`edges not kept as extra connections: ${parts.join('; ')}`);
  return kept;
}
