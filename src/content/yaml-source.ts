/**
 * YAML documents that remember where each value came from, so validation errors can point
 * at `file:line`. Used for structure files and for Markdown front matter.
 */
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { TSchema, Static } from 'typebox';
import { schemaProblems } from '../validation/schema-problems.js';
import type { ContentIssue } from './content-issue.js';

/** A YAML library message as a user reads it: its first line, and a stack overflow said plainly. */
function readable(message: string): string {
  return /call stack/i.test(message) ? 'nested too deeply to read' : (message.split('\n')[0] ?? message);
}

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
    let doc: Document;
    try {
      doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    } catch {
      // Only hostile text gets here (nesting deep enough to exhaust the stack).
      doc = parseDocument('');
      this.parseIssues.push({ file, line: lineOffset + 1, message: 'invalid YAML: nested too deeply to read' });
    }
    this.doc = doc;
    for (const err of this.doc.errors) {
      const line = this.lines.linePos(err.pos[0]).line + lineOffset;
      const message = `invalid YAML: ${readable(err.message)}`;
      // One overflow can be reported at several depths; once is enough.
      if (!this.parseIssues.some((i) => i.line === line && i.message === message)) this.parseIssues.push({ file, line, message });
    }
    this.value = this.parseIssues.length > 0 ? undefined : this.toValue();
  }

  /** The document as plain data; aliases that expand past the YAML library's limit (a "billion laughs") are a problem, not a crash. */
  private toValue(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      this.parseIssues.push({ file: this.file, line: this.lineOffset + 1, message: `invalid YAML: ${readable(error instanceof Error ? error.message : 'unreadable')}` });
      return undefined;
    }
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
