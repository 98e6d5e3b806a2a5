/**
 * The structure of a roadmap as the editor lists it, read leniently: a file being typed into is
 * often broken for a moment, and the editor still shows what it can. Also picks fresh ids,
 * since that needs the same reading of every id in use.
 */
import { LineCounter, parseDocument } from 'yaml';
import { isId, ID_MAX_LENGTH } from '../shared/ids.js';
import { RESERVED_TOPIC_IDS } from './reserved-ids.js';
import { readFrontMatter } from './structure-front-matter.js';

export interface OutlineSubtopic {
  id: string;
  title: string;
  mark?: string;
}

export interface OutlineTopic extends OutlineSubtopic {
  subtopics: OutlineSubtopic[];
}

export interface OutlineSection {
  id: string;
  title: string;
  topics: OutlineTopic[];
}

/** Why an id cannot name a new topic or section. A retired id may, on purpose; see StructureDocument.reuseRetired. */
export type IdUse = 'topic' | 'section' | 'retired' | 'file' | 'reserved';

interface LooseNode {
  id: string;
  mark?: string;
  subtopics: LooseNode[];
}

interface LooseStructure {
  sections: { id: string; title: string; topics: LooseNode[] }[];
  retired: string[];
  problem: string | null;
}

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Whatever roadmap.yaml says that can be used, and the first reason it is not all there. */
function readStructure(text: string | undefined): LooseStructure {
  if (text === undefined) return { sections: [], retired: [], problem: 'The roadmap has no roadmap.yaml.' };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  let problem = error ? `roadmap.yaml, line ${lines.linePos(error.pos[0]).line}: ${error.message.split('\n')[0]}` : null;
  let value: unknown;
  try {
    value = doc.toJS();
  } catch {
    value = undefined;
  }
  const note = (message: string) => {
    problem ??= `roadmap.yaml: ${message}`;
  };
  const node = (raw: unknown, where: string): LooseNode | null => {
    const map = record(raw);
    if (typeof map?.id !== 'string') {
      note(`${where} has no id`);
      return null;
    }
    const subtopics = list(map.subtopics).flatMap((sub, i) => node(sub, `subtopic ${i + 1} of "${map.id}"`) ?? []);
    return { id: map.id, ...(typeof map.mark === 'string' ? { mark: map.mark } : {}), subtopics };
  };
  const root = record(value);
  if (!Array.isArray(root?.sections)) note('`sections` must be a list');
  const sections = list(root?.sections).flatMap((raw, si) => {
    const section = record(raw);
    if (typeof section?.id !== 'string') {
      note(`section ${si + 1} has no id`);
      return [];
    }
    const id = section.id;
    const topics = list(section.topics).flatMap((t, ti) => node(t, `topic ${ti + 1} of section "${id}"`) ?? []);
    return [{ id, title: typeof section.title === 'string' ? section.title : id, topics }];
  });
  const retired = Object.entries(record(root?.retired) ?? {}).flatMap(([from, to]) => (typeof to === 'string' ? [from, to] : [from]));
  return { sections, retired, problem };
}

/** A topic's title from its file's front matter; the id when the file is missing or broken. */
export function topicTitle(files: Record<string, string>, id: string): string {
  const text = files[`topics/${id}.md`];
  const title = text === undefined ? undefined : readFrontMatter(text)?.title;
  return typeof title === 'string' && title.trim() !== '' ? title : id;
}

/** The structure as the editor lists it; titles from each topic file's front matter (the id when the file is missing or broken). Never throws: broken YAML gives what could be read plus `problem`. */
export function outlineOf(files: Record<string, string>): { sections: OutlineSection[]; problem: string | null } {
  const { sections, problem } = readStructure(files['roadmap.yaml']);
  const entry = (n: LooseNode): OutlineSubtopic => ({ id: n.id, title: topicTitle(files, n.id), ...(n.mark ? { mark: n.mark } : {}) });
  return {
    sections: sections.map((s) => ({ id: s.id, title: s.title, topics: s.topics.map((t) => ({ ...entry(t), subtopics: t.subtopics.map(entry) })) })),
    problem,
  };
}

/** What each id is used for in these files: topics, sections and retired ids, stray topic or question files, reserved names. */
export function idUses(files: Record<string, string>): (id: string) => IdUse | null {
  const { sections, retired } = readStructure(files['roadmap.yaml']);
  const uses = new Map<string, IdUse>();
  for (const name of Object.keys(files)) {
    const match = /^(?:topics\/(.+)\.md|questions\/(.+)\.yaml)$/.exec(name);
    const id = match?.[1] ?? match?.[2];
    if (id !== undefined) uses.set(id, 'file');
  }
  for (const id of retired) uses.set(id, 'retired');
  for (const section of sections) {
    uses.set(section.id, 'section');
    for (const topic of section.topics) for (const node of [topic, ...topic.subtopics]) uses.set(node.id, 'topic');
  }
  return (id) => (RESERVED_TOPIC_IDS.has(id) ? 'reserved' : (uses.get(id) ?? null));
}

/** A kebab-case id from a title (`Node.js & C++` → `node-js-and-c-plus-plus`), with `-2`, `-3`… until `inUse` lets it through. */
export function freshId(title: string, inUse: (id: string) => boolean): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = words.slice(0, ID_MAX_LENGTH).replace(/-+$/, '') || 'topic';
  let id = base;
  for (let n = 2; inUse(id) || !isId(id); n++) {
    const suffix = `-${n}`;
    id = `${base.slice(0, ID_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  return id;
}

/** A kebab-case id from a title that is not used by any topic, section or retired id, and not a reserved topic id. */
export function freeTopicId(files: Record<string, string>, title: string): string {
  const uses = idUses(files);
  return freshId(title, (id) => uses(id) !== null);
}
