/**
 * The one Markdown renderer. Raw HTML is escaped rather than passed through, and links
 * may only use http, https and mailto, or point inside the site (`/path`, `#anchor`).
 */
import MarkdownIt from 'markdown-it';

const SAFE_SCHEME = /^(https?:|mailto:)/i;

/** True when a link target is allowed in rendered Markdown. */
export function isSafeLink(url: string): boolean {
  const trimmed = url.trim();
  if (SAFE_SCHEME.test(trimmed)) return true;
  if (trimmed.startsWith('#')) return true;
  // Site-relative paths only; `//host` is protocol-relative and leaves the site.
  return trimmed.startsWith('/') && !trimmed.startsWith('//') && !trimmed.startsWith('/\\');
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
md.validateLink = (url) => isSafeLink(url);

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet('href') ?? '');
  if (token && /^https?:/i.test(href)) token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Code blocks scroll sideways, so they must be reachable by keyboard.
for (const rule of ['fence', 'code_block'] as const) {
  const original = md.renderer.rules[rule];
  md.renderer.rules[rule] = (tokens, idx, options, env, self) => (original?.(tokens, idx, options, env, self) ?? '').replace(/^<pre>/, '<pre tabindex="0">');
}

export interface RenderOptions {
  /** Level the document's highest heading becomes, so headings follow the page's outline. */
  topHeading?: number;
}

/** Renders Markdown to safe HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const env = {};
  const tokens = md.parse(source, env);
  if (options.topHeading !== undefined) {
    const levels = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
    const shift = levels.length > 0 ? options.topHeading - Math.min(...levels) : 0;
    for (const token of tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
    }
  }
  return md.renderer.render(tokens, md.options, env);
}

/** The Markdown's tokens, under the same rules as the HTML (unsafe links are left as text), for renderers of other formats (PDF). */
export function parseMarkdown(source: string): MarkdownToken[] {
  return md.parse(source, {});
}

export type MarkdownToken = ReturnType<typeof md.parse>[number];

/** Renders a single line of Markdown (no paragraph wrapper). */
export function renderInlineMarkdown(source: string): string {
  return md.renderInline(source);
}

/** Counts prose words: code blocks and Markdown punctuation are not words. */
export function countProseWords(source: string): number {
  const prose = source.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, 'code');
  return prose.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** The http and https link targets of a Markdown text, in order, each once. */
export function externalLinks(source: string): string[] {
  const found = new Set<string>();
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.type === 'link_open') {
        const href = String(token.attrGet('href') ?? '');
        if (/^https?:\/\//i.test(href)) found.add(href);
      }
      if (token.children) walk(token.children);
    }
  };
  walk(md.parse(source, {}));
  return [...found];
}

/** Splits Markdown into normalised prose paragraphs (code blocks, headings and list markers removed). */
export function proseParagraphs(source: string): string[] {
  return source
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\s*(#+|[-*+]|\d+\.)\s+/gm, '').replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((p) => p.length > 0);
}
