/**
 * Reads `content/roadmaps/<id>/` into a Roadmap, collecting every problem as `file:line: message`.
 * Per-file checks happen here; rules that span files live in roadmap-rules.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PageFrontMatter, ProjectFrontMatter, RoadmapFrontMatter, StructureFile, TopicFrontMatter, ID_MAX_LENGTH } from './content-schema.js';
import { ContentValidationError, type ContentIssue } from './content-issue.js';
import type { Content, FaqEntry, Guide, Project, Roadmap, Section, Topic } from './roadmap-model.js';
import { YamlSource, splitFrontMatter } from './yaml-source.js';
import { checkRoadmapRules, type SourceIndex } from './roadmap-rules.js';

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface LoadResult {
  content: Content;
  issues: ContentIssue[];
}

/** Loads every roadmap under `<contentDir>/roadmaps`. Never throws on bad content; see `issues`. */
export function loadContent(contentDir: string): LoadResult {
  const issues: ContentIssue[] = [];
  const roadmaps = new Map<string, Roadmap>();
  const sources = new Map<string, SourceIndex>();
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
  for (const id of dirs) {
    if (!ID_RE.test(id) || id.length > ID_MAX_LENGTH) {
      issues.push({ file: `roadmaps/${id}`, line: 1, message: 'roadmap folder name must be a kebab-case id' });
      continue;
    }
    const loaded = loadRoadmap(contentDir, id, issues);
    if (loaded) {
      roadmaps.set(id, loaded.roadmap);
      sources.set(id, loaded.sources);
    }
  }
  if (dirs.length === 0) issues.push({ file: 'roadmaps', line: 1, message: 'no roadmap folders found' });
  const content = { roadmaps };
  for (const roadmap of roadmaps.values()) checkRoadmapRules(roadmap, content, sources.get(roadmap.id) ?? new Map(), issues);
  return { content, issues };
}

/** Loads content and throws a ContentValidationError listing every issue. */
export function loadContentOrThrow(contentDir: string): Content {
  const { content, issues } = loadContent(contentDir);
  if (issues.length > 0) throw new ContentValidationError(issues);
  return content;
}

class RoadmapFiles {
  constructor(
    readonly contentDir: string,
    readonly id: string,
  ) {}
  rel(name: string): string {
    return `roadmaps/${this.id}/${name}`;
  }
  abs(name: string): string {
    return path.join(this.contentDir, 'roadmaps', this.id, name);
  }
  read(name: string): string | null {
    try {
      return fs.readFileSync(this.abs(name), 'utf8');
    } catch {
      return null;
    }
  }
  list(folder: string): string[] {
    try {
      return fs
        .readdirSync(this.abs(folder))
        .filter((f) => f.endsWith('.md'))
        .sort();
    } catch {
      return [];
    }
  }
}

/** Parses a Markdown file with front matter and checks the front matter against a schema. */
function readMarkdown<T extends Parameters<YamlSource['check']>[0]>(
  files: RoadmapFiles,
  name: string,
  schema: T,
  issues: ContentIssue[],
) {
  const text = files.read(name);
  if (text === null) return null;
  const { frontMatter, body, bodyLine } = splitFrontMatter(text);
  if (frontMatter === null) {
    issues.push({ file: files.rel(name), line: 1, message: 'missing front matter (the file must start with a --- block)' });
    return null;
  }
  const source = new YamlSource(files.rel(name), frontMatter, 1);
  const data = source.check(schema, issues, 'front matter');
  return { source, data, body, bodyLine };
}

function loadRoadmap(contentDir: string, id: string, issues: ContentIssue[]): { roadmap: Roadmap; sources: SourceIndex } | null {
  const files = new RoadmapFiles(contentDir, id);
  const sources: SourceIndex = new Map();
  const main = readMarkdown(files, 'roadmap.md', RoadmapFrontMatter, issues);
  if (main === null && files.read('roadmap.md') === null) {
    issues.push({ file: files.rel('roadmap.md'), line: 1, message: 'missing roadmap.md' });
  }
  const structureText = files.read('roadmap.yaml');
  if (structureText === null) {
    issues.push({ file: files.rel('roadmap.yaml'), line: 1, message: 'missing structure file roadmap.yaml' });
    return null;
  }
  const structureSource = new YamlSource(files.rel('roadmap.yaml'), structureText);
  const structure = structureSource.check(StructureFile, issues, 'structure');
  if (!structure) return null;

  const topics = new Map<string, Topic>();
  const sections: Section[] = [];
  const sectionIds = new Set<string>();
  const order: string[] = [];
  const topicLines = new Map<string, number>();

  const addNode = (
    nodeId: string,
    where: (string | number)[],
    section: Section,
    parentId: string | null,
    mark: Topic['mark'],
  ): Topic | null => {
    if (topicLines.has(nodeId)) {
      issues.push(structureSource.issue([...where, 'id'], `duplicate topic id "${nodeId}" (first used on line ${topicLines.get(nodeId)})`));
      return null;
    }
    topicLines.set(nodeId, structureSource.lineOf([...where, 'id']));
    const topic = loadTopic(files, nodeId, issues);
    if (topic === 'missing') {
      issues.push(structureSource.issue([...where, 'id'], `topic "${nodeId}" has no file topics/${nodeId}.md`));
      return null;
    }
    if (topic === null) return null;
    const { source, bodyLine, ...fields } = topic;
    sources.set(`topics/${nodeId}.md`, { source, bodyLine, body: fields.body });
    const node: Topic = {
      ...fields,
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

  for (const file of files.list('topics')) {
    const topicId = file.slice(0, -3);
    if (!topicLines.has(topicId)) {
      issues.push({ file: files.rel(`topics/${file}`), line: 1, message: `topic "${topicId}" is not in roadmap.yaml (add it, or retire it and delete the file)` });
    }
  }

  const retired = new Map<string, string | null>();
  for (const [oldId, newId] of Object.entries(structure.retired ?? {})) {
    const line = structureSource.lineOf(['retired', oldId]);
    if (!ID_RE.test(oldId)) {
      issues.push({ file: structureSource.file, line, message: `retired id "${oldId}" is not a kebab-case id` });
    } else if (topicLines.has(oldId)) {
      issues.push({ file: structureSource.file, line, message: `retired id "${oldId}" still exists in the roadmap` });
    } else {
      retired.set(oldId, newId);
    }
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
    meta: main.data,
    intro: main.body.trim(),
    sections,
    topics,
    order,
    edges: edges.filter((e) => topics.has(e.from) && topics.has(e.to)),
    retired,
    faq: loadFaq(files, issues, sources),
    guide: loadGuide(files, issues, sources),
    projects: loadProjects(files, issues, sources),
    totalHours: [...topics.values()].reduce((sum, t) => sum + t.hours, 0),
  };
  return { roadmap, sources };
}

/** Follows chains (a → b → c) so every retired id maps to a current topic or to null. */
function resolveRetired(
  retired: Map<string, string | null>,
  topics: Map<string, Topic>,
  report: (oldId: string, message: string) => void,
): void {
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

type LoadedTopic = Omit<Topic, 'sectionId' | 'parentId' | 'kind' | 'mark' | 'index' | 'subtopicIds'> & {
  source: YamlSource;
  bodyLine: number;
};

function loadTopic(files: RoadmapFiles, id: string, issues: ContentIssue[]): LoadedTopic | null | 'missing' {
  const name = `topics/${id}.md`;
  if (files.read(name) === null) return 'missing';
  const parsed = readMarkdown(files, name, TopicFrontMatter, issues);
  if (!parsed?.data) return null;
  return { id, ...parsed.data, body: parsed.body.trim(), source: parsed.source, bodyLine: parsed.bodyLine };
}

function loadFaq(files: RoadmapFiles, issues: ContentIssue[], sources: SourceIndex): FaqEntry[] {
  const parsed = readMarkdown(files, 'faq.md', PageFrontMatter, issues);
  if (!parsed?.data) return [];
  sources.set('faq.md', { source: parsed.source, bodyLine: parsed.bodyLine, body: parsed.body });
  const entries: FaqEntry[] = [];
  const parts = parsed.body.split(/^## +/m);
  if (parts[0]?.trim()) {
    issues.push({ file: files.rel('faq.md'), line: parsed.bodyLine, message: 'text before the first "## question" heading' });
  }
  for (const part of parts.slice(1)) {
    const newline = part.indexOf('\n');
    const question = (newline === -1 ? part : part.slice(0, newline)).trim();
    const answer = newline === -1 ? '' : part.slice(newline + 1).trim();
    entries.push({ question, answer });
  }
  return entries;
}

function loadGuide(files: RoadmapFiles, issues: ContentIssue[], sources: SourceIndex): Guide | null {
  const parsed = readMarkdown(files, 'guide.md', PageFrontMatter, issues);
  if (!parsed?.data) return null;
  sources.set('guide.md', { source: parsed.source, bodyLine: parsed.bodyLine, body: parsed.body });
  return { title: parsed.data.title, description: parsed.data.description ?? '', body: parsed.body.trim() };
}

function loadProjects(files: RoadmapFiles, issues: ContentIssue[], sources: SourceIndex): Project[] {
  const projects: Project[] = [];
  for (const file of files.list('projects')) {
    const id = file.slice(0, -3);
    if (!ID_RE.test(id)) {
      issues.push({ file: files.rel(`projects/${file}`), line: 1, message: 'project file name must be a kebab-case id' });
      continue;
    }
    const parsed = readMarkdown(files, `projects/${file}`, ProjectFrontMatter, issues);
    if (!parsed?.data) continue;
    for (const heading of ['Goal', 'Requirements', 'Stretch goals']) {
      if (!new RegExp(`^## ${heading}\\s*$`, 'm').test(parsed.body)) {
        issues.push({ file: files.rel(`projects/${file}`), line: parsed.bodyLine, message: `missing "## ${heading}" section` });
      }
    }
    sources.set(`projects/${file}`, { source: parsed.source, bodyLine: parsed.bodyLine, body: parsed.body });
    projects.push({ id, ...parsed.data, body: parsed.body.trim() });
  }
  const rank = { beginner: 0, intermediate: 1, advanced: 2 } as const;
  return projects.sort((a, b) => rank[a.difficulty] - rank[b.difficulty] || a.title.localeCompare(b.title));
}
