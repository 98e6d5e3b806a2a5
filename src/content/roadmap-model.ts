/** The loaded, validated form of a roadmap that pages, JSON and the API read from. */
import type { TopicIndex } from '../shared/progress-rules.js';
import type { Level, Mark, Resource, RoadmapFrontMatter } from './content-schema.js';

export interface Topic {
  id: string;
  title: string;
  level: Level;
  hours: number;
  prerequisites: string[];
  resources: Resource[];
  /** Why a prerequisite of a higher level is fine here, when one is. */
  levelNote?: string;
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
  /** Where its pages live on the site: `/<id>` for official roadmaps, `/r/<id>` for user roadmaps. */
  path: string;
  /** Names this exact version of the roadmap's files; everything derived from it is cached under (id, hash). */
  hash: string;
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
  /** Current topic ids and retired ids, in the form the shared progress rules take. */
  index: TopicIndex;
  /** Quiz questions by id, in the order of their topics and files. */
  questions: Map<string, Question>;
  /** Question ids per topic id. */
  questionsByTopic: Map<string, string[]>;
}

/** A quiz question on one topic. Which options are correct stays on the server until an answer is checked. */
export interface Question {
  id: string;
  topicId: string;
  level: Level;
  /** Markdown. */
  prompt: string;
  options: { id: string; text: string }[];
  correctOptionIds: string[];
  /** Markdown: why the right answer is right and the tempting wrong one is wrong. */
  explanation: string;
}

export interface Content {
  roadmaps: Map<string, Roadmap>;
}

