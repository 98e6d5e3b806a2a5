/**
 * The editor's buttons for a roadmap's structure: add, rename, move and remove a topic, add a
 * section. Each edit rewrites every file it concerns so the roadmap still loads: roadmap.yaml
 * (through the yaml Document API, keeping comments and order), topic files, prerequisites,
 * projects, question banks, `retired` (so saved progress follows) and, when the roadmap's id is
 * given, Markdown links to the topic. Runs in the browser and on the server alike, so it uses
 * only the `yaml` package and plain functions.
 */
import { YAMLMap, YAMLSeq } from 'yaml';
import { isId } from '../shared/ids.js';
import { StructureDocument, StructureEditError, type Placement } from './structure-document.js';
import { editIdList, readFrontMatter, setFrontMatterString, yamlString } from './structure-front-matter.js';
import { mayHoldLinks, retargetLinks, unlinkPages } from './structure-links.js';
import { freshId, idUses, topicTitle, type IdUse } from './structure-outline.js';

export { StructureEditError, type StructureEditReason } from './structure-document.js';
export { freeTopicId, outlineOf, type OutlineSection, type OutlineSubtopic, type OutlineTopic } from './structure-outline.js';

export type StructureEdit =
  | { op: 'add'; title: string; sectionId: string; parentId?: string | null; index?: number; id?: string }
  | { op: 'add-section'; title: string; index?: number; id?: string }
  | { op: 'rename'; topicId: string; title: string; newId?: string }
  | { op: 'move'; topicId: string; sectionId: string; parentId?: string | null; index: number }
  | { op: 'remove'; topicId: string };

export interface StructureEditOptions {
  /**
   * The roadmap's id, as in its links (`/<id>/<topic>`). With it, a rename points those links at
   * the new id and a removal turns them into plain text; without it, Markdown is left alone.
   */
  roadmapId?: string;
}

export interface StructureEditResult {
  /** All the files after the edit (a new object). */
  files: Record<string, string>;
  /** Names of the files changed, added or deleted, sorted. */
  changed: string[];
  /** What the edit did beyond the obvious, in sentences for the user: subtopics removed with their topic, a section dropped. */
  notes: string[];
}

/** The most characters a title may have: the topic schema's limit, kept for sections too. */
export const TITLE_MAX_LENGTH = 80;

interface Edit {
  files: Record<string, string>;
  structure: StructureDocument;
  uses: (id: string) => IdUse | null;
  notes: string[];
  roadmapId: string | undefined;
}

/**
 * Applies one edit and returns the new files (a new object; the input is not changed), the names
 * of the files it changed, added or deleted, and notes on what else it did. Throws a
 * StructureEditError, with a message for the user, when the edit cannot be made.
 */
export function applyStructureEdit(files: Record<string, string>, edit: StructureEdit, options: StructureEditOptions = {}): StructureEditResult {
  const work: Edit = {
    files: { ...files },
    structure: StructureDocument.parse(files['roadmap.yaml']),
    uses: idUses(files),
    notes: [],
    roadmapId: options.roadmapId,
  };
  if (edit.op === 'add') addTopic(work, edit);
  else if (edit.op === 'add-section') addSection(work, edit);
  else if (edit.op === 'rename') renameTopic(work, edit);
  else if (edit.op === 'move') moveTopic(work, edit);
  else removeTopic(work, edit);
  const yaml = work.structure.toString();
  if (yaml !== files['roadmap.yaml']) work.files['roadmap.yaml'] = yaml;
  const names = new Set([...Object.keys(files), ...Object.keys(work.files)]);
  const changed = [...names].filter((name) => files[name] !== work.files[name]).sort();
  return { files: work.files, changed, notes: work.notes };
}

function addTopic(work: Edit, edit: Extract<StructureEdit, { op: 'add' }>): void {
  const title = cleanTitle(edit.title);
  const section = sectionOf(work, edit.sectionId);
  const parent = edit.parentId ? parentIn(work, edit.parentId, edit.sectionId) : null;
  const list = parent ? work.structure.subtopicList(parent.node) : topicsOf(work, section);
  const index = indexIn(edit.index ?? list.items.length, list.items.length, parent ? `the subtopics of "${edit.parentId}"` : `section "${edit.sectionId}"`);
  const id = edit.id === undefined ? freshId(title, (candidate) => work.uses(candidate) !== null) : claimId(work, edit.id, 'topic');
  const node = new YAMLMap();
  node.set('id', id);
  work.structure.insert(list, index, node);
  work.files[`topics/${id}.md`] = newTopicFile(title);
}

function addSection(work: Edit, edit: Extract<StructureEdit, { op: 'add-section' }>): void {
  const title = cleanTitle(edit.title);
  const count = work.structure.sections().length;
  const index = indexIn(edit.index ?? count, count, 'the roadmap');
  const id = edit.id === undefined ? freshId(title, (candidate) => work.uses(candidate) !== null) : claimId(work, edit.id, 'section');
  // The schema wants a topic in every section, so a new one starts with a placeholder.
  const topicId = freshId('New topic', (candidate) => candidate === id || work.uses(candidate) !== null);
  const topic = new YAMLMap();
  topic.set('id', topicId);
  const topics = new YAMLSeq<YAMLMap>();
  topics.items.push(topic);
  const node = new YAMLMap();
  node.set('id', id);
  node.set('title', title);
  node.set('topics', topics);
  work.structure.insertSection(index, node);
  work.files[`topics/${topicId}.md`] = newTopicFile('New topic');
  work.notes.push(`The new section starts with a topic "New topic" (${topicId}), because a section needs at least one.`);
}

function renameTopic(work: Edit, edit: Extract<StructureEdit, { op: 'rename' }>): void {
  const title = cleanTitle(edit.title);
  placeOf(work, edit.topicId);
  const oldName = `topics/${edit.topicId}.md`;
  const text = work.files[oldName];
  if (text === undefined) throw new StructureEditError(`${oldName} is missing, so the title of "${edit.topicId}" cannot be changed.`, 'unreadable');
  const retitled = setFrontMatterString(text, 'title', title);
  if (retitled === null) throw new StructureEditError(`${oldName} has no readable front matter; fix it in the file editor first.`, 'unreadable');
  work.files[oldName] = retitled;
  const newId = edit.newId;
  if (newId === undefined || newId === edit.topicId) return;
  claimId(work, newId, 'topic');
  const oldId = edit.topicId;
  work.structure.renameTopic(oldId, newId);
  work.structure.retire(oldId, newId);
  moveFile(work.files, oldName, `topics/${newId}.md`);
  moveFile(work.files, `questions/${oldId}.yaml`, `questions/${newId}.yaml`);
  const swap = (id: string) => (id === oldId ? newId : undefined);
  for (const name of Object.keys(work.files)) {
    let next = work.files[name] ?? '';
    if (name.startsWith('topics/')) next = editIdList(next, 'prerequisites', swap);
    if (name.startsWith('projects/')) next = editIdList(next, 'topics', swap);
    if (work.roadmapId !== undefined && mayHoldLinks(name)) next = retargetLinks(next, work.roadmapId, oldId, newId);
    work.files[name] = next;
  }
}

function moveTopic(work: Edit, edit: Extract<StructureEdit, { op: 'move' }>): void {
  const place = placeOf(work, edit.topicId);
  const section = sectionOf(work, edit.sectionId);
  const parent = edit.parentId ? parentIn(work, edit.parentId, edit.sectionId) : null;
  if (parent) {
    if (edit.parentId === edit.topicId) throw new StructureEditError(`"${edit.topicId}" cannot be a subtopic of itself.`, 'invalid-parent');
    const own = work.structure.childList(place.node, 'subtopics')?.items.length ?? 0;
    if (own > 0) {
      throw new StructureEditError(
        `"${edit.topicId}" has ${own} subtopic${own === 1 ? '' : 's'}, so it cannot become a subtopic: a roadmap has only two levels. Move its subtopics out first.`,
        'too-deep',
      );
    }
  }
  const target = parent ? work.structure.subtopicList(parent.node) : topicsOf(work, section);
  const length = target.items.length - (target === place.list ? 1 : 0);
  const index = indexIn(edit.index, length, parent ? `the subtopics of "${edit.parentId}"` : `section "${edit.sectionId}"`);
  // A subtopic cannot hold a `subtopics` key, even an empty one.
  if (parent) place.node.delete('subtopics');
  const dropped = work.structure.move(place, target, index);
  if (dropped !== null) work.notes.push(`Section "${dropped}" had no other topics, so it was removed.`);
}

function removeTopic(work: Edit, edit: Extract<StructureEdit, { op: 'remove' }>): void {
  const place = placeOf(work, edit.topicId);
  const subtopics = (work.structure.childList(place.node, 'subtopics')?.items ?? []).map((node) => String(node.get('id')));
  const ids = new Set([edit.topicId, ...subtopics]);
  if (work.structure.topicIds().every((id) => ids.has(id))) {
    throw new StructureEditError(`"${edit.topicId}" cannot be removed: a roadmap needs at least one topic. Add another topic first.`, 'last-topic');
  }
  if (subtopics.length > 0) {
    const titles = subtopics.map((id) => `"${topicTitle(work.files, id)}"`).join(', ');
    work.notes.push(`Its subtopic${subtopics.length === 1 ? '' : 's'} ${titles} ${subtopics.length === 1 ? 'was' : 'were'} removed too.`);
  }
  const dropped = work.structure.remove(place);
  if (dropped !== null) work.notes.push(`Section "${dropped}" had no other topics, so it was removed.`);
  work.structure.dropEdges(ids);
  for (const id of ids) {
    work.structure.retire(id, null);
    delete work.files[`topics/${id}.md`];
    delete work.files[`questions/${id}.yaml`];
  }
  const drop = (id: string) => (ids.has(id) ? null : undefined);
  const pages = [...ids];
  for (const name of Object.keys(work.files)) {
    const text = work.files[name] ?? '';
    if (name.startsWith('topics/')) work.files[name] = editIdList(text, 'prerequisites', drop);
    if (!name.startsWith('projects/')) continue;
    const topics = readFrontMatter(text)?.topics;
    const left = Array.isArray(topics) ? topics.filter((t) => !ids.has(t as string)) : null;
    if (left?.length === 0 && Array.isArray(topics) && topics.length > 0) {
      // A brief must practise a topic; one that practised only these has nothing left to teach.
      delete work.files[name];
      pages.push(name.slice(0, -'.md'.length));
      work.notes.push(`Project "${String(readFrontMatter(text)?.title ?? name)}" practised only the removed topics, so its brief (${name}) was deleted.`);
    } else {
      work.files[name] = editIdList(text, 'topics', drop);
    }
  }
  if (work.roadmapId === undefined) return;
  for (const name of Object.keys(work.files)) {
    if (mayHoldLinks(name)) work.files[name] = unlinkPages(work.files[name] ?? '', work.roadmapId, pages);
  }
}

/** A title as it will be stored: one line, trimmed, within the schema's limit. */
function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new StructureEditError('A title cannot be empty.', 'invalid-title');
  if (clean.length > TITLE_MAX_LENGTH) {
    throw new StructureEditError(`A title may have at most ${TITLE_MAX_LENGTH} characters; this one has ${clean.length}.`, 'invalid-title');
  }
  return clean;
}

/**
 * Checks that a chosen id may name a new topic or section. A retired id may name a topic: an undo
 * of a rename or removal brings it back, and its entry in `retired` goes (a note says where its
 * saved progress went before).
 */
function claimId(work: Edit, id: string, kind: 'topic' | 'section'): string {
  if (!isId(id)) {
    throw new StructureEditError(`"${id}" is not a valid id: use lower-case letters, digits and single hyphens, at most 64 characters.`, 'invalid-id');
  }
  const use = work.uses(id);
  if (use === 'reserved') throw new StructureEditError(`"${id}" is the address of a page of every roadmap, so it cannot be an id. Choose another.`, 'invalid-id');
  if (use === 'topic' || use === 'section') throw new StructureEditError(`The id "${id}" is already used by a ${use}.`, 'id-taken');
  if (use === 'file') throw new StructureEditError(`The id "${id}" is already used by a file (topics/${id}.md or questions/${id}.yaml).`, 'id-taken');
  if (use === 'retired' && kind === 'section') {
    throw new StructureEditError(`The id "${id}" belonged to a topic that was renamed or removed; a section needs an id of its own.`, 'id-taken');
  }
  if (use === 'retired') {
    const target = work.structure.reuseRetired(id);
    work.notes.push(
      target
        ? `"${id}" was a retired id whose saved progress went to "${target}"; it names this topic again, so older progress saved under it counts here.`
        : `"${id}" was a removed topic's id; it names this topic again, so progress saved under it counts again.`,
    );
  }
  return id;
}

function placeOf(work: Edit, topicId: string): Placement {
  const place = work.structure.place(topicId);
  if (!place) throw new StructureEditError(`There is no topic "${topicId}" in this roadmap.`, 'unknown-topic');
  return place;
}

function topicsOf(work: Edit, section: YAMLMap): YAMLSeq<YAMLMap> {
  const topics = work.structure.childList(section, 'topics');
  if (!topics) throw new StructureEditError(`Section "${String(section.get('id'))}" has no list of topics.`, 'unreadable');
  return topics;
}

function sectionOf(work: Edit, sectionId: string): YAMLMap {
  const section = work.structure.section(sectionId);
  if (!section) throw new StructureEditError(`There is no section "${sectionId}" in this roadmap.`, 'unknown-section');
  return section;
}

/** A topic that can take subtopics: on the spine of the given section. */
function parentIn(work: Edit, parentId: string, sectionId: string): Placement {
  const parent = placeOf(work, parentId);
  if (parent.parent) {
    throw new StructureEditError(`"${parentId}" is itself a subtopic, and a subtopic cannot have subtopics: a roadmap has only two levels.`, 'invalid-parent');
  }
  if (parent.section.get('id') !== sectionId) throw new StructureEditError(`"${parentId}" is not in section "${sectionId}".`, 'invalid-parent');
  return parent;
}

function indexIn(index: number, length: number, where: string): number {
  if (!Number.isInteger(index) || index < 0 || index > length) {
    throw new StructureEditError(`Position ${index} is outside ${where}, which has room for positions 0 to ${length}.`, 'invalid-index');
  }
  return index;
}

function moveFile(files: Record<string, string>, from: string, to: string): void {
  const text = files[from];
  if (text === undefined) return;
  delete files[from];
  files[to] = text;
}

function newTopicFile(title: string): string {
  return [
    '---',
    `title: ${yamlString(title)}`,
    'level: beginner',
    'hours: 1',
    'prerequisites: []',
    'resources: []',
    '---',
    '',
    `Write what a learner should know about ${title}.`,
    '',
  ].join('\n');
}
