/**
 * The durability check behind "kill -9 under write load loses no acknowledged write": stream
 * topic-status writes at the real server, SIGKILL it at a random moment, start it again on the
 * same database, and compare what it stored with every write it had acknowledged. Used by the
 * crash test (a few rounds) and by the benchmark (more rounds).
 */
import path from 'node:path';
import { parseDatabaseUrl } from '../../src/config.js';
import { loadContentOrThrow } from '../../src/content/roadmap-loader.js';
import { openDatabase } from '../../src/db/database.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

// One learner writes as fast as the server allows: the per-user limit is lifted for this durability test.
const UNLIMITED_WRITES = { PROGRESS_WRITES_PER_MINUTE: '1000000' };
// Every write changes the topic's status, so every acknowledged write must leave an activity row.
const CYCLE = ['learning', 'done', 'skipped', 'pending'] as const;
type Status = (typeof CYCLE)[number];
const REQUEST_TIMEOUT_MS = 10_000;

export interface CrashRoundsOptions {
  databaseUrl: string;
  rounds: number;
  /** Writes in flight at once; each topic belongs to one writer, so a topic never has two. Default 8. */
  writers?: number;
  /** The kill comes after a random delay in this range, in ms. Default 300–1500. */
  killAfterMs?: [number, number];
  log?: (line: string) => void;
}

export interface AcknowledgedWrite {
  topicId: string;
  status: Status;
  updatedAt: string;
}

export interface CrashRoundsResult {
  rounds: number;
  acknowledged: number;
  /** Topics whose stored status is neither the last acknowledged one nor the one in flight at the kill. */
  lostStatus: { round: number; topicId: string; expected: string; stored: string }[];
  /** Acknowledged writes without their activity row. */
  lostActivity: AcknowledgedWrite[];
  /** Answers other than 200 while the server was up: a sign of a broken test rather than lost data. */
  refused: string[];
}

interface Session {
  userId: string;
  cookie: string;
}

async function signUp(server: ServerProcess): Promise<Session> {
  const email = `crash-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
  const response = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'crash-test-password-41', name: 'Crash test' }),
  });
  if (response.status !== 201) throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mp_session='));
  if (!cookie) throw new Error('sign-up set no session cookie');
  const body = (await response.json()) as { user: { id: string } };
  return { userId: body.user.id, cookie: cookie.split(';')[0] ?? '' };
}

function sessionHeaders(server: ServerProcess, session: Session): Record<string, string> {
  return { cookie: session.cookie, origin: server.url };
}

async function storedStatuses(server: ServerProcess, session: Session): Promise<Map<string, string>> {
  const response = await fetch(`${server.url}/api/v1/me/progress/backend`, { headers: sessionHeaders(server, session) });
  if (response.status !== 200) throw new Error(`reading progress answered ${response.status}: ${await response.text()}`);
  const doc = (await response.json()) as { topics: Record<string, { status: string }> };
  return new Map(Object.entries(doc.topics).map(([id, entry]) => [id, entry.status]));
}

async function activityKeys(databaseUrl: string, userId: string): Promise<Set<string>> {
  const db = openDatabase(parseDatabaseUrl(databaseUrl));
  try {
    const rows = await db.selectFrom('activity').select(['topic_id', 'status', 'occurred_at']).where('user_id', '=', userId).execute();
    return new Set(rows.map((r) => `${r.topic_id}|${r.status}|${r.occurred_at}`));
  } finally {
    await db.destroy();
  }
}

interface RoundState {
  known: Map<string, Status>;
  inFlight: Map<string, Status>;
  acknowledged: AcknowledgedWrite[];
  refused: string[];
}

/** One writer: cycles through its own topics until a request fails (the server died). */
async function writer(server: ServerProcess, session: Session, topics: string[], state: RoundState): Promise<void> {
  for (let i = 0; topics.length > 0; i++) {
    const topicId = topics[i % topics.length] ?? '';
    const status = CYCLE[(CYCLE.indexOf(state.known.get(topicId) ?? 'pending') + 1) % CYCLE.length] ?? 'learning';
    state.inFlight.set(topicId, status);
    let response: Response;
    try {
      response = await fetch(`${server.url}/api/v1/me/progress/backend/topics/${topicId}`, {
        method: 'PUT',
        headers: { ...sessionHeaders(server, session), 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      return; // The server is gone; this write may or may not have committed.
    }
    const text = await response.text().catch(() => null);
    if (text === null) return; // Killed while answering: not acknowledged.
    if (response.status !== 200) {
      state.refused.push(`${response.status} ${text.slice(0, 200)}`);
      state.inFlight.delete(topicId);
      return;
    }
    const body = JSON.parse(text) as { updatedAt: string };
    state.acknowledged.push({ topicId, status, updatedAt: body.updatedAt });
    state.known.set(topicId, status);
    state.inFlight.delete(topicId);
  }
}

/** Runs `rounds` kill-and-restart rounds on one database and reports every acknowledged write that did not survive. */
export async function runCrashRounds(options: CrashRoundsOptions): Promise<CrashRoundsResult> {
  const writers = options.writers ?? 8;
  const [minDelay, maxDelay] = options.killAfterMs ?? [300, 1500];
  const roadmap = loadContentOrThrow(path.resolve(import.meta.dirname, '../../content')).roadmaps.get('backend');
  if (!roadmap) throw new Error('the backend roadmap is missing');
  const topics = roadmap.order;
  const result: CrashRoundsResult = { rounds: options.rounds, acknowledged: 0, lostStatus: [], lostActivity: [], refused: [] };
  const allAcknowledged: AcknowledgedWrite[] = [];

  let server = await startServerProcess({ databaseUrl: options.databaseUrl, env: UNLIMITED_WRITES });
  try {
    const session = await signUp(server);
    const known = new Map<string, Status>();
    for (const [id, status] of await storedStatuses(server, session)) known.set(id, status as Status);

    for (let round = 1; round <= options.rounds; round++) {
      const state: RoundState = { known, inFlight: new Map(), acknowledged: [], refused: result.refused };
      const streams = Array.from({ length: writers }, (_, w) =>
        writer(
          server,
          session,
          topics.filter((_, i) => i % writers === w),
          state,
        ),
      );
      const delay = minDelay + Math.random() * (maxDelay - minDelay);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await server.kill9();
      await Promise.all(streams);
      server = await startServerProcess({ databaseUrl: options.databaseUrl, env: UNLIMITED_WRITES });

      const stored = await storedStatuses(server, session);
      for (const topicId of topics) {
        const expected = known.get(topicId) ?? 'pending';
        const got = stored.get(topicId) ?? 'pending';
        // A write in flight at the kill may have committed without being acknowledged: either answer is right.
        if (got === expected) continue;
        if (got === state.inFlight.get(topicId)) known.set(topicId, got);
        else result.lostStatus.push({ round, topicId, expected, stored: got });
      }
      allAcknowledged.push(...state.acknowledged);
      options.log?.(
        `round ${round}: killed after ${Math.round(delay)} ms, ${state.acknowledged.length} writes acknowledged, ${state.inFlight.size} in flight`,
      );
    }

    const activity = await activityKeys(options.databaseUrl, session.userId);
    result.lostActivity = allAcknowledged.filter((w) => !activity.has(`${w.topicId}|${w.status}|${w.updatedAt}`));
    result.acknowledged = allAcknowledged.length;
    return result;
  } finally {
    await server.stop();
  }
}
