/**
 * YAML documents that remember where each value came from, so validation errors can point
 * at `file:line`. Used for structure files and for Markdown front matter.
 */
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { TSchema, Static } from 'typebox';
import { schemaProblems } from '../validation/schema-problems.js';
import type { ContentIssue } from './content-issue.js';

export class YamlSource {
  readonly file: string;
  readonly value: unknown;
  private readonly doc: Document;
  private readonly lines: LineCounter;
  private readonly lineOffset: number;
  readonly parseIssues: ContentIssue[] = [];

  /**
   * @param file path shown in messages
   * @param text the YAML text
   * @param lineOffset lines before the YAML text in the file (front matter starts after `---`)
   */
  constructor(file: string, text: string, lineOffset = 0) {
    this.file = file;
    this.lines = new LineCounter();
    this.lineOffset = lineOffset;
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const err of this.doc.errors) {
      const line = this.lines.linePos(err.pos[0]).line + lineOffset;
      this.parseIssues.push({ file, line, message: `invalid YAML: ${err.message.split('\n')[0]}` });
    }
    this.value = this.parseIssues.length > 0 ? undefined : this.doc.toJS();
  }

  /** Line of the value at `path` (falling back to its nearest existing parent). */
  lineOf(path: readonly (string | number)[]): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line + this.lineOffset;
    }
    return this.lineOffset + 1;
  }

  issue(path: readonly (string | number)[], message: string): ContentIssue {
    return { file: this.file, line: this.lineOf(path), message };
  }

  /**
   * Checks the value against a schema. Returns the typed value, or undefined after
   * pushing one issue per problem (with the offending field's line).
   */
  check<T extends TSchema>(schema: T, issues: ContentIssue[], what: string): Static<T> | undefined {
    if (this.parseIssues.length > 0) {
      issues.push(...this.parseIssues);
      return undefined;
    }
    const value = this.value ?? {};
    const problems = schemaProblems(schema, value);
    if (problems.length === 0) return value as Static<T>;
    for (const { path, message } of problems) issues.push(this.issue(path, `${path.length > 0 ? path.join('.') : what}: ${message}`));
    return undefined;
  }
}

/** Splits `---\nyaml\n---\nbody` into its parts; `frontMatter` is null without a leading fence. */
export function splitFrontMatter(text: string): { frontMatter: string | null; body: string; bodyLine: number } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalized.startsWith('---\n')) return { frontMatter: null, body: normalized, bodyLine: 1 };
  const end = normalized.indexOf('\n---', 3);
  if (end === -1) return { frontMatter: null, body: normalized, bodyLine: 1 };
  const afterFence = normalized.indexOf('\n', end + 4);
  const frontMatter = normalized.slice(4, end + 1);
  const body = afterFence === -1 ? '' : normalized.slice(afterFence + 1);
  const bodyLine = frontMatter.split('\n').length + 2;
  return { frontMatter, body, bodyLine };
}
