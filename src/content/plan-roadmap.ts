/** A roadmap in the form the shared study planner takes (`src/shared/study-plan.ts`). */
import type { PlanRoadmap } from '../shared/study-plan.js';
import type { Roadmap } from './roadmap-model.js';

export function planRoadmapOf(roadmap: Roadmap): PlanRoadmap {
  return {
    sections: roadmap.sections.map((s) => ({ id: s.id, title: s.title })),
    topics: roadmap.order.map((id) => {
      const t = roadmap.topics.get(id)!;
      return {
        id,
        title: t.title,
        sectionId: t.sectionId,
        hours: t.hours,
        level: t.level,
        prerequisites: t.prerequisites,
        parentId: t.parentId,
        mark: t.mark,
      };
    }),
  };
}
