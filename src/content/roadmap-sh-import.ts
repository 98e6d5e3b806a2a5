/**
 * Turns a roadmap drawn in roadmap.sh's editor (`{ nodes, edges }`, plus optional per-node
 * Markdown files) into Milepost's content format. The diagram's geometry gives the structure:
 * sections are rectangles, topics sit on the spine in reading order, subtopics hang off the topic
 * they are joined to. Everything decorative is dropped and listed in the report with a reason.
 * See docs/content-format.md for what the result must meet; the result is checked by the loader
 * before it is returned, so callers never receive files that do not load.
 */
import { stringify } from 'yaml';
import { ID_MAX_LENGTH, isId, kebabId } from '../shared/ids.js';
import type { Mark, Resource } from './content-schema.js';
import { formatIssue } from './content-issue.js';
import { MemoryFiles } from './roadmap-files.js';
import { loadRoadmap } from './roadmap-loader.js';
import { cut, nodeIdOfContentFile, readTopicText } from './roadmap-sh-content.js';
import { extraEdges, readingOrder, sectionGroups, subtopicParents } from './roadmap-sh-layout.js';
import { ImportError, IMPORT_LIMITS, oneLine, quote, readDiagram, type DiagramNode } from './roadmap-sh-nodes.js';
import { RESERVED_TOPIC_IDS } from './reserved-ids.js';
import { SIZE_LIMITS } from './structural-rules.js';

export { ImportError, IMPORT_LIMITS } from './roadmap-sh-nodes.js';

export interface ImportReport {
  imported: { nodeId: string; id: string; title: string; kind: 'section' | 'topic' | 'subtopic'; withContent: boolean }[];
  dropped: { nodeId: string; type: string; label: string; reason: string }[];
  /** Unknown legend labels, unused content files, resources changed or left out, edges left out. */
  notes: string[];
  counts: { sections: number; topics: number; subtopics: number; withContent: number; dropped: number };
}

export interface ImportInput {
  /** The editor file's text, or the value parsed from it. */
  json: unknown;
  /** Topic texts by file name (`dns@Xk2Lw9.md`, folders allowed); the node id follows the last `@`. */
  contentFiles?: Record<string, string>;
  /** The roadmap's id; it names nothing inside the files, but a title is made from it when none is given. */
  id: string;
  /** The roadmap's title; by default the diagram's first heading, else one made from `id`. */
  title?: string;
}

/** Every imported topic starts here; the editor format has no level or duration. */
const TOPIC_DEFAULTS = { level: 'beginner', hours: 2 } as const;
const TITLE_CHARS = 80;
/** Notes kept in a report; a hostile content folder could otherwise produce millions. */
const MAX_NOTES = 200;

const DECORATION: Record<string, string> = {
  title: 'a heading on the diagram; Milepost draws no free text',
  label: 'free text on the diagram; Milepost draws no free text',
  paragraph: 'free text on the diagram; Milepost draws no free text',
  button: 'a link button on the diagram; Milepost has no buttons in a roadmap',
  legend: 'the legend; its entries became marks on the topics',
};

interface Placed {
  node: DiagramNode;
  id: string;
  title: string;
  mark: Mark | null;
}

/**
 * Converts one roadmap. Returns the files of `content/roadmaps/<id>/` (names as in
 * docs/content-format.md) and a report of what was kept and dropped. Throws only ImportError.
 */
export function importRoadmapSh(input: ImportInput): { files: Record<string, string>; report: ImportReport } {
  try {
    return convert(input);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError([`the file could not be imported: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

function convert(input: ImportInput): { files: Record<string, string>; report: ImportReport } {
  if (!isId(input.id)) throw new ImportError([`${quote(String(input.id))} is not a roadmap id: use lower-case kebab-case of at most ${ID_MAX_LENGTH} characters`]);
  if (input.title !== undefined && input.title.length > IMPORT_LIMITS.labelChars) {
    throw new ImportError([`the title is ${input.title.length} characters long; the limit is ${IMPORT_LIMITS.labelChars}`]);
  }
  const diagram = readDiagram(input.json);
  const report: ImportReport = { imported: [], dropped: [], notes: [], counts: { sections: 0, topics: 0, subtopics: 0, withContent: 0, dropped: 0 } };
  const note = (line: string) => {
    if (report.notes.length < MAX_NOTES) report.notes.push(line);
    else if (report.notes.length === MAX_NOTES) report.notes.push('… further notes were left out');
  };
  const drop = (node: DiagramNode, reason: string) => report.dropped.push({ nodeId: node.nodeId, type: cut(node.type, 40), label: node.label, reason });

  const byPlace = [...diagram.nodes].sort(readingOrder);
  const sectionNodes = byPlace.filter((n) => n.type === 'section');
  const topicNodes = byPlace.filter((n) => n.type === 'topic' && n.label !== '');
  const subtopicNodes = byPlace.filter((n) => n.type === 'subtopic' && n.label !== '');
  if (topicNodes.length === 0) throw new ImportError(['the roadmap has no topics: nodes of type "topic" with a label']);
  if (topicNodes.length + subtopicNodes.length > IMPORT_LIMITS.topics) {
    throw new ImportError([`the roadmap has ${topicNodes.length + subtopicNodes.length} topics and subtopics; the limit is ${IMPORT_LIMITS.topics}`]);
  }
  const heading = byPlace.find((n) => n.type === 'title' && n.label !== '');
  const givenTitle = oneLine(input.title ?? '');
  for (const node of byPlace) {
    if (node.type === 'section') continue;
    if (node.type === 'topic' || node.type === 'subtopic') {
      if (node.label === '') drop(node, `a ${node.type} without a label`);
    } else if (node === heading) drop(node, headingUse(givenTitle !== '', sectionNodes.length === 0));
    else drop(node, DECORATION[node.type] ?? `a node of type ${quote(node.type, 40)}, which Milepost has no counterpart for`);
  }

  const parentOf = subtopicParents(topicNodes, subtopicNodes, diagram.edges);
  const groups = sectionGroups(sectionNodes, topicNodes, heading);
  for (const { node } of groups.filter((g) => g.topics.length === 0)) if (node) drop(node, 'a section with no topics inside it');
  const sections = groups.filter((g) => g.topics.length > 0);
  sections.forEach((group, i) => {
    if (group.title !== '') return;
    group.title = `Section ${i + 1}`;
    note(`section ${i + 1} has no label on the diagram; it is called "${group.title}"`);
  });

  const ids = new IdAllocator();
  const marks = new MarkReader(note);
  const place = (node: DiagramNode): Placed => ({ node, id: ids.claim(node.label, 'topic', 'topic'), title: cut(node.label, TITLE_CHARS), mark: marks.of(node) });
  const structure = sections.map((group) => ({
    group,
    topics: group.topics.map((topic) => ({ topic: place(topic), subtopics: subtopicNodes.filter((s) => parentOf.get(s) === topic).map(place) })),
  }));
  const sectionIds = structure.map(({ group }) => ids.claim(group.title, 'section'));

  const texts = topicTexts(input.contentFiles ?? {}, diagram.nodes, note);
  const files: Record<string, string> = {};
  const writeTopic = (placed: Placed, kind: 'topic' | 'subtopic') => {
    const raw = texts.get(placed.node.nodeId);
    const text = raw === undefined ? { body: '', resources: [] } : readTopicText(raw, placed.title, note);
    files[`topics/${placed.id}.md`] = topicFile(placed.title, text.body, text.resources, note);
    report.imported.push({ nodeId: placed.node.nodeId, id: placed.id, title: placed.title, kind, withContent: raw !== undefined });
  };
  const yamlSections = structure.map(({ group, topics }, si) => {
    report.imported.push({ nodeId: group.node?.nodeId ?? '', id: sectionIds[si] ?? '', title: group.title, kind: 'section', withContent: false });
    return {
      id: sectionIds[si],
      title: group.title,
      topics: topics.map(({ topic, subtopics }) => {
        writeTopic(topic, 'topic');
        for (const sub of subtopics) writeTopic(sub, 'subtopic');
        const subs = subtopics.map((s) => ({ id: s.id, ...(s.mark ? { mark: s.mark } : {}) }));
        return { id: topic.id, ...(topic.mark ? { mark: topic.mark } : {}), ...(subs.length > 0 ? { subtopics: subs } : {}) };
      }),
    };
  });
  marks.reportUnknown();

  const placed = structure.flatMap(({ topics }) => topics.flatMap(({ topic, subtopics }) => [topic, ...subtopics]));
  const spine = structure.flatMap(({ topics }) => topics.map(({ topic }) => topic.node));
  const edges = extraEdges(diagram.edges, placed, spine, parentOf, note);
  files['roadmap.yaml'] = stringify({ sections: yamlSections, ...(edges.length > 0 ? { edges } : {}) }, { lineWidth: 0 });

  const title = givenTitle || heading?.label || titleFromId(input.id);
  files['roadmap.md'] = roadmapFile(title, placed.length, structure.length);

  for (const item of report.imported) {
    if (item.kind === 'section') report.counts.sections++;
    else report.counts[item.kind === 'topic' ? 'topics' : 'subtopics']++;
    if (item.withContent) report.counts.withContent++;
  }
  report.counts.dropped = report.dropped.length;
  checkLoads(input.id, files);
  return { files, report };
}

function headingUse(titleGiven: boolean, onlySection: boolean): string {
  if (titleGiven) return onlySection ? "the diagram's heading; it titles the roadmap's one section" : DECORATION.title ?? '';
  return `the diagram's heading; it titles the roadmap${onlySection ? ' and its one section' : ''}`;
}

/** Matches content files to nodes; a file for no imported node is reported, never used. */
function topicTexts(contentFiles: Record<string, string>, nodes: DiagramNode[], note: (line: string) => void): Map<string, string> {
  const imported = new Set(nodes.filter((n) => (n.type === 'topic' || n.type === 'subtopic') && n.label !== '').map((n) => n.nodeId));
  const texts = new Map<string, string>();
  for (const name of Object.keys(contentFiles).sort()) {
    const text = contentFiles[name];
    const nodeId = nodeIdOfContentFile(name);
    if (typeof text !== 'string' || nodeId === null || !imported.has(nodeId)) note(`content file ${quote(name)} matches no imported topic; it was not used`);
    else if (texts.has(nodeId)) note(`content file ${quote(name)} is a second file for the same node; it was not used`);
    else texts.set(nodeId, text);
  }
  return texts;
}

/**
 * A topic file within the 20 KB limit: paragraphs of a long explanation are dropped from the end,
 * then resources, until it fits. A topic without an explanation says so in one neutral line.
 */
function topicFile(title: string, body: string, resources: Resource[], note: (line: string) => void): string {
  const render = (text: string, list: Resource[]) =>
    `---\n${stringify({ title, ...TOPIC_DEFAULTS, prerequisites: [], resources: list }, { lineWidth: 0 })}---\n\n${text || placeholderBody(title)}\n`;
  const fits = (text: string) => Buffer.byteLength(text) <= SIZE_LIMITS.topicFileBytes;
  const paragraphs = body.split('\n\n');
  let list = resources;
  let file = render(body, list);
  while (!fits(file) && paragraphs.length > 0) {
    paragraphs.pop();
    file = render(paragraphs.join('\n\n'), list);
  }
  while (!fits(file) && list.length > 0) {
    list = list.slice(0, -1);
    file = render('', list);
  }
  if (paragraphs.length < body.split('\n\n').length || list.length < resources.length) {
    note(`${quote(title)}: the text was shortened to fit the ${SIZE_LIMITS.topicFileBytes / 1024} KB limit of a topic file`);
  }
  return file;
}

/** What a topic without a text says until someone writes one. */
function placeholderBody(title: string): string {
  return `Notes on ${escapeMarkdown(title)} will go here.`;
}

function roadmapFile(title: string, topics: number, sections: number): string {
  const description = `A learning roadmap for ${title}: ${topics} topics in ${sections} section${sections === 1 ? '' : 's'}.`;
  const meta = { version: 1, briefTitle: title, briefDescription: `Step by step through ${title}.`, title, description, isForkable: true, checks: 'structural' };
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n\n${escapeMarkdown(description)}\n`;
}

/** Escapes what would make a title inside a sentence into Markdown syntax (emphasis, links, code, HTML). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()<>|~]/g, '\\$&');
}


/** `shell-basics` → `Shell basics`. */
function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The import's own guarantee: what it returns loads with no issue. A failure here is a defect of the importer. */
function checkLoads(id: string, files: Record<string, string>): void {
  const { issues } = loadRoadmap(id, new MemoryFiles(files), { rules: 'structural' });
  if (issues.length > 0) throw new ImportError(['the importer made files that do not load (please report this):', ...issues.slice(0, 10).map(formatIssue)]);
}


/** Hands out unique ids: reserved topic ids get a `-topic` suffix, repeats `-2`, `-3`, … */
class IdAllocator {
  private readonly taken = new Set<string>();

  claim(text: string, fallback: string, reservedSuffix?: string): string {
    let base = kebabId(text) || fallback;
    if (reservedSuffix && RESERVED_TOPIC_IDS.has(base)) base = withSuffix(base, reservedSuffix);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = withSuffix(base, String(n));
    this.taken.add(id);
    return id;
  }
}

function withSuffix(base: string, suffix: string): string {
  return `${base.slice(0, ID_MAX_LENGTH - suffix.length - 1).replace(/-+$/, '')}-${suffix}`;
}

/**
 * Legend labels are free text in the editor; these keywords say which Milepost mark one means.
 * The negative is tested first, since "not recommended" also contains "recommend".
 */
class MarkReader {
  private readonly unknown = new Map<string, number>();

  constructor(private readonly note: (line: string) => void) {}

  of(node: DiagramNode): Mark | null {
    if (node.legend === null) return null;
    const text = node.legend.toLowerCase().replace(/[’‘]/g, "'");
    if (/not recommend|n't recommend|wouldn't|would not/.test(text)) return 'not-recommended';
    if (/recommend|opinion/.test(text)) return 'recommended';
    if (/alternative|pick/.test(text)) return 'alternative';
    if (/order|anytime|any time/.test(text)) return 'any-order';
    this.unknown.set(node.legend, (this.unknown.get(node.legend) ?? 0) + 1);
    return null;
  }

  reportUnknown(): void {
    for (const [label, count] of this.unknown) {
      this.note(`legend ${quote(label)} (on ${count} node${count === 1 ? '' : 's'}) matches no Milepost mark; those nodes have no mark`);
    }
  }
}
