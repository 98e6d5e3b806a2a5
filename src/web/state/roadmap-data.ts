/**
 * What a page tells the client about the roadmaps it shows (retired ids, sections, titles), read
 * from the `<script type="application/json" data-roadmap>` blocks the server renders.
 */
import { topicIndex, type TopicIndex } from '../../shared/progress-rules.js';
import { PLAN_LEVELS, PLAN_MARKS, type PlanRoadmap } from '../../shared/study-plan.js';

/** The JSON each roadmap block holds; see `clientRoadmapData` in src/views/roadmap-data.ts. */
export interface RoadmapData {
  id: string;
  title: string;
  retired: Record<string, string | null>;
  sections: { id: string; nodeIds: string[] }[];
  /** Current topics in learning order: id and title. */
  topics: [string, string][];
  /** Section titles, in the order of `sections`. */
  sectionTitles: string[];
  /** What the planner needs of each topic, in the order of `topics`: hours, level (index into PLAN_LEVELS), prerequisites, parent, mark (index into PLAN_MARKS, -1 for none). */
  facts: [number, number, string[], string | null, number][];
}

export interface ClientRoadmap extends RoadmapData {
  index: TopicIndex;
  /** The roadmap as the shared planner takes it. */
  planning: PlanRoadmap;
}

function planningOf(data: RoadmapData): PlanRoadmap {
  const sectionOf = new Map<string, string>();
  for (const section of data.sections) for (const id of section.nodeIds) sectionOf.set(id, section.id);
  return {
    sections: data.sections.map((s, i) => ({ id: s.id, title: data.sectionTitles[i] ?? s.id })),
    topics: data.topics.map(([id, title], i) => {
      const [hours, level, prerequisites, parentId, mark] = data.facts[i] ?? [0, 0, [], null, -1];
      return {
        id,
        title,
        sectionId: sectionOf.get(id) ?? '',
        hours,
        level: PLAN_LEVELS[level] ?? 'beginner',
        prerequisites,
        parentId,
        mark: PLAN_MARKS[mark] ?? null,
      };
    }),
  };
}

const roadmaps = new Map<string, ClientRoadmap>();

/** Reads every roadmap block of the page once. */
export function readRoadmapData(root: ParentNode = document): void {
  for (const el of root.querySelectorAll('script[data-roadmap]')) {
    try {
      const data = JSON.parse(el.textContent ?? '') as RoadmapData;
      if (!roadmaps.has(data.id))
        roadmaps.set(data.id, {
          ...data,
          index: topicIndex(
            data.topics.map(([id]) => id),
            data.retired,
          ),
          planning: planningOf(data),
        });
    } catch {
      // A block that does not parse leaves its roadmap untracked on this page.
    }
  }
}

/** The roadmap as the page described it; undefined when this page does not show it. */
export function roadmapData(id: string): ClientRoadmap | undefined {
  return roadmaps.get(id);
}

export function allRoadmaps(): ClientRoadmap[] {
  return [...roadmaps.values()];
}
