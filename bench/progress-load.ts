/**
 * The synced-progress hot paths under load: reading a learner's progress and writing one topic
 * status, both with a personal API token (so no Origin header is needed). The learner starts
 * with half the roadmap marked, like someone well into it.
 */
import { loadContentOrThrow } from '../src/content/roadmap-loader.js';
import { load, type Result, type VaryingRequests } from './load.js';

const STATUSES = ['learning', 'done', 'skipped', 'pending'];

/** Signs a learner up and creates an API token; returns the bearer header. */
export async function signUpWithToken(base: string): Promise<Record<string, string>> {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.org`, password: 'bench-password-2026', name: 'Bench' }),
  });
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
  const cookie =
    signup.headers
      .getSetCookie()
      .find((c) => c.startsWith('mp_session='))
      ?.split(';')[0] ?? '';
  const created = await fetch(`${base}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ name: 'bench' }),
  });
  if (created.status !== 201) throw new Error(`token creation answered ${created.status}: ${await created.text()}`);
  return { authorization: `Bearer ${((await created.json()) as { token: string }).token}` };
}

/** Signs up, creates an API token and merges progress on half the topics; returns the bearer header. */
async function seedLearner(base: string, topics: string[]): Promise<Record<string, string>> {
  const bearer = await signUpWithToken(base);
  const now = Date.now();
  const marked = Object.fromEntries(
    topics
      .filter((_, i) => i % 2 === 0)
      .map((id, i) => [id, { status: STATUSES[i % 3] ?? 'done', updatedAt: new Date(now - i * 60_000).toISOString() }]),
  );
  const merged = await fetch(`${base}/api/v1/me/progress/backend/merge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer },
    body: JSON.stringify({ topics: marked }),
  });
  if (merged.status !== 200) throw new Error(`merge answered ${merged.status}: ${await merged.text()}`);
  return bearer;
}

/** PUTs cycling through topics; each pass through the topics moves every one to its next status, so each write is a change. */
function statusWrites(topics: string[], bearer: Record<string, string>): VaryingRequests {
  let counter = 0;
  const lua = `
local topics = { ${topics.map((t) => `"${t}"`).join(', ')} }
local statuses = { ${STATUSES.map((s) => `"${s}"`).join(', ')} }
local counter = 0
wrk.method = "PUT"
wrk.headers["authorization"] = "${bearer.authorization}"
wrk.headers["content-type"] = "application/json"
request = function()
  counter = counter + 1
  local topic = topics[(counter % #topics) + 1]
  local status = statuses[(math.floor(counter / #topics) % #statuses) + 1]
  return wrk.format(nil, "/api/v1/me/progress/backend/topics/" .. topic, nil, '{"status":"' .. status .. '"}')
end
`;
  return {
    wrkScript: lua,
    next: () => {
      counter += 1;
      const topic = topics[counter % topics.length] ?? '';
      const status = STATUSES[Math.floor(counter / topics.length) % STATUSES.length] ?? 'done';
      return { method: 'PUT', path: `/api/v1/me/progress/backend/topics/${topic}`, body: JSON.stringify({ status }) };
    },
  };
}

/** Runs the progress read and the status write against the app server at `base`; `label` names the database. */
export async function loadProgress(base: string, label: string): Promise<Result[]> {
  const roadmap = loadContentOrThrow('content').roadmaps.get('backend');
  if (!roadmap) throw new Error('the backend roadmap is missing');
  const bearer = await seedLearner(base, roadmap.order);
  const read = await load(`GET /api/v1/me/progress/backend (bearer, ${label})`, `${base}/api/v1/me/progress/backend`, bearer);
  const writes = statusWrites(roadmap.order, bearer);
  const write = await load(
    `PUT /api/v1/me/progress/backend/topics/{id} (bearer, ${label})`,
    `${base}/api/v1/me/progress/backend/topics/${roadmap.order[0]}`,
    { ...bearer, 'content-type': 'application/json' },
    writes,
  );
  return [read, write];
}
