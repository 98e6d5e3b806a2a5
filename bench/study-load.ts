/**
 * The study API under load: a guest's study plan for the whole Backend roadmap, computed on the
 * server at several paces (stateless; target p99 ≤ 20 ms), and, for an account with 200 notes and
 * resources checked off on 50 topics, the list of its notes, one note and its resource checks
 * (target p99 ≤ 10 ms each, with a personal API token).
 */
import { loadContentOrThrow } from '../src/content/roadmap-loader.js';
import type { Roadmap } from '../src/content/roadmap-model.js';
import { openDatabase } from '../src/db/database.js';
import { StudyRepository } from '../src/features/study/study-repository.js';
import type { TestDatabase } from '../test/helpers/databases.js';
import { load, type Result, type VaryingRequests } from './load.js';
import { signUpWithToken } from './progress-load.js';

export const STUDY_NOTES = 200;
export const CHECKED_TOPICS = 50;

const PLAN_PATH = '/api/v1/roadmaps/backend/plan';

/**
 * Paces a learner might pick: finish within some months, or study some hours a week. Those the
 * whole roadmap does not fit (422) are left out before the load, so every request is a plan.
 */
const PACES: { months?: number; hoursPerWeek?: number }[] = [
  { months: 3 },
  { months: 4 },
  { months: 6 },
  { months: 9 },
  { months: 12 },
  { hoursPerWeek: 5 },
  { hoursPerWeek: 10 },
  { hoursPerWeek: 20 },
  { hoursPerWeek: 40 },
];

/** The bodies, one a pace, that the server answers with a plan (2xx) today. */
async function planBodies(base: string): Promise<string[]> {
  const startDate = new Date().toISOString().slice(0, 10);
  const bodies: string[] = [];
  for (const pace of PACES) {
    const body = JSON.stringify({ ...pace, startDate });
    const response = await fetch(`${base}${PLAN_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    if (response.ok) bodies.push(body);
    else if (response.status !== 422) throw new Error(`the plan for ${body} answered ${response.status}`);
  }
  if (bodies.length === 0) throw new Error('no pace makes a plan of the Backend roadmap');
  return bodies;
}

/** POSTs of the planner cycling through `bodies`. */
function planRequests(bodies: string[]): VaryingRequests {
  let counter = 0;
  // JSON strings of plain ASCII are valid Lua string literals.
  const lua = `
local bodies = { ${bodies.map((b) => JSON.stringify(b)).join(', ')} }
local counter = 0
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
request = function()
  counter = counter + 1
  return wrk.format(nil, "${PLAN_PATH}", nil, bodies[(counter % #bodies) + 1])
end
`;
  return {
    wrkScript: lua,
    next: () => {
      counter += 1;
      return { method: 'POST', path: PLAN_PATH, body: bodies[counter % bodies.length] };
    },
  };
}

/** A few hundred bytes of Markdown, different on every topic. */
function noteText(roadmap: Roadmap, topicId: string, i: number): string {
  const title = roadmap.topics.get(topicId)?.title ?? topicId;
  return [
    `## ${title}`,
    '',
    `Studied in session ${i + 1}. The key ideas, in my own words, so that I can come back to them before a review:`,
    '',
    `- what **${title}** is for, and when I would reach for it on a real project;`,
    '- the trade-offs the resources pointed out, and one example of each;',
    '- questions left open, to ask at the next meet-up.',
    '',
    '```sh',
    `curl -i https://example.org/${topicId}`,
    '```',
  ].join('\n');
}

/** Signs an account up and stores its notes and resource checks straight in `db` (the API allows 120 saves a minute); returns the bearer header. */
async function seedStudy(base: string, db: TestDatabase, roadmap: Roadmap): Promise<Record<string, string>> {
  const bearer = await signUpWithToken(base);
  const me = (await (await fetch(`${base}/api/v1/me`, { headers: bearer })).json()) as { user: { id: string } };
  const now = Date.now();
  const direct = openDatabase(db.config);
  try {
    const repo = new StudyRepository(direct);
    for (const [i, topicId] of roadmap.order.slice(0, STUDY_NOTES).entries()) {
      await repo.putNote(me.user.id, 'backend', topicId, noteText(roadmap, topicId, i), new Date(now - i * 60_000).toISOString(), false);
    }
    // Every fourth topic, so the checks spread over the roadmap.
    const checked = roadmap.order.filter((_, i) => i % 4 === 0).slice(0, CHECKED_TOPICS);
    for (const [i, topicId] of checked.entries()) {
      const urls = (roadmap.topics.get(topicId)?.resources ?? []).slice(0, 1 + (i % 2)).map((r) => r.url);
      await repo.putChecks(me.user.id, 'backend', topicId, JSON.stringify(urls), new Date(now - i * 60_000).toISOString(), false);
    }
  } finally {
    await direct.destroy();
  }
  // The seeding went where the app reads.
  const notes = (await (await fetch(`${base}/api/v1/me/notes`, { headers: bearer })).json()) as { notes: unknown[] };
  const checks = (await (await fetch(`${base}/api/v1/me/resources/backend`, { headers: bearer })).json()) as { topics: object };
  if (notes.notes.length !== STUDY_NOTES || Object.keys(checks.topics).length !== CHECKED_TOPICS)
    throw new Error(`seeded ${notes.notes.length} notes and checks on ${Object.keys(checks.topics).length} topics`);
  return bearer;
}

/**
 * Loads the study API at `base` (the app on `db`); `label` names the database. The planner does
 * not read the database: with `plan: false` it is left out (measured on one dialect only).
 */
export async function loadStudy(base: string, db: TestDatabase, label: string, { plan = true }: { plan?: boolean } = {}): Promise<Result[]> {
  const roadmap = loadContentOrThrow('content').roadmaps.get('backend');
  if (!roadmap) throw new Error('the backend roadmap is missing');
  if (roadmap.order.length < STUDY_NOTES) throw new Error(`the backend roadmap has only ${roadmap.order.length} topics`);
  const results: Result[] = [];
  if (plan) {
    const bodies = await planBodies(base);
    results.push(
      await load(
        `POST ${PLAN_PATH} (guest, whole roadmap, ${bodies.length} paces)`,
        `${base}${PLAN_PATH}`,
        { 'content-type': 'application/json' },
        planRequests(bodies),
      ),
    );
  }
  const bearer = await seedStudy(base, db, roadmap);
  const topic = roadmap.order[0]!;
  results.push(
    await load(`GET /api/v1/me/notes (${STUDY_NOTES} notes, bearer, ${label})`, `${base}/api/v1/me/notes`, bearer),
    await load(`GET /api/v1/me/notes/backend/{topic} (bearer, ${label})`, `${base}/api/v1/me/notes/backend/${topic}`, bearer),
    await load(
      `GET /api/v1/me/resources/backend (${CHECKED_TOPICS} topics checked, bearer, ${label})`,
      `${base}/api/v1/me/resources/backend`,
      bearer,
    ),
  );
  return results;
}
