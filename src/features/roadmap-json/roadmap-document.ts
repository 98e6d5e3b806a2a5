/**
 * The public JSON form of a roadmap (`/jsons/roadmaps/<id>.json`). Its schema is documented
 * in docs/roadmap-json.md; bump `format` on a breaking change.
 */
import type { Layout } from '../../content/layout.js';
import type { Roadmap } from '../../content/roadmap-model.js';

/** 2: branch edges are polylines like the others (they were cubic Bézier curves in 1). */
export const ROADMAP_JSON_FORMAT = 2;

export function roadmapDocument(roadmap: Roadmap, layout: Layout) {
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    format: ROADMAP_JSON_FORMAT,
    id: roadmap.id,
    version: roadmap.meta.version,
    meta: roadmap.meta,
    totalHours: roadmap.totalHours,
    sections: roadmap.sections.map((s) => ({ id: s.id, title: s.title, hours: s.hours, topics: s.topicIds, nodes: s.nodeIds })),
    topics: roadmap.order.flatMap((id) => {
      const t = roadmap.topics.get(id);
      return t
        ? [
            {
              id: t.id,
              title: t.title,
              kind: t.kind,
              section: t.sectionId,
              parent: t.parentId,
              mark: t.mark,
              level: t.level,
              hours: t.hours,
              prerequisites: t.prerequisites,
              resources: t.resources,
            },
          ]
        : [];
    }),
    retired: Object.fromEntries(roadmap.retired),
    layout: {
      width: layout.width,
      height: layout.height,
      nodes: layout.nodes.map((n) => ({
        id: n.key,
        kind: n.kind,
        x: round(n.x),
        y: round(n.y),
        width: round(n.w),
        height: round(n.h),
        lines: n.lines,
      })),
      edges: layout.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, points: e.points.map(([x, y]) => [round(x), round(y)]) })),
    },
  };
}
