/**
 * A cohort's dashboard at scale: a team on the Backend roadmap grown to 500, then 5,000 members
 * with realistic progress (each member somewhere between nothing and most of the roadmap, some
 * topics learning or skipped, a few finished this week). For each size, the owner's progress
 * read (target p99 ≤ 200 ms) with nothing changed, the same read right after a member changed a
 * status (as a live dashboard reads on every change), and the CSV export, each timed request
 * after request; from 500 to 5,000 members the time should grow linearly or better (the read is
 * a constant number of queries, never one per member).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loadContentOrThrow } from '../src/content/roadmap-loader.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { ActivityRepository } from '../src/features/progress/activity-repository.js';
import type { TestDatabase } from '../test/helpers/databases.js';
import { signUpWithToken } from './progress-load.js';

export const TEAM_SIZES = [500, 5_000] as const;
const READS = 30;
const EXPORTS = 10;
const CHUNK = 500;
const DAY_MS = 86_400_000;

export interface TeamTimes {
  members: number;
  progress: { p50Ms: number; p99Ms: number; maxMs: number; bytes: number; wireBytes: number };
  /** The read right after a member's status change. */
  changed: { p50Ms: number; p99Ms: number; maxMs: number };
  csv: { p50Ms: number; maxMs: number; bytes: number };
}

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Members `from` to `to - 1` of the team, with their progress and a week of activity, written straight to the database. */
async function addMembers(db: Database, teamId: string, topics: string[], from: number, to: number): Promise<void> {
  const now = Date.now();
  const users = [];
  const members = [];
  const progress = [];
  const activity = [];
  for (let i = from; i < to; i++) {
    const id = randomUUID();
    const at = new Date(now - (i % 30) * DAY_MS).toISOString();
    users.push({
      id,
      email: `cohort-${i}-${id}@example.org`,
      email_verified_at: at,
      password_hash: 'not-a-hash',
      name: `Learner ${i}`,
      created_at: at,
      updated_at: at,
    });
    members.push({ team_id: teamId, user_id: id, role: 'member', joined_at: at, last_seen: null });
    // From nothing to about 80 % of the roadmap, spread evenly over the cohort.
    const reached = (i * 7919) % Math.floor(topics.length * 0.8);
    for (let t = 0; t < reached; t++) {
      const status = t % 11 === 5 ? 'skipped' : t === reached - 1 ? 'learning' : 'done';
      progress.push({ user_id: id, roadmap_id: 'backend', topic_id: topics[t]!, status, updated_at: at });
    }
    for (let t = Math.max(0, reached - 4); t < reached - 1; t++)
      activity.push({
        user_id: id,
        roadmap_id: 'backend',
        topic_id: topics[t]!,
        status: 'done',
        occurred_at: new Date(now - ((i + t) % 10) * DAY_MS).toISOString(),
      });
  }
  await chunked(users, (chunk) => db.insertInto('users').values(chunk).execute());
  await chunked(members, (chunk) => db.insertInto('team_members').values(chunk).execute());
  await chunked(progress, (chunk) => db.insertInto('progress').values(chunk).execute());
  await new ActivityRepository(db).insert(activity);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** One GET as a browser makes it (brotli or gzip accepted), over a fresh connection: its status and the bytes as they came. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; encoding: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, 'accept-encoding': 'br, gzip' }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, encoding: String(response.headers['content-encoding'] ?? ''), body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * Times `times` reads of `url` (after two that warm the caches), each to the answer's last byte.
 * Decompressing is left to the client, as a browser does it natively: it is not timed here.
 */
async function timed(
  url: string,
  headers: Record<string, string>,
  times: number,
  before?: (i: number) => Promise<void>,
): Promise<{ ms: number[]; bytes: number; wireBytes: number }> {
  const ms: number[] = [];
  let last: Awaited<ReturnType<typeof get>> = { status: 0, encoding: '', body: Buffer.alloc(0) };
  for (let i = 0; i < times + 2; i++) {
    await before?.(i);
    const started = performance.now();
    last = await get(url, headers);
    if (last.status !== 200) throw new Error(`${url} answered ${last.status}: ${last.body.toString('utf8', 0, 300)}`);
    if (i >= 2) ms.push(Math.round((performance.now() - started) * 10) / 10);
  }
  const raw = last.encoding === 'br' ? brotliDecompressSync(last.body) : last.encoding === 'gzip' ? gunzipSync(last.body) : last.body;
  return { ms: ms.sort((a, b) => a - b), bytes: raw.length, wireBytes: last.body.length };
}

/** Grows a team on the app at `base` (on `db`) through TEAM_SIZES and times its dashboard read and CSV export at each size. */
export async function measureTeams(base: string, db: TestDatabase): Promise<TeamTimes[]> {
  const roadmap = loadContentOrThrow('content').roadmaps.get('backend');
  if (!roadmap) throw new Error('the backend roadmap is missing');
  const bearer = await signUpWithToken(base);
  const json = { ...bearer, 'content-type': 'application/json' };
  const made = await fetch(`${base}/api/v1/teams`, { method: 'POST', headers: json, body: JSON.stringify({ name: `Bench cohort ${Date.now()}` }) });
  if (made.status !== 201) throw new Error(`team creation answered ${made.status}`);
  const teamId = ((await made.json()) as { id: string }).id;
  const targetDate = new Date(Date.now() + 120 * DAY_MS).toISOString().slice(0, 10);
  const assigned = await fetch(`${base}/api/v1/teams/${teamId}/roadmaps/backend`, {
    method: 'PUT',
    headers: json,
    body: JSON.stringify({ targetDate }),
  });
  if (assigned.status !== 200) throw new Error(`assignment answered ${assigned.status}`);
  const direct = openDatabase(db.config);
  const out: TeamTimes[] = [];
  try {
    let size = 1;
    for (const members of TEAM_SIZES) {
      await addMembers(direct, teamId, roadmap.order, size, members);
      size = members;
      const read = await timed(`${base}/api/v1/teams/${teamId}/progress`, bearer, READS);
      // The owner is a member too: their status changes, as any member's would, before each read.
      const changed = await timed(`${base}/api/v1/teams/${teamId}/progress`, bearer, READS, async (i) => {
        const topic = roadmap.order[roadmap.order.length - 1]!;
        const put = await fetch(`${base}/api/v1/me/progress/backend/topics/${topic}`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify({ status: i % 2 === 0 ? 'done' : 'pending' }),
        });
        if (put.status !== 200) throw new Error(`the status change answered ${put.status}`);
      });
      const csv = await timed(`${base}/api/v1/teams/${teamId}/progress.csv`, bearer, EXPORTS);
      out.push({
        members,
        progress: {
          p50Ms: percentile(read.ms, 50),
          p99Ms: percentile(read.ms, 99),
          maxMs: read.ms.at(-1) ?? 0,
          bytes: read.bytes,
          wireBytes: read.wireBytes,
        },
        changed: { p50Ms: percentile(changed.ms, 50), p99Ms: percentile(changed.ms, 99), maxMs: changed.ms.at(-1) ?? 0 },
        csv: { p50Ms: percentile(csv.ms, 50), maxMs: csv.ms.at(-1) ?? 0, bytes: csv.bytes },
      });
    }
  } finally {
    await direct.destroy();
  }
  return out;
}

/** One line per dialect: both sizes, and how the time grew for ten times the members. */
export function teamReport(label: string, times: TeamTimes[]): string {
  const [small, large] = times;
  if (!small || !large) return `Team dashboard on ${label}: not measured`;
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  const growth = large.progress.p50Ms / Math.max(0.1, small.progress.p50Ms);
  const csvGrowth = large.csv.p50Ms / Math.max(0.1, small.csv.p50Ms);
  const factor = large.members / small.members;
  const met = large.progress.p99Ms <= 200 && large.changed.p99Ms <= 200 && growth <= factor * 1.1;
  return [
    `Team dashboard on ${label}: ${small.members} members p50 ${small.progress.p50Ms} / p99 ${small.progress.p99Ms} ms (${kb(small.progress.bytes)}, ${kb(small.progress.wireBytes)} sent), ` +
      `after a change p50 ${small.changed.p50Ms} / p99 ${small.changed.p99Ms} ms; ` +
      `${large.members} members p50 ${large.progress.p50Ms} / p99 ${large.progress.p99Ms} ms (${kb(large.progress.bytes)}, ${kb(large.progress.wireBytes)} sent), ` +
      `after a change p50 ${large.changed.p50Ms} / p99 ${large.changed.p99Ms} ms; ` +
      `×${growth.toFixed(1)} for ×${factor} members: ${met ? 'met' : 'MISSED'} (p99 ≤ 200 ms both ways, linear or better)`,
    `Team CSV export on ${label}: ${small.members} members ${small.csv.p50Ms} ms (${kb(small.csv.bytes)}); ${large.members} members ${large.csv.p50Ms} ms (${kb(large.csv.bytes)}); ×${csvGrowth.toFixed(1)} for ×${factor} members`,
  ].join('\n');
}
