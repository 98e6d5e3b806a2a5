/**
 * `milepost links check [--roadmap <id>] [--timeout <ms>] [--concurrency <n>] [--slow <ms>]`:
 * requests every outside link of the content (topic resources and links in topic texts, the FAQ,
 * the guide and the project briefs) and reports the broken ones, the redirects with their
 * target, and the slow answers. Exits 1 when a link is broken, so a scheduled job can alert.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { externalLinks } from '../../content/markdown.js';
import { loadContent } from '../../content/roadmap-loader.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import type { CliIo } from '../command-context.js';

/** One outside link and the files that hold it. */
export interface LinkRef {
  url: string;
  files: string[];
}

export interface LinkCheckOptions {
  timeoutMs: number;
  concurrency: number;
  slowMs: number;
  userAgent: string;
  /** Extra certificate authorities to trust (PEM), beside the system ones. */
  ca?: string | Buffer;
}

export type LinkResult =
  | { url: string; kind: 'ok'; status: number; ms: number }
  | { url: string; kind: 'redirect'; status: number; ms: number; target: string; finalStatus: number }
  | { url: string; kind: 'broken'; reason: string; ms: number };

const MAX_REDIRECTS = 5;

/** Who is asking, so that site owners can tell the checker from a browser, and whose instance it is. */
export function linkCheckUserAgent(baseUrl: string): string {
  return `Milepost-LinkCheck/1.0 (+${baseUrl})`;
}

/** Every outside link of `roadmap`, each once, with where it appears. */
export function linksOf(roadmap: Roadmap): LinkRef[] {
  const byUrl = new Map<string, Set<string>>();
  const add = (url: string, file: string) => {
    const files = byUrl.get(url) ?? new Set<string>();
    files.add(`roadmaps/${roadmap.id}/${file}`);
    byUrl.set(url, files);
  };
  for (const topic of roadmap.topics.values()) {
    for (const resource of topic.resources) add(resource.url, `topics/${topic.id}.md`);
    for (const url of externalLinks(topic.body)) add(url, `topics/${topic.id}.md`);
  }
  for (const entry of roadmap.faq) for (const url of externalLinks(entry.answer)) add(url, 'faq.md');
  if (roadmap.guide) for (const url of externalLinks(roadmap.guide.body)) add(url, 'guide.md');
  for (const project of roadmap.projects) for (const url of externalLinks(project.body)) add(url, `projects/${project.id}.md`);
  return [...byUrl].map(([url, files]) => ({ url, files: [...files] }));
}

interface Answer {
  status: number;
  location: string | undefined;
}

/** One request, without following redirects; the body is not read. */
function request(url: URL, method: 'HEAD' | 'GET', options: LinkCheckOptions): Promise<Answer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method,
        headers: { 'user-agent': options.userAgent, accept: '*/*' },
        timeout: options.timeoutMs,
        ...(url.protocol === 'https:' && options.ca ? { ca: [...tls.rootCertificates, options.ca] } : {}),
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        res.destroy();
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** HEAD first; servers that refuse HEAD are asked again with GET. */
async function ask(url: URL, options: LinkCheckOptions): Promise<Answer> {
  const head = await request(url, 'HEAD', options);
  if ([403, 404, 405, 501].includes(head.status)) return request(url, 'GET', options);
  return head;
}

export async function checkLink(url: string, options: LinkCheckOptions): Promise<LinkResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  try {
    let current = new URL(url);
    let first: Answer | undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const answer = await ask(current, options);
      first ??= answer;
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        current = new URL(answer.location, current);
        continue;
      }
      if (answer.status >= 400 || answer.status < 200) {
        const where = current.href === url ? '' : ` after redirects to ${current.href}`;
        return { url, kind: 'broken', reason: `HTTP ${answer.status}${where}`, ms: ms() };
      }
      if (current.href !== url) return { url, kind: 'redirect', status: first.status, ms: ms(), target: current.href, finalStatus: answer.status };
      return { url, kind: 'ok', status: answer.status, ms: ms() };
    }
    return { url, kind: 'broken', reason: `more than ${MAX_REDIRECTS} redirects`, ms: ms() };
  } catch (error) {
    return { url, kind: 'broken', reason: error instanceof Error ? error.message : String(error), ms: ms() };
  }
}

/** Checks every link, at most `concurrency` at once; results come back in the links' order. */
export async function checkLinks(links: readonly LinkRef[], options: LinkCheckOptions): Promise<LinkResult[]> {
  const results: LinkResult[] = new Array(links.length);
  let next = 0;
  const worker = async () => {
    while (next < links.length) {
      const i = next++;
      results[i] = await checkLink(links[i]!.url, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, links.length) }, worker));
  return results;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a whole number above 0, not "${value}".`);
  return n;
}

export async function linksCheckCommand(
  dir: string,
  args: string[],
  io: CliIo,
  defaults: Partial<LinkCheckOptions> & { userAgent: string },
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { roadmap: { type: 'string' }, timeout: { type: 'string' }, concurrency: { type: 'string' }, slow: { type: 'string' } },
    strict: true,
  });
  const options: LinkCheckOptions = {
    ...defaults,
    timeoutMs: positiveInt(values.timeout, 'timeout', defaults.timeoutMs ?? 10_000),
    concurrency: positiveInt(values.concurrency, 'concurrency', defaults.concurrency ?? 8),
    slowMs: positiveInt(values.slow, 'slow', defaults.slowMs ?? 3_000),
  };
  const { content } = loadContent(dir);
  const roadmaps = [...content.roadmaps.values()].filter((r) => !values.roadmap || r.id === values.roadmap);
  if (roadmaps.length === 0) {
    io.err(values.roadmap ? `No roadmap "${values.roadmap}" in ${dir}.` : `No roadmaps in ${dir}.`);
    return 1;
  }
  const links = roadmaps.flatMap(linksOf);
  io.out(`Checking ${links.length} links (${options.concurrency} at a time, ${options.timeoutMs} ms timeout)…`);
  const results = await checkLinks(links, options);
  let broken = 0;
  let redirected = 0;
  let slow = 0;
  results.forEach((result, i) => {
    const where = links[i]!.files.join(', ');
    if (result.kind === 'broken') {
      broken++;
      io.out(`broken    ${result.url} (${result.reason}) in ${where}`);
    } else if (result.kind === 'redirect') {
      redirected++;
      io.out(`redirect  ${result.url} → ${result.target} (${result.status}, then ${result.finalStatus}) in ${where}`);
    }
    if (result.kind !== 'broken' && result.ms >= options.slowMs) {
      slow++;
      io.out(`slow      ${result.url} (${result.ms} ms) in ${where}`);
    }
  });
  io.out(`${links.length} links: ${links.length - broken - redirected} fine, ${redirected} redirected, ${broken} broken, ${slow} slow.`);
  return broken > 0 ? 1 : 0;
}
