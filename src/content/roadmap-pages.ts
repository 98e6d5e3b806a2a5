/** The roadmap's own pages besides its topics: the FAQ, the step-by-step guide and the project briefs. */
import { isId } from '../shared/ids.js';
import type { ContentIssue } from './content-issue.js';
import { PageFrontMatter, ProjectFrontMatter } from './content-schema.js';
import { readMarkdown } from './markdown-file.js';
import type { RoadmapFiles } from './roadmap-files.js';
import type { FaqEntry, Guide, Project } from './roadmap-model.js';
import type { SourceIndex } from './structural-rules.js';

type Rel = (name: string) => string;

export function loadFaq(files: RoadmapFiles, rel: Rel, issues: ContentIssue[], sources: SourceIndex): FaqEntry[] {
  const parsed = readMarkdown(files, 'faq.md', rel('faq.md'), PageFrontMatter, issues);
  if (!parsed?.data) return [];
  sources.set('faq.md', { source: parsed.source, bodyLine: parsed.bodyLine, body: parsed.body });
  const entries: FaqEntry[] = [];
  const parts = parsed.body.split(/^## +/m);
  if (parts[0]?.trim()) issues.push({ file: rel('faq.md'), line: parsed.bodyLine, message: 'text before the first "## question" heading' });
  for (const part of parts.slice(1)) {
    const newline = part.indexOf('\n');
    const question = (newline === -1 ? part : part.slice(0, newline)).trim();
    const answer = newline === -1 ? '' : part.slice(newline + 1).trim();
    entries.push({ question, answer });
  }
  return entries;
}

export function loadGuide(files: RoadmapFiles, rel: Rel, issues: ContentIssue[], sources: SourceIndex): Guide | null {
  const parsed = readMarkdown(files, 'guide.md', rel('guide.md'), PageFrontMatter, issues);
  if (!parsed?.data) return null;
  sources.set('guide.md', { source: parsed.source, bodyLine: parsed.bodyLine, body: parsed.body });
  return { title: parsed.data.title, description: parsed.data.description ?? '', body: parsed.body.trim() };
}

const RANK = { beginner: 0, intermediate: 1, advanced: 2 } as const;

export function loadProjects(files: RoadmapFiles, rel: Rel, issues: ContentIssue[], sources: SourceIndex): Project[] {
  const projects: Project[] = [];
  for (const file of files.list('projects', '.md')) {
    const id = file.slice(0, -3);
    const name = `projects/${file}`;
    if (!isId(id)) {
      issues.push({ file: rel(name), line: 1, message: 'project file name must be a kebab-case id' });
      continue;
    }
    const parsed = readMarkdown(files, name, rel(name), ProjectFrontMatter, issues);
    if (!parsed?.data) continue;
    for (const heading of ['Goal', 'Requirements', 'Stretch goals']) {
      if (!new RegExp(`^## ${heading}\\s*$`, 'm').test(parsed.body)) {
        issues.push({ file: rel(name), line: parsed.bodyLine, message: `missing "## ${heading}" section` });
      }
    }
    sources.set(name, { source: parsed.source, bodyLine: parsed.bodyLine, body: parsed.body });
    projects.push({ id, ...parsed.data, body: parsed.body.trim() });
  }
  return projects.sort((a, b) => RANK[a.difficulty] - RANK[b.difficulty] || a.title.localeCompare(b.title));
}
