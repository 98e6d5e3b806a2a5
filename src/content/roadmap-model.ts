/** The loaded, validated form of a roadmap that pages, JSON and the API read from. */
import type { Level, Mark, Resource, RoadmapFrontMatter } from './content-schema.js';

export interface Topic {
  id: string;
  title: string;
  level: Level;
  hours: number;
  prerequisites: string[];
  resources: Resource[];
  /** The explanation, in Markdown. */
  body: string;
  sectionId: string;
  /** The spine topic a subtopic hangs from; null for spine topics. */
  parentId: string | null;
  kind: 'topic' | 'subtopic';
  mark: Mark | null;
  /** Position in learning order, from 0. */
  index: number;
  subtopicIds: string[];
}

export interface Section {
  id: string;
  title: string;
  /** Spine topics, in order. */
  topicIds: string[];
  /** Every trackable node of the section (spine topics followed by their subtopics), in learning order. */
  nodeIds: string[];
  hours: number;
}

export interface FaqEntry {
  question: string;
  /** Markdown; may hold the placeholders `{{totalHours}}` and `{{paceTable}}`. */
  answer: string;
}

export interface Guide {
  title: string;
  description: string;
  body: string;
}

export interface Project {
  id: string;
  title: string;
  difficulty: Level;
  hours: number;
  topics: string[];
  summary: string;
  body: string;
}

export interface Roadmap {
  id: string;
  meta: RoadmapFrontMatter;
  /** Body of roadmap.md (Markdown), shown as the introduction. */
  intro: string;
  sections: Section[];
  topics: Map<string, Topic>;
  /** Topic ids in learning order. */
  order: string[];
  edges: { from: string; to: string }[];
  /** Retired id → current id (resolved through chains), or null when removed. */
  retired: Map<string, string | null>;
  faq: FaqEntry[];
  guide: Guide | null;
  projects: Project[];
  totalHours: number;
}

export interface Content {
  roadmaps: Map<string, Roadmap>;
}

/** Roadmaps in the order of the home page: by `order` in the front matter, then by id. */
export function roadmapsInOrder(content: Content): Roadmap[] {
  return [...content.roadmaps.values()].sort((a, b) => (a.meta.order ?? 999) - (b.meta.order ?? 999) || a.id.localeCompare(b.id));
}
