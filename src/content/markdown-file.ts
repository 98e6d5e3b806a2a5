/** A Markdown file with YAML front matter, checked against a schema, with line numbers kept for messages. */
import type { Static, TSchema } from 'typebox';
import type { ContentIssue } from './content-issue.js';
import type { RoadmapFiles } from './roadmap-files.js';
import { YamlSource, splitFrontMatter } from './yaml-source.js';

export interface ParsedMarkdown<T> {
  source: YamlSource;
  /** The front matter, or undefined when it broke the schema (the issues say why). */
  data: T | undefined;
  body: string;
  /** Line of the file where the body starts. */
  bodyLine: number;
}

/**
 * Parses `name` from `files`; null when the file does not exist or has no front matter (then
 * an issue says so). `file` is the path shown in messages.
 */
export function readMarkdown<S extends TSchema>(
  files: RoadmapFiles,
  name: string,
  file: string,
  schema: S,
  issues: ContentIssue[],
): ParsedMarkdown<Static<S>> | null {
  const text = files.read(name);
  if (text === null) return null;
  const { frontMatter, body, bodyLine } = splitFrontMatter(text);
  if (frontMatter === null) {
    issues.push({ file, line: 1, message: 'missing front matter (the file must start with a --- block)' });
    return null;
  }
  const source = new YamlSource(file, frontMatter, 1);
  const data = source.check(schema, issues, 'front matter');
  return { source, data, body, bodyLine };
}
