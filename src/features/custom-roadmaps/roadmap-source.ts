/**
 * A user roadmap's files: the limits they must fit, the check that turns them into a Roadmap
 * (the structural rules only, never the editorial bars), and the files a new roadmap starts from.
 */
import { parseDocument, stringify } from 'yaml';
import type { ContentIssue } from '../../content/content-issue.js';
import { isRoadmapFileName, MemoryFiles } from '../../content/roadmap-files.js';
import { loadRoadmap } from '../../content/roadmap-loader.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import { splitFrontMatter } from '../../content/yaml-source.js';
import { SIZE_LIMITS } from '../../content/structural-rules.js';
import { AppError, type FileIssue } from '../../errors.js';

export const CUSTOM_ROADMAP_LIMITS = {
  /** Roadmaps one account may own (deleted ones do not count). */
  perUser: 50,
  topics: SIZE_LIMITS.topics,
  topicFileBytes: SIZE_LIMITS.topicFileBytes,
  /** Every file of one roadmap together. */
  sourceBytes: 6 * 1024 * 1024,
  /** One import: the JSON and its content files. */
  importBytes: 2 * 1024 * 1024,
  files: 2_000,
  titleChars: 80,
} as const;

export type SourceFiles = Record<string, string>;

export interface CheckedSource {
  /** The roadmap the files make, or null when they make none at all. */
  roadmap: Roadmap | null;
  issues: FileIssue[];
}

function bytesOf(files: SourceFiles): number {
  let total = 0;
  for (const [name, text] of Object.entries(files)) total += Buffer.byteLength(name) + Buffer.byteLength(text);
  return total;
}

/** Refuses files past the size limits with 413; a topic file past its own limit is a problem at its line 1 instead (422). */
export function assertSourceSize(files: SourceFiles): void {
  const count = Object.keys(files).length;
  if (count > CUSTOM_ROADMAP_LIMITS.files) {
    throw new AppError('roadmap_too_large', `A roadmap may have at most ${CUSTOM_ROADMAP_LIMITS.files} files; this one has ${count}.`);
  }
  const bytes = bytesOf(files);
  if (bytes > CUSTOM_ROADMAP_LIMITS.sourceBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new AppError(
      'roadmap_too_large',
      `A roadmap's files may hold at most ${mb(CUSTOM_ROADMAP_LIMITS.sourceBytes)} MB together; these hold ${mb(bytes)} MB.`,
    );
  }
}

/** Loads the files as the user roadmap `id` with the structural rules; problems name the file as the editor shows it (`topics/dns.md`). */
export function checkSource(id: string, files: SourceFiles, others: (id: string) => Roadmap | undefined): CheckedSource {
  assertSourceSize(files);
  const issues: FileIssue[] = [];
  for (const name of Object.keys(files).sort()) {
    if (!isRoadmapFileName(name)) {
      issues.push({
        file: name,
        line: 1,
        message: 'not a roadmap file: use roadmap.md, roadmap.yaml, faq.md, guide.md, topics/<id>.md, projects/<id>.md or questions/<id>.yaml',
      });
    }
  }
  const { roadmap, issues: found } = loadRoadmap(id, new MemoryFiles(files), { rules: 'structural', base: id, path: `/r/${id}`, others });
  const prefix = `${id}/`;
  for (const issue of found) issues.push(fileIssue(issue, prefix));
  return { roadmap, issues };
}

function fileIssue(issue: ContentIssue, prefix: string): FileIssue {
  const file = issue.file.startsWith(prefix) ? issue.file.slice(prefix.length) : issue.file;
  return { file, line: issue.line, message: issue.message };
}

/** Throws `invalid_roadmap` with every problem unless the files make a roadmap without any. */
export function validRoadmap(id: string, files: SourceFiles, others: (id: string) => Roadmap | undefined): Roadmap {
  const { roadmap, issues } = checkSource(id, files, others);
  if (!roadmap || issues.length > 0) {
    const first = issues[0];
    const summary = first ? `${first.file}:${first.line}: ${first.message}` : 'the files make no roadmap';
    throw new AppError('invalid_roadmap', `The roadmap has ${Math.max(1, issues.length)} problem(s); nothing was saved. First: ${summary}`, {
      issues: issues.length > 0 ? issues : [{ file: 'roadmap.md', line: 1, message: 'the files make no roadmap' }],
    });
  }
  return roadmap;
}

/** The files of a new, blank roadmap: one section with one topic, ready to edit. */
export function blankFiles(title: string): SourceFiles {
  const front = stringify({
    version: 1,
    briefTitle: title,
    briefDescription: `A roadmap written on Milepost: ${title}.`,
    title,
    description: `A learning path for ${title}, written on Milepost.`,
    isForkable: true,
  });
  return {
    'roadmap.md': `---\n${front}---\n\nWhat this roadmap is for, and who it is for.\n`,
    'roadmap.yaml': 'sections:\n  - id: getting-started\n    title: Getting started\n    topics:\n      - id: first-topic\n',
    'topics/first-topic.md':
      '---\ntitle: First topic\nlevel: beginner\nhours: 1\nprerequisites: []\nresources: []\n---\n\nWrite what a learner should know about this topic, and why it comes first.\n',
  };
}

/** Front-matter keys that describe an official roadmap's own pages and files, not its content. */
const OFFICIAL_ONLY_KEYS = ['jsonUrl', 'pdfUrl', 'order', 'schema', 'seo', 'sitemap', 'checks'];

/** roadmap.md with a new title (and brief title); with `asFork`, without the keys that name the source's own pages. */
export function retitledMain(text: string, title: string, { asFork = false }: { asFork?: boolean } = {}): string {
  const { frontMatter, body } = splitFrontMatter(text);
  const doc = parseDocument(frontMatter ?? '{}');
  if (doc.errors.length > 0) throw new AppError('invalid_roadmap', 'roadmap.md has front matter that is not valid YAML; fix it in the editor first.');
  doc.set('title', title);
  doc.set('briefTitle', title);
  if (asFork) for (const key of OFFICIAL_ONLY_KEYS) doc.delete(key);
  return `---\n${doc.toString()}---\n${body.startsWith('\n') ? body : `\n${body}`}`;
}

/** A title as a user typed it: trimmed, single-spaced, within the limit. */
export function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) throw new AppError('invalid_input', 'Give the roadmap a title.');
  if (clean.length > CUSTOM_ROADMAP_LIMITS.titleChars) {
    throw new AppError('invalid_input', `A title may have at most ${CUSTOM_ROADMAP_LIMITS.titleChars} characters.`);
  }
  return clean;
}
