/** Short calls for progress tests on the sample roadmap, and direct reads and writes of the rows behind them. */
import type { SampleApp } from './sample-app.js';
import type { TestUser } from './signed-in-user.js';

export const PROGRESS_BASE = '/api/v1/me/progress';

export function progressClient(env: SampleApp) {
  return {
    /** Sets a status through the session cookie, as the site's pages do. */
    put: (user: TestUser, topic: string, status: string, roadmap = 'sample') =>
      env.app.inject({ method: 'PUT', url: `${PROGRESS_BASE}/${roadmap}/topics/${topic}`, headers: user.session, payload: { status } }),
    /** Reads a progress document with the API token, as scripts do. */
    get: (user: TestUser, roadmap = 'sample') => env.app.inject({ url: `${PROGRESS_BASE}/${roadmap}`, headers: user.bearer }),
    merge: (user: TestUser, topics: unknown) =>
      env.app.inject({ method: 'POST', url: `${PROGRESS_BASE}/sample/merge`, headers: user.bearer, payload: { topics } }),
    activityOf: (user: TestUser) =>
      env.db.selectFrom('activity').select(['topic_id', 'status', 'occurred_at']).where('user_id', '=', user.row.id).orderBy('occurred_at').execute(),
    /** Activity rows logged since `before` (an earlier activityOf), oldest first. */
    loggedSince: async (user: TestUser, before: { topic_id: string; status: string; occurred_at: string }[]) => {
      const seen = new Set(before.map((row) => JSON.stringify(row)));
      const rows = await env.db
        .selectFrom('activity')
        .select(['topic_id', 'status', 'occurred_at'])
        .where('user_id', '=', user.row.id)
        .orderBy('occurred_at')
        .execute();
      return rows.filter((row) => !seen.has(JSON.stringify(row)));
    },
    /** Stores progress rows as if written earlier: [topic id, status, updated at]. The database logs them as activity, as it would have then. */
    seed: (user: TestUser, rows: [string, string, string][]) =>
      env.db
        .insertInto('progress')
        .values(rows.map(([topic_id, status, updated_at]) => ({ user_id: user.row.id, roadmap_id: 'sample', topic_id, status, updated_at })))
        .execute(),
  };
}
