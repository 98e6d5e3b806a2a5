/**
 * Rules that span files: prerequisites and their cycles, reserved ids, quality bars for
 * topic text and resources, repeated paragraphs, and internal links in Markdown.
 */
import type { ContentIssue } from './content-issue.js';
import { countProseWords, proseParagraphs } from './markdown.js';
import type { Content, Roadmap } from './roadmap-model.js';
import type { YamlSource } from './yaml-source.js';

/** Where each parsed file of a roadmap came from, keyed by its path inside the roadmap folder. */
export type SourceIndex = Map<string, { source: YamlSource; bodyLine: number; body?: string }>;

export const QUALITY_BARS = {
  minWords: 120,
  maxWords: 350,
  minResources: 3,
  maxResources: 8,
  /** Paragraphs shorter than this may repeat (short list items, labels). */
  repeatedParagraphWords: 8,
} as const;

/** Ids that would clash with the roadmap's own pages. */
export const RESERVED_TOPIC_IDS = new Set(['guide', 'projects', 'faq']);

const PLACEHOLDERS = new Set(['{{totalHours}}', '{{paceTable}}']);

export function checkRoadmapRules(roadmap: Roadmap, content: Content, sources: SourceIndex, issues: ContentIssue[]): void {
  const rel = (name: string) => `roadmaps/${roadmap.id}/${name}`;
  const structure = sources.get('roadmap.yaml')?.source;

  for (const topic of roadmap.topics.values()) {
    const file = `topics/${topic.id}.md`;
    const entry = sources.get(file);
    if (!entry) continue;
    const { source, bodyLine } = entry;
    if (RESERVED_TOPIC_IDS.has(topic.id)) {
      issues.push({ file: structure?.file ?? rel('roadmap.yaml'), line: 1, message: `topic id "${topic.id}" is reserved for a page of the roadmap` });
    }
    topic.prerequisites.forEach((pre, i) => {
      if (pre === topic.id) issues.push(source.issue(['prerequisites', i], `topic cannot be its own prerequisite`));
      else if (!roadmap.topics.has(pre)) issues.push(source.issue(['prerequisites', i], `unknown prerequisite "${pre}"`));
    });
    const { minResources, maxResources, minWords, maxWords } = QUALITY_BARS;
    if (topic.resources.length < minResources || topic.resources.length > maxResources) {
      issues.push(source.issue(['resources'], `needs ${minResources}–${maxResources} resources, has ${topic.resources.length}`));
    }
    const urls = new Map<string, number>();
    topic.resources.forEach((r, i) => {
      const first = urls.get(r.url);
      if (first !== undefined) issues.push(source.issue(['resources', i, 'url'], `duplicate resource URL (also resource ${first + 1})`));
      else urls.set(r.url, i);
    });
    const words = countProseWords(topic.body);
    if (words < minWords || words > maxWords) {
      issues.push({ file: source.file, line: bodyLine, message: `explanation has ${words} words; it needs ${minWords}–${maxWords}` });
    }
  }

  checkPrerequisiteCycles(roadmap, sources, issues);
  checkRepeatedParagraphs(roadmap, sources, issues);

  for (const project of roadmap.projects) {
    const entry = sources.get(`projects/${project.id}.md`);
    project.topics.forEach((t, i) => {
      if (!roadmap.topics.has(t) && entry) issues.push(entry.source.issue(['topics', i], `unknown topic "${t}"`));
    });
  }

  const faq = sources.get('faq.md');
  if (faq) {
    roadmap.faq.forEach((item) => {
      const line = lineOfText(faq.body ?? '', `## ${item.question}`, faq.bodyLine);
      if (!item.question.endsWith('?')) issues.push({ file: faq.source.file, line, message: 'an FAQ heading must be a question ending in "?"' });
      if (item.answer === '') issues.push({ file: faq.source.file, line, message: `question "${item.question}" has no answer` });
    });
  }

  for (const [name, entry] of sources) {
    if (entry.body === undefined) continue;
    checkInternalLinks(roadmap, content, entry.body, entry.source.file, entry.bodyLine, issues);
    if (name !== 'faq.md') continue;
    for (const match of entry.body.matchAll(/\{\{[^}]*\}\}/g)) {
      if (!PLACEHOLDERS.has(match[0])) {
        issues.push({ file: entry.source.file, line: lineAt(entry.body, match.index, entry.bodyLine), message: `unknown placeholder ${match[0]}` });
      }
    }
  }
}

function checkPrerequisiteCycles(roadmap: Roadmap, sources: SourceIndex, issues: ContentIssue[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    const topic = roadmap.topics.get(id);
    topic?.prerequisites.forEach((pre, i) => {
      if (!roadmap.topics.has(pre) || pre === id) return;
      if (state.get(pre) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(pre)), pre];
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          const source = sources.get(`topics/${id}.md`)?.source;
          if (source) issues.push(source.issue(['prerequisites', i], `prerequisite cycle: ${cycle.join(' → ')}`));
        }
      } else if (!state.has(pre)) {
        visit(pre);
      }
    });
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of roadmap.order) if (!state.has(id)) visit(id);
}

function checkRepeatedParagraphs(roadmap: Roadmap, sources: SourceIndex, issues: ContentIssue[]): void {
  const seen = new Map<string, string>();
  for (const topic of roadmap.topics.values()) {
    const entry = sources.get(`topics/${topic.id}.md`);
    if (!entry) continue;
    for (const paragraph of new Set(proseParagraphs(topic.body))) {
      if (paragraph.split(' ').length < QUALITY_BARS.repeatedParagraphWords) continue;
      const first = seen.get(paragraph);
      if (first !== undefined && first !== topic.id) {
        issues.push({
          file: entry.source.file,
          line: entry.bodyLine,
          message: `paragraph repeated from topic "${first}": "${paragraph.slice(0, 60)}…"`,
        });
      } else {
        seen.set(paragraph, topic.id);
      }
    }
  }
}

/** Site links in Markdown must resolve: `/<roadmap>`, `/<roadmap>/<topic>`, `/<roadmap>/guide`, `/<roadmap>/projects[/<id>]`. */
function checkInternalLinks(roadmap: Roadmap, content: Content, body: string, file: string, bodyLine: number, issues: ContentIssue[]): void {
  for (const match of body.matchAll(/\]\((\/[^)\s]*)\)/g)) {
    const target = match[1] ?? '';
    const [, roadmapId, page, sub, extra] = target.split('#')[0]?.split('/') ?? [];
    const other = roadmapId === undefined ? undefined : roadmapId === roadmap.id ? roadmap : content.roadmaps.get(roadmapId);
    let ok = other !== undefined && extra === undefined;
    if (ok && other && page !== undefined && page !== '') {
      if (page === 'guide') ok = sub === undefined && other.guide !== null;
      else if (page === 'projects') ok = sub === undefined || other.projects.some((p) => p.id === sub);
      else ok = sub === undefined && other.topics.has(page);
    }
    if (!ok) issues.push({ file, line: lineAt(body, match.index, bodyLine), message: `link to ${target} does not resolve` });
  }
}

function lineAt(text: string, offset: number, firstLine: number): number {
  return firstLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
}

function lineOfText(text: string, needle: string, firstLine: number): number {
  const at = text.indexOf(needle);
  return at === -1 ? firstLine : lineAt(text, at, firstLine);
}
