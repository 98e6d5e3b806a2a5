/**
 * The roadmap facts the client needs (retired ids, sections, titles), as a JSON block: the shared
 * progress rules in the browser map retired ids and count with them exactly as the server does.
 */
import type { Roadmap } from '../content/roadmap-model.js';
import { PLAN_LEVELS, PLAN_MARKS } from '../shared/study-plan.js';
import type { RoadmapData } from '../web/state/roadmap-data.js';
import { safeJson } from './layout.js';

export function clientRoadmapData(roadmap: Roadmap): RoadmapData {
  return {
    id: roadmap.id,
    title: roadmap.meta.title,
    retired: Object.fromEntries(roadmap.retired),
    sections: roadmap.sections.map((s) => ({ id: s.id, nodeIds: s.nodeIds })),
    topics: roadmap.order.map((id) => [id, roadmap.topics.get(id)?.title ?? id]),
    sectionTitles: roadmap.sections.map((s) => s.title),
    facts: roadmap.order.map((id) => {
      const t = roadmap.topics.get(id)!;
      return [t.hours, PLAN_LEVELS.indexOf(t.level), t.prerequisites, t.parentId, t.mark ? PLAN_MARKS.indexOf(t.mark) : -1];
    }),
  };
}

export function RoadmapDataScript({ roadmap }: { roadmap: Roadmap }) {
  return <script type="application/json" data-roadmap={roadmap.id} dangerouslySetInnerHTML={{ __html: safeJson(clientRoadmapData(roadmap)) }} />;
}
