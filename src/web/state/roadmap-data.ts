/**
 * What a page tells the client about the roadmaps it shows (retired ids, sections, titles), read
 * from the `<script type="application/json" data-roadmap>` blocks the server renders.
 */
import { topicIndex, type TopicIndex } from '../../shared/progress-rules.js';

/** The JSON each roadmap block holds; see `clientRoadmapData` in src/views/roadmap-data.ts. */
export interface RoadmapData {
  id: string;
  title: string;
  retired: Record<string, string | null>;
  sections: { id: string; nodeIds: string[] }[];
  /** Current topics in learning order: id and title. */
  topics: [string, string][];
}

export interface ClientRoadmap extends RoadmapData {
  index: TopicIndex;
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
