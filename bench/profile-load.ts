/**
 * Anonymous views of a busy learner's public profile: the learner has 100,000 activity rows
 * (a year of heavy use), the profile shows a year of days and two streaks. Measured on the API
 * answer and on the page, which build from the per-quarter-hour counts and the profile cache.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../src/db/database.js';
import type { TestDatabase } from '../test/helpers/databases.js';
import { load, type Result } from './load.js';

export const ACTIVITY_ROWS = 100_000;
const CHUNK = 1_000;

/** Signs a learner up, makes the profile public, and gives it ACTIVITY_ROWS activity rows over the last year. */
async function seedBusyLearner(base: string, db: TestDatabase): Promise<string> {
  const username = `busy-${Date.now().toString(36)}`;
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${username}@example.org`, password: 'bench-password-2026', name: 'Busy learner' }),
  });
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
  const userId = ((await signup.json()) as { user: { id: string } }).user.id;
  const cookie =
    signup.headers
      .getSetCookie()
      .find((c) => c.startsWith('mp_session='))
      ?.split(';')[0] ?? '';
  const patch = await fetch(`${base}/api/v1/me`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ username, publicProfile: true }),
  });
  if (patch.status !== 200) throw new Error(`PATCH /me answered ${patch.status}: ${await patch.text()}`);
  const direct = openDatabase(db.config);
  try {
    const yearMs = 365 * 24 * 60 * 60 * 1000;
    const now = Date.now();
    for (let i = 0; i < ACTIVITY_ROWS; i += CHUNK) {
      const rows = Array.from({ length: CHUNK }, (_, j) => ({
        id: randomUUID(),
        user_id: userId,
        roadmap_id: 'backend',
        topic_id: 'http',
        status: (i + j) % 2 ? 'done' : 'learning',
        occurred_at: new Date(now - Math.floor(((i + j) / ACTIVITY_ROWS) * yearMs)).toISOString(),
      }));
      await direct.insertInto('activity').values(rows).execute();
    }
  } finally {
    await direct.destroy();
  }
  return username;
}

/** Loads the profile's API answer and page at `base` (the app on `db`); `label` names the database. */
export async function loadProfile(base: string, db: TestDatabase, label: string): Promise<Result[]> {
  const username = await seedBusyLearner(base, db);
  const api = await load(`GET /api/v1/users/{name} (${ACTIVITY_ROWS / 1000}k activity rows, ${label})`, `${base}/api/v1/users/${username}`);
  const page = await load(`GET /u/{name} (${ACTIVITY_ROWS / 1000}k activity rows, ${label})`, `${base}/u/${username}`, {
    'accept-encoding': 'gzip, deflate, br',
  });
  return [api, page];
}
