/**
 * Builds the bodies of the public roadmap API from loaded content. Pure: no HTTP, so the
 * routes can build each body once and cache it.
 */
import { renderMarkdown } from '../../content/markdown.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { Roadmap, Topic } from '../../content/roadmap-model.js';
import type { RoadmapList, RoadmapStructure, TopicDocument } from './schema.js';

/** Every current topic of a roadmap, in learning order. */
function topicsInOrder(roadmap: Roadmap): Topic[] {
  return roadmap.order.flatMap((id) => roadmap.topics.get(id) ?? []);
}

function topicFields(topic: Topic) {
  return {
    id: topic.id,
    title: topic.title,
    sectionId: topic.sectionId,
    parentId: topic.parentId,
    kind: topic.kind,
    level: topic.level,
    hours: topic.hours,
    prerequisites: topic.prerequisites,
    mark: topic.mark,
  };
}

/** `GET <apiBase>/roadmaps`. */
export function roadmapListDocument(entries: CatalogEntry[], apiBase: string): RoadmapList {
  return {
    roadmaps: entries.map(({ roadmap }) => ({
      id: roadmap.id,
      title: roadmap.meta.title,
      description: roadmap.meta.description,
      version: roadmap.meta.version,
      sections: roadmap.sections.length,
      topics: roadmap.order.length,
      totalHours: roadmap.totalHours,
      links: { page: roadmap.path, json: `/jsons/roadmaps/${roadmap.id}.json`, api: `${apiBase}/roadmaps/${roadmap.id}` },
    })),
  };
}

/** `GET <apiBase>/roadmaps/<id>`. */
export function roadmapStructureDocument(roadmap: Roadmap): RoadmapStructure {
  return {
    id: roadmap.id,
    title: roadmap.meta.title,
    description: roadmap.meta.description,
    version: roadmap.meta.version,
    totalHours: roadmap.totalHours,
    sections: roadmap.sections.map((s) => ({ id: s.id, title: s.title, hours: s.hours, topicIds: s.nodeIds })),
    topics: topicsInOrder(roadmap).map(topicFields),
    retired: Object.fromEntries(roadmap.retired),
    links: { page: roadmap.path },
  };
}

/** `GET <apiBase>/roadmaps/<id>/topics/<topicId>`. */
export function topicDocument(roadmap: Roadmap, topic: Topic): TopicDocument {
  return {
    ...topicFields(topic),
    roadmapId: roadmap.id,
    subtopicIds: topic.subtopicIds,
    resources: topic.resources,
    markdown: topic.body,
    html: renderMarkdown(topic.body, { topHeading: 2 }),
    projects: roadmap.projects.filter((p) => p.topics.includes(topic.id)).map((p) => ({ id: p.id, title: p.title })),
    links: { page: `${roadmap.path}/${topic.id}` },
  };
}
