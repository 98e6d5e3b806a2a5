/**
 * How the editor lists a roadmap's files and ties the server's problems to them: the structure
 * first, then the metadata, the topics by title, then everything else by name.
 */
import type { EditorFiles, EditorIssue } from './editor-api.js';

export interface FileEntry {
  name: string;
  /** What the list shows: a topic's title, or the file's name. */
  label: string;
  group: 'roadmap' | 'topics' | 'other';
}

const TOP = ['roadmap.yaml', 'roadmap.md'];

/** The `title` in a Markdown file's front matter, unquoted, or null. */
export function frontMatterTitle(text: string): string | null {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const line = front ? /^title:[ \t]*(.+?)[ \t]*$/m.exec(front[1]!) : null;
  if (!line) return null;
  const raw = line[1]!.replace(/[ \t]+#.*$/, '');
  const quoted = /^(['"])(.*)\1$/.exec(raw);
  const title = quoted ? (quoted[1] === "'" ? quoted[2]!.replace(/''/g, "'") : quoted[2]!) : raw;
  return title.trim() || null;
}

/** The topic id of `topics/<id>.md`, or null for any other file. */
export function topicIdOf(name: string): string | null {
  const match = /^topics\/([^/]+)\.md$/.exec(name);
  return match ? match[1]! : null;
}

export function orderFiles(files: EditorFiles): FileEntry[] {
  const names = Object.keys(files);
  const top: FileEntry[] = TOP.filter((n) => n in files).map((name) => ({ name, label: name, group: 'roadmap' }));
  const topics: FileEntry[] = names
    .filter((n) => topicIdOf(n) !== null)
    .map((name) => ({ name, label: frontMatterTitle(files[name]!) ?? topicIdOf(name)!, group: 'topics' as const }))
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) || a.name.localeCompare(b.name));
  const rest: FileEntry[] = names
    .filter((n) => !TOP.includes(n) && topicIdOf(n) === null)
    .sort()
    .map((name) => ({ name, label: name, group: 'other' }));
  return [...top, ...topics, ...rest];
}

/**
 * Which of `names` an issue is about. The server may name files from its own root
 * (`roadmaps/<id>/topics/http.md`), so the longest name that ends the issue's path wins.
 */
export function fileOfIssue(issueFile: string, names: readonly string[]): string | null {
  const path = issueFile.replace(/\\/g, '/');
  let best: string | null = null;
  for (const name of names) {
    if ((path === name || path.endsWith(`/${name}`)) && (best === null || name.length > best.length)) best = name;
  }
  return best;
}

export interface PlacedIssue extends EditorIssue {
  /** The file it is about among the editor's files, or null when none matches (a missing file). */
  name: string | null;
}

export function placeIssues(issues: readonly EditorIssue[], names: readonly string[]): PlacedIssue[] {
  return issues.map((issue) => ({ ...issue, name: fileOfIssue(issue.file, names) }));
}

export function countByFile(issues: readonly PlacedIssue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) if (issue.name) counts.set(issue.name, (counts.get(issue.name) ?? 0) + 1);
  return counts;
}

/** The issue's path from the roadmap's own root, for display (`topics/http.md`), when it names no file here. */
export function shortIssueFile(issue: PlacedIssue): string {
  if (issue.name) return issue.name;
  const match = /(?:^|\/)((?:topics|projects|questions)\/[^/]+|roadmap\.md|roadmap\.yaml|faq\.md|guide\.md)$/.exec(issue.file);
  return match ? match[1]! : issue.file;
}
