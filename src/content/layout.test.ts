import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, writeSampleContent } from '../../test/helpers/content-fixture.js';
import { computeLayout, LAYOUT, sectionLabel, type Layout, type LayoutNode } from './layout.js';
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

  it('keeps spine topics on the spine of their column and puts subtopics on both sides', () => {
    const layout = computeLayout(sample);
    const alpha = layout.nodes.find((n) => n.key === 'alpha')!;
    const band = layout.nodes.find((n) => n.kind === 'section' && n.x <= alpha.x && alpha.x < n.x + n.w)!;
    expect(alpha.x + alpha.w / 2).toBe(band.x + band.w / 2);
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

  describe('on the Backend roadmap', () => {
    let backend: Roadmap;
    let layout: Layout;
    beforeAll(() => {
      backend = loadContent(path.resolve('content')).content.roadmaps.get('backend')!;
      layout = computeLayout(backend);
    });

    it('reads as a map: at most 5,000 px tall at 1,000 px wide, with sections in both columns', () => {
      expect(layout.width).toBe(1000);
      expect(layout.height).toBeLessThanOrEqual(5000);
      const bands = layout.nodes.filter((n) => n.kind === 'section');
      expect(bands).toHaveLength(backend.sections.length);
      const columns = new Set(bands.map((b) => b.x));
      expect(columns.size).toBe(2);
      // The first section opens the map at the top left.
      expect(bands[0]).toMatchObject({ x: LAYOUT.column.left, y: LAYOUT.top });
    });

    it('never repeats in a band the title of the topic right below it', () => {
      const repeated = backend.sections.filter((s) => backend.topics.get(s.topicIds[0]!)!.title.toLowerCase() === s.title.toLowerCase());
      expect(repeated.length).toBeGreaterThan(0);
      backend.sections.forEach((section, i) => {
        const band = layout.nodes.find((n) => n.key === `section/${section.id}`)!;
        const first = backend.topics.get(section.topicIds[0]!)!;
        expect(band.lines.join(' ').toLowerCase()).not.toBe(first.title.toLowerCase());
        expect(sectionLabel(backend, i)).toBe(repeated.includes(section) ? `Section ${i + 1}` : section.title);
      });
    });

    it('routes cross-links through boxes nowhere, each in a lane of its own', () => {
      const extra = layout.edges.filter((e) => e.kind === 'extra');
      expect(extra.length).toBe(backend.edges.length);
      const verticals = new Map<number, string>();
      for (const edge of extra) {
        const points = edge.points;
        for (let i = 0; i + 1 < points.length; i++) {
          const [[x1, y1], [x2, y2]] = [points[i]!, points[i + 1]!];
          const box = { minX: Math.min(x1, x2), maxX: Math.max(x1, x2), minY: Math.min(y1, y2), maxY: Math.max(y1, y2) };
          for (const node of layout.nodes) {
            if (node.key === edge.from || node.key === edge.to) continue;
            const crosses = box.minX < node.x + node.w && node.x < box.maxX && box.minY < node.y + node.h && node.y < box.maxY;
            expect(crosses, `${edge.from} → ${edge.to} crosses ${node.key}`).toBe(false);
          }
          if (x1 === x2) {
            const owner = verticals.get(x1);
            expect(owner === undefined || owner === `${edge.from}>${edge.to}`, `lane x=${x1} shared`).toBe(true);
            verticals.set(x1, `${edge.from}>${edge.to}`);
          }
        }
      }
    });
  });
});
