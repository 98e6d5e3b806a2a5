import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, writeSampleContent } from '../../test/helpers/content-fixture.js';
import { computeLayout, LAYOUT, type Layout, type LayoutNode } from './layout.js';
import { loadContent } from './roadmap-loader.js';
import type { Roadmap } from './roadmap-model.js';
import { textWidthEm } from './text-wrap.js';

const overlaps = (a: LayoutNode, b: LayoutNode) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Distance from a point to the border of a box (0 when it lies on the border). */
function distanceToBorder([px, py]: [number, number], n: LayoutNode): number {
  const inside = px >= n.x && px <= n.x + n.w && py >= n.y && py <= n.y + n.h;
  if (inside) return Math.min(px - n.x, n.x + n.w - px, py - n.y, n.y + n.h - py);
  const dx = Math.max(n.x - px, 0, px - (n.x + n.w));
  const dy = Math.max(n.y - py, 0, py - (n.y + n.h));
  return Math.hypot(dx, dy);
}

function checkInvariants(roadmap: Roadmap, layout: Layout) {
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      const a = layout.nodes[i]!;
      const b = layout.nodes[j]!;
      expect(overlaps(a, b), `${a.key} overlaps ${b.key}`).toBe(false);
    }
  }
  for (const edge of layout.edges) {
    const from = byKey.get(edge.from)!;
    const to = byKey.get(edge.to)!;
    expect(distanceToBorder(edge.points[0]!, from), `${edge.kind} edge starts on ${edge.from}`).toBeLessThan(0.5);
    expect(distanceToBorder(edge.points[edge.points.length - 1]!, to), `${edge.kind} edge ends on ${edge.to}`).toBeLessThan(0.5);
  }
  for (const node of layout.nodes) {
    const padX = node.kind === 'section' ? 20 : node.kind === 'topic' ? LAYOUT.topic.padX : LAYOUT.subtopic.padX;
    for (const line of node.lines) {
      expect(textWidthEm(line) * node.fontSize, `"${line}" fits in ${node.key}`).toBeLessThanOrEqual(node.w - padX * 2);
    }
    expect(node.lines.length * node.fontSize * LAYOUT.lineHeight, `text of ${node.key} fits its height`).toBeLessThanOrEqual(node.h);
    expect(node.x).toBeGreaterThanOrEqual(0);
    expect(node.x + node.w).toBeLessThanOrEqual(layout.width);
    expect(node.y + node.h).toBeLessThanOrEqual(layout.height);
  }
  expect(layout.width).toBeLessThanOrEqual(1000);
  const topicNodes = layout.nodes.filter((n) => n.kind !== 'section');
  expect(topicNodes.map((n) => n.key).sort()).toEqual([...roadmap.topics.keys()].sort());
}

describe('computeLayout', () => {
  let dir: string;
  let sample: Roadmap;
  beforeAll(() => {
    dir = writeSampleContent();
    sample = loadContent(dir).content.roadmaps.get('sample')!;
  });
  afterAll(() => removeDir(dir));

  it('places every topic without overlaps, with edges that meet their nodes', () => {
    checkInvariants(sample, computeLayout(sample));
  });

  it('wraps long titles onto several lines', () => {
    const layout = computeLayout(sample);
    const long = layout.nodes.find((n) => n.key === 'alpha-three-with-a-really-long-title-that-must-wrap')!;
    expect(long.lines.length).toBeGreaterThan(1);
    expect(long.lines.join(' ').replace(/\s+/g, '')).toBe('Supercalifragilisticexpialidocious-InternationalizationConsiderations');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(computeLayout(sample))).toBe(JSON.stringify(computeLayout(sample)));
  });

  it('keeps spine topics centred and puts subtopics on both sides', () => {
    const layout = computeLayout(sample);
    const alpha = layout.nodes.find((n) => n.key === 'alpha')!;
    expect(alpha.x + alpha.w / 2).toBe(layout.width / 2);
    const sides = new Set(layout.nodes.filter((n) => n.kind === 'subtopic').map((n) => n.side));
    expect(sides).toEqual(new Set(['left', 'right']));
    expect(layout.edges.filter((e) => e.kind === 'extra')).toHaveLength(1);
  });

  it('holds the same invariants for the Backend roadmap', () => {
    const { content, issues } = loadContent(path.resolve('content'));
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual([]);
    const backend = content.roadmaps.get('backend')!;
    checkInvariants(backend, computeLayout(backend));
  });
});
