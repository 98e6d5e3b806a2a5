/**
 * Custom roadmaps under load: the cached page of a public fork of Backend (anonymous, like the
 * official pages; same target as theirs), and the time to validate and publish a 200-topic
 * roadmap through `PUT /api/v1/roadmaps/{id}/source` (target p99 ≤ 200 ms), timed one save after
 * another within the per-account save limit.
 */
import { load, type Result } from './load.js';
import { signUpWithToken } from './progress-load.js';

export const SAVED_TOPICS = 200;
/** Publishes timed; below the 60 saves a minute one account may make. */
const SAVES = 50;

export interface CustomRoadmapTimes {
  saves: number;
  topics: number;
  bytes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** 200 topics in 10 sections, every fourth with two subtopics, each with a few hundred words and two resources. */
function bigRoadmap(round: number): Record<string, string> {
  const files: Record<string, string> = {
    'roadmap.md': `---\nversion: 1\nbriefTitle: Bench\nbriefDescription: A roadmap of ${SAVED_TOPICS} topics.\ntitle: Bench roadmap\ndescription: A roadmap of ${SAVED_TOPICS} topics, saved again and again.\n---\n\nRound ${round}.\n`,
  };
  const yaml = ['sections:'];
  let made = 0;
  for (let s = 0; made < SAVED_TOPICS; s++) {
    yaml.push(`  - id: section-${s}`, `    title: Section ${s}`, '    topics:');
    for (let t = 0; t < 14 && made < SAVED_TOPICS; t++) {
      const id = `topic-${made}`;
      yaml.push(`      - id: ${id}`);
      made += 1;
      if (t % 4 === 0 && made + 2 <= SAVED_TOPICS) {
        yaml.push('        subtopics:', `          - id: topic-${made}`, `          - id: topic-${made + 1}`);
        made += 2;
      }
    }
  }
  files['roadmap.yaml'] = `${yaml.join('\n')}\n`;
  for (let i = 0; i < SAVED_TOPICS; i++) {
    const prerequisites = i > 0 && i % 3 === 0 ? `[topic-${i - 1}]` : '[]';
    const body = Array.from(
      { length: 12 },
      (_, p) => `Paragraph ${p} of topic ${i}, round ${round}: what to learn, why it matters and how to practise it.`,
    ).join('\n\n');
    files[`topics/topic-${i}.md`] = [
      '---',
      `title: Topic ${i}`,
      'level: beginner',
      `hours: ${1 + (i % 5)}`,
      `prerequisites: ${prerequisites}`,
      'resources:',
      '  - type: official',
      `    title: Reference ${i}`,
      `    url: https://example.org/reference/${i}`,
      '  - type: article',
      `    title: Article ${i}`,
      `    url: https://example.org/articles/${i}`,
      '---',
      '',
      body,
      '',
    ].join('\n');
  }
  return files;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function loadCustomRoadmaps(base: string, browser: Record<string, string>): Promise<{ results: Result[]; times: CustomRoadmapTimes }> {
  const bearer = await signUpWithToken(base);
  const headers = { ...bearer, 'content-type': 'application/json' };
  const fork = await json(
    await fetch(`${base}/api/v1/roadmaps`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Backend, my way', visibility: 'public', forkOf: 'backend' }),
    }),
  );
  const page = `/r/${String(fork.id)}`;
  const results = [await load(`GET ${page} (a public fork of Backend, anonymous, cached, br)`, `${base}${page}`, browser)];

  const big = await json(await fetch(`${base}/api/v1/roadmaps`, { method: 'POST', headers, body: JSON.stringify({ title: 'Bench roadmap' }) }));
  const url = `${base}/api/v1/roadmaps/${String(big.id)}/source`;
  const durations: number[] = [];
  let version = 1;
  let bytes = 0;
  for (let round = 0; round < SAVES; round++) {
    const body = JSON.stringify({ files: bigRoadmap(round), baseVersion: version });
    bytes = Buffer.byteLength(body);
    const started = performance.now();
    const saved = await json(await fetch(url, { method: 'PUT', headers, body }));
    durations.push(performance.now() - started);
    version = Number(saved.version);
  }
  const sorted = [...durations].sort((a, b) => a - b);
  const ms = (n: number) => Math.round(n * 10) / 10;
  return {
    results,
    times: {
      saves: SAVES,
      topics: SAVED_TOPICS,
      bytes,
      p50Ms: ms(percentile(sorted, 50)),
      p99Ms: ms(percentile(sorted, 99)),
      maxMs: ms(sorted.at(-1) ?? 0),
    },
  };
}
