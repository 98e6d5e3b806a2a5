/**
 * Reads the files of a roadmap into a Roadmap, collecting every problem as `file:line: message`.
 * The files come from a folder (official roadmaps, `content/roadmaps/<id>/`) or from memory
 * (user roadmaps); the same code checks both. Per-file checks happen here; rules that span files
 * live in structural-rules.ts (every roadmap) and editorial-rules.ts (official content only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isId } from '../shared/ids.js';
import { topicIndex } from '../shared/progress-rules.js';
import { ContentValidationError, type ContentIssue } from './content-issue.js';
import { RoadmapFrontMatter, StructureFile, TopicFrontMatter } from './content-schema.js';
import { checkEditorialRules } from './editorial-rules.js';
import { readMarkdown } from './markdown-file.js';
import { loadQuestions } from './questions.js';
import { contentHash, FolderFiles, type RoadmapFiles } from './roadmap-files.js';
import type { Content, Roadmap, Section, Topic } from './roadmap-model.js';
import { loadFaq, loadGuide, loadProjects } from './roadmap-pages.js';
import { RESERVED_ROADMAP_IDS } from './reserved-ids.js';
import { checkStructuralRules, type SourceIndex } from './structural-rules.js';
import { YamlSource } from './yaml-source.js';

/** Which rules apply: structural ones to every roadmap, editorial bars to official content too. */
export type RuleSet = 'official' | 'structural';

export interface LoadResult {
  content: Content;
  issues: ContentIssue[];
}

export interface RoadmapLoadOptions {
  rules: RuleSet;
  /** Prefix of file names in messages; `roadmaps/<id>` by default. */
  base?: string;
  /** Other roadmaps that Markdown links may point at. */
  others?: (id: string) => Roadmap | undefined;
  /** Where its pages live; `/<id>` by default (official roadmaps). */
  path?: string;
}

/** Loads every roadmap under `<contentDir>/roadmaps` with the official rules. Never throws on bad content; see `issues`. */
export function loadContent(contentDir: string): LoadResult {
  const issues: ContentIssue[] = [];
  const roadmaps = new Map<string, Roadmap>();
  const root = path.join(contentDir, 'roadmaps');
  if (!fs.existsSync(root)) {
    issues.push({ file: 'roadmaps', line: 1, message: `no roadmaps folder in ${contentDir}` });
    return { content: { roadmaps }, issues };
  }
  const dirs = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (dirs.length === 0) issues.push({ file: 'roadmaps', line: 1, message: 'no roadmap folders found' });
  const parsed: { roadmap: Roadmap; sources: SourceIndex }[] = [];
  for (const id of dirs) {
    const file = `roadmaps/${id}`;
    if (!isId(id)) {
      issues.push({ file, line: 1, message: 'roadmap folder name must be a kebab-case id of at most 64 characters' });
      continue;
    }
    if (RESERVED_ROADMAP_IDS.has(id)) {
      issues.push({ file, line: 1, message: `"${id}" is a page of the site (/${id}), so it cannot be a roadmap id; rename the folder` });
      continue;
    }
    const loaded = parseRoadmap(id, new FolderFiles(path.join(root, id)), file, `/${id}`, issues);
    if (loaded) {
      roadmaps.set(id, loaded.roadmap);
      parsed.push(loaded);
    }
  }
  for (const { roadmap, sources } of parsed) {
    checkStructuralRules(roadmap, (id) => roadmaps.get(id), sources, issues);
    if (roadmap.meta.checks !== 'structural') checkEditorialRules(roadmap, sources, issues);
  }
  return { content: { roadmaps }, issues };
}

/** Loads content and throws a ContentValidationError listing every issue. */
export function loadContentOrThrow(contentDir: string): Content {
  const { content, issues } = loadContent(contentDir);
  if (issues.length > 0) throw new ContentValidationError(issues);
  return content;
}

/** Loads one roadmap from any set of files. The roadmap is null when it cannot be built at all. */
export function loadRoadmap(id: string, files: RoadmapFiles, options: RoadmapLoadOptions): { roadmap: Roadmap | null; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const parsed = parseRoadmap(id, files, options.base ?? `roadmaps/${id}`, options.path ?? `/${id}`, issues);
  if (!parsed) return { roadmap: null, issues };
  const others = options.others ?? (() => undefined);
  checkStructuralRules(parsed.roadmap, (other) => (other === id ? parsed.roadmap : others(other)), parsed.sources, issues);
  if (options.rules === 'official' && parsed.roadmap.meta.checks !== 'structural') checkEditorialRules(parsed.roadmap, parsed.sources, issues);
  return { roadmap: parsed.roadmap, issues };
}

/** Parses the files and checks each against its schema; cross-file rules come after. */
function parseRoadmap(id: string, files: RoadmapFiles, base: string, sitePath: string, issues: ContentIssue[]): { roadmap: Roadmap; sources: SourceIndex } | null {
  const rel = (name: string) => `${base}/${name}`;
  const sources: SourceIndex = new Map();
  const main = readMarkdown(files, 'roadmap.md', rel('roadmap.md'), RoadmapFrontMatter, issues);
  if (main === null && files.read('roadmap.md') === null) issues.push({ file: rel('roadmap.md'), line: 1, message: 'missing roadmap.md' });
  if (main) sources.set('roadmap.md', { source: main.source, bodyLine: main.bodyLine });
  const structureText = files.read('roadmap.yaml');
  if (structureText === null) {
    issues.push({ file: rel('roadmap.yaml'), line: 1, message: 'missing structure file roadmap.yaml' });
    return null;
  }
  const structureSource = new YamlSource(rel('roadmap.yaml'), structureText);
  const structure = structureSource.check(StructureFile, issues, 'structure');
  if (!structure) return null;

  const topics = new Map<string, Topic>();
  const sections: Section[] = [];
  const sectionIds = new Set<string>();
  const order: string[] = [];
  const topicLines = new Map<string, number>();

  const addNode = (nodeId: string, where: (string | number)[], section: Section, parentId: string | null, mark: Topic['mark']): Topic | null => {
    if (topicLines.has(nodeId)) {
      issues.push(structureSource.issue([...where, 'id'], `duplicate topic id "${nodeId}" (first used on line ${topicLines.get(nodeId)})`));
      return null;
    }
    topicLines.set(nodeId, structureSource.lineOf([...where, 'id']));
    const name = `topics/${nodeId}.md`;
    if (files.read(name) === null) {
      issues.push(structureSource.issue([...where, 'id'], `topic "${nodeId}" has no file ${name}`));
      return null;
    }
    const parsed = readMarkdown(files, name, rel(name), TopicFrontMatter, issues);
    if (!parsed?.data) return null;
    const body = parsed.body.trim();
    sources.set(name, { source: parsed.source, bodyLine: parsed.bodyLine, body, bytes: Buffer.byteLength(files.read(name) ?? '') });
    const node: Topic = {
      id: nodeId,
      ...parsed.data,
      body,
      sectionId: section.id,
      parentId,
      kind: parentId === null ? 'topic' : 'subtopic',
      mark,
      index: order.length,
      subtopicIds: [],
    };
    topics.set(nodeId, node);
    order.push(nodeId);
    section.nodeIds.push(nodeId);
    section.hours += node.hours;
    return node;
  };

  structure.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) issues.push(structureSource.issue(['sections', si, 'id'], `duplicate section id "${s.id}"`));
    sectionIds.add(s.id);
    const section: Section = { id: s.id, title: s.title, topicIds: [], nodeIds: [], hours: 0 };
    sections.push(section);
    s.topics.forEach((t, ti) => {
      const where = ['sections', si, 'topics', ti];
      const node = addNode(t.id, where, section, null, t.mark ?? null);
      if (node) section.topicIds.push(node.id);
      (t.subtopics ?? []).forEach((sub, ui) => {
        const child = addNode(sub.id, [...where, 'subtopics', ui], section, t.id, sub.mark ?? null);
        if (child && node) node.subtopicIds.push(child.id);
      });
    });
  });

  for (const file of files.list('topics', '.md')) {
    const topicId = file.slice(0, -3);
    if (!topicLines.has(topicId)) {
      issues.push({ file: rel(`topics/${file}`), line: 1, message: `topic "${topicId}" is not in roadmap.yaml (add it, or retire it and delete the file)` });
    }
  }

  const retired = new Map<string, string | null>();
  for (const [oldId, newId] of Object.entries(structure.retired ?? {})) {
    const line = structureSource.lineOf(['retired', oldId]);
    if (!isId(oldId)) issues.push({ file: structureSource.file, line, message: `retired id "${oldId}" is not a kebab-case id` });
    else if (topicLines.has(oldId)) issues.push({ file: structureSource.file, line, message: `retired id "${oldId}" still exists in the roadmap` });
    else retired.set(oldId, newId);
  }
  resolveRetired(retired, topics, (oldId, message) =>
    issues.push({ file: structureSource.file, line: structureSource.lineOf(['retired', oldId]), message }),
  );

  const edges = structure.edges ?? [];
  edges.forEach((edge, ei) => {
    for (const end of ['from', 'to'] as const) {
      if (!topicLines.has(edge[end])) issues.push(structureSource.issue(['edges', ei, end], `edge ${end} unknown topic "${edge[end]}"`));
    }
  });

  sources.set('roadmap.yaml', { source: structureSource, bodyLine: 1 });
  if (!main?.data) return null;
  const roadmap: Roadmap = {
    id,
    path: sitePath,
    hash: contentHash(files),
    meta: main.data,
    intro: main.body.trim(),
    sections,
    topics,
    order,
    edges: edges.filter((e) => topics.has(e.from) && topics.has(e.to)),
    retired,
    faq: loadFaq(files, rel, issues, sources),
    guide: loadGuide(files, rel, issues, sources),
    projects: loadProjects(files, rel, issues, sources),
    totalHours: [...topics.values()].reduce((sum, t) => sum + t.hours, 0),
    index: topicIndex(order, retired),
    ...loadQuestions(files, rel, topics, order, issues, sources),
  };
  return { roadmap, sources };
}

/** Follows chains (a → b → c) so every retired id maps to a current topic or to null. */
function resolveRetired(retired: Map<string, string | null>, topics: Map<string, Topic>, report: (oldId: string, message: string) => void): void {
  for (const [oldId, first] of [...retired]) {
    let target = first;
    const seen = new Set([oldId]);
    while (target !== null && !topics.has(target)) {
      if (seen.has(target)) {
        report(oldId, `retired id "${oldId}" is part of a cycle`);
        break;
      }
      seen.add(target);
      if (!retired.has(target)) {
        report(oldId, `retired id "${oldId}" points to unknown topic "${target}"`);
        break;
      }
      target = retired.get(target) ?? null;
    }
    if (target === null || topics.has(target)) retired.set(oldId, target);
    else retired.delete(oldId);
  }
}
