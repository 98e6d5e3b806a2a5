/**
 * Rules every roadmap must meet, official or written by a user: reserved and unknown ids,
 * prerequisites and their cycles, sizes, FAQ form, and internal links in Markdown that resolve.
 * The editorial bars of official content (word and resource counts) are in editorial-rules.ts.
 */
import type { ContentIssue } from './content-issue.js';
import type { Roadmap } from './roadmap-model.js';
import { RESERVED_TOPIC_IDS } from './reserved-ids.js';
import type { YamlSource } from './yaml-source.js';

/** Where each parsed file of a roadmap came from, keyed by its path inside the roadmap's files. */
export type SourceIndex = Map<string, { source: YamlSource; bodyLine: number; body?: string; bytes?: number }>;

/** Size limits that keep any roadmap cheap to load, lay out and serve. */
export const SIZE_LIMITS = {
  topics: 500,
  topicFileBytes: 20 * 1024,
  resourcesPerTopic: 20,
} as const;

const PLACEHOLDERS = new Set(['{{totalHours}}', '{{paceTable}}']);

export function checkStructuralRules(roadmap: Roadmap, roadmapById: (id: string) => Roadmap | undefined, sources: SourceIndex, issues: ContentIssue[]): void {
  const structure = sources.get('roadmap.yaml')?.source;
  const structureFile = structure?.file ?? `roadmaps/${roadmap.id}/roadmap.yaml`;
  if (roadmap.topics.size > SIZE_LIMITS.topics) {
    issues.push({ file: structureFile, line: 1, message: `a roadmap may have at most ${SIZE_LIMITS.topics} topics; this one has ${roadmap.topics.size}` });
  }
  for (const topic of roadmap.topics.values()) {
    const entry = sources.get(`topics/${topic.id}.md`);
    if (!entry) continue;
    const { source } = entry;
    if (RESERVED_TOPIC_IDS.has(topic.id)) {
      const line = structure?.lineOf(['sections']) ?? 1;
      issues.push({ file: structureFile, line, message: `topic id "${topic.id}" is reserved for a page of the roadmap (/${roadmap.id}/${topic.id})` });
    }
    if ((entry.bytes ?? 0) > SIZE_LIMITS.topicFileBytes) {
      issues.push({ file: source.file, line: 1, message: `a topic file may be at most ${SIZE_LIMITS.topicFileBytes / 1024} KB; this one is ${Math.ceil((entry.bytes ?? 0) / 1024)} KB` });
    }
    if (topic.resources.length > SIZE_LIMITS.resourcesPerTopic) {
      issues.push(source.issue(['resources'], `a topic may list at most ${SIZE_LIMITS.resourcesPerTopic} resources`));
    }
    topic.prerequisites.forEach((pre, i) => {
      if (pre === topic.id) issues.push(source.issue(['prerequisites', i], `topic cannot be its own prerequisite`));
      else if (!roadmap.topics.has(pre)) issues.push(source.issue(['prerequisites', i], `unknown prerequisite "${pre}"`));
    });
    const urls = new Map<string, number>();
    topic.resources.forEach((r, i) => {
      const first = urls.get(r.url);
      if (first !== undefined) issues.push(source.issue(['resources', i, 'url'], `duplicate resource URL (also resource ${first + 1})`));
      else urls.set(r.url, i);
    });
  }

  // A section and a topic with one id would share the address `/<roadmap>/<id>` and its anchors.
  roadmap.sections.forEach((section, i) => {
    if (!roadmap.topics.has(section.id)) return;
    const line = structure?.lineOf(['sections', i, 'id']) ?? 1;
    issues.push({ file: structureFile, line, message: `section id "${section.id}" is also a topic id; give the section an id of its own` });
  });

  checkPrerequisiteCycles(roadmap, sources, issues);

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
    checkInternalLinks(roadmap, roadmapById, entry.body, entry.source.file, entry.bodyLine, issues);
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
    roadmap.topics.get(id)?.prerequisites.forEach((pre, i) => {
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

/** Site links in Markdown must resolve: `/<roadmap>`, `/<roadmap>/<topic>`, `/<roadmap>/guide`, `/<roadmap>/projects[/<id>]` (a user roadmap's own pages are under `/r/<id>`). */
function checkInternalLinks(
  roadmap: Roadmap,
  roadmapById: (id: string) => Roadmap | undefined,
  body: string,
  file: string,
  bodyLine: number,
  issues: ContentIssue[],
): void {
  for (const match of body.matchAll(/\]\((\/[^)\s]*)\)/g)) {
    const target = match[1] ?? '';
    const path = target.split('#')[0] ?? '';
    // The roadmap's own pages are under its path (`/backend`, or `/r/<id>` for a user roadmap).
    const own = path === roadmap.path || path.startsWith(`${roadmap.path}/`);
    const [, roadmapId, page, sub, extra] = own ? ['', roadmap.id, ...path.slice(roadmap.path.length + 1).split('/')] : path.split('/');
    const other = own ? roadmap : roadmapId === undefined ? undefined : roadmapById(roadmapId);
    let ok = other !== undefined && extra === undefined;
    if (ok && other && page !== undefined && page !== '') {
      if (page === 'guide') ok = sub === undefined && other.guide !== null;
      else if (page === 'projects') ok = sub === undefined || other.projects.some((p) => p.id === sub);
      else ok = sub === undefined && other.topics.has(page);
    }
    if (!ok) issues.push({ file, line: lineAt(body, match.index, bodyLine), message: `link to ${target} does not resolve` });
  }
}

export function lineAt(text: string, offset: number, firstLine: number): number {
  return firstLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
}

function lineOfText(text: string, needle: string, firstLine: number): number {
  const at = text.indexOf(needle);
  return at === -1 ? firstLine : lineAt(text, at, firstLine);
}
