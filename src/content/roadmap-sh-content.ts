/**
 * Topic texts in roadmap.sh's layout: one Markdown file per node, named `<slug>@<node-id>.md`,
 * holding `# Title`, the explanation, and the resources as `- [@type@Title](url)` lines. The
 * explanation becomes the topic's body and the links its `resources`, within Milepost's rules.
 */
import { RESOURCE_TYPES, type Resource, type ResourceType } from './content-schema.js';
import { SIZE_LIMITS } from './structural-rules.js';
import { oneLine, quote } from './roadmap-sh-nodes.js';

/** Longest resource title kept; a longer one is cut, so 20 resources always fit a topic file. */
const RESOURCE_TITLE_CHARS = 200;
const RESOURCE_URL_CHARS = 500;

export interface TopicText {
  /** The explanation in Markdown, '' when the file has none. */
  body: string;
  resources: Resource[];
}

/** The node id a content file belongs to (between the last `@` and `.md` of its base name), or null. */
export function nodeIdOfContentFile(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  if (!/\.md$/i.test(base)) return null;
  const at = base.lastIndexOf('@');
  const nodeId = at === -1 ? '' : base.slice(at + 1, -3);
  return nodeId === '' ? null : nodeId;
}

/**
 * Splits a content file into the explanation and its resources. `note` receives a line for every
 * resource changed or left out, naming the topic.
 */
export function readTopicText(text: string, title: string, note: (line: string) => void): TopicText {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const firstText = lines.findIndex((line) => line.trim() !== '');
  if (firstText !== -1 && /^#\s/.test(lines[firstText] ?? '')) lines.splice(firstText, 1);
  const links: { type: string; title: string; url: string }[] = [];
  const prose: string[] = [];
  for (const line of lines) {
    const link = /^\s*[-*]\s+\[@([^@\]]*)@(.*)\]\((\S+)\)\s*$/.exec(line);
    if (link) links.push({ type: link[1] ?? '', title: link[2] ?? '', url: link[3] ?? '' });
    else prose.push(line);
  }
  let body = prose
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  // The line that introduced the links ("… to learn more:") has nothing left to introduce.
  if (links.length > 0) body = body.replace(/(^|\n\n)[^\n]*:$/, '').trim();
  return { body: withoutSiteLinks(body, title, note), resources: toResources(links, title, note) };
}

/**
 * Links to paths of the other site (`/golang`, `/roadmaps/x`) would point nowhere here, and the
 * loader refuses links that do not resolve, so they become their text.
 */
function withoutSiteLinks(body: string, title: string, note: (line: string) => void): string {
  let count = 0;
  const plain = body
    .replace(/\[([^\]\n]*)\]\(\/[^)\s]*\)/g, (_, text: string) => {
      count++;
      return text;
    })
    .replace(/\]\(\//g, ']\\(/');
  if (count > 0) note(`${quote(title)}: ${count === 1 ? 'a link' : `${count} links`} to pages of the other site became plain text`);
  return plain;
}

function toResources(links: { type: string; title: string; url: string }[], title: string, note: (line: string) => void): Resource[] {
  const resources: Resource[] = [];
  const seen = new Set<string>();
  const topic = quote(title);
  for (const link of links) {
    const url = httpsUrl(link.url);
    if (url === null) {
      note(`${topic}: resource ${quote(link.url)} was left out: only http(s) links of at most ${RESOURCE_URL_CHARS} characters are kept`);
      continue;
    }
    if (url.startsWith('https:') && !link.url.toLowerCase().startsWith('https:')) note(`${topic}: resource ${quote(link.url)} now uses https`);
    if (seen.has(url)) {
      note(`${topic}: resource ${quote(url)} was listed twice; kept once`);
      continue;
    }
    if (resources.length === SIZE_LIMITS.resourcesPerTopic) {
      note(`${topic}: resource ${quote(url)} was left out: a topic lists at most ${SIZE_LIMITS.resourcesPerTopic} resources`);
      continue;
    }
    seen.add(url);
    const typeName = link.type.trim().toLowerCase();
    const known = (RESOURCE_TYPES as readonly string[]).includes(typeName);
    if (!known) note(`${topic}: resource type ${quote(typeName)} is not one of Milepost's; ${quote(url)} is listed as "article"`);
    const name = oneLine(link.title);
    resources.push({
      type: known ? (typeName as ResourceType) : 'article',
      title: name === '' ? new URL(url).hostname : cut(name, RESOURCE_TITLE_CHARS),
      url,
    });
  }
  return resources;
}

/** The link as an https URL, or null for anything else (`javascript:`, `ftp:`, a relative path, junk). */
function httpsUrl(text: string): string | null {
  if (text.length > RESOURCE_URL_CHARS) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  url.protocol = 'https:';
  return url.href;
}

/** `text` cut to at most `max` UTF-16 units, ending in `…` when cut, never splitting a character. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}
