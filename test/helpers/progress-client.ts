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
    /** Stores progress rows as if written earlier: [topic id, status, updated at]. */
    seed: (user: TestUser, rows: [string, string, string][]) =>
      env.db
        .insertInto('progress')
        .values(rows.map(([topic_id, status, updated_at]) => ({ user_id: user.row.id, roadmap_id: 'sample', topic_id, status, updated_at })))
        .execute(),
  };
}
