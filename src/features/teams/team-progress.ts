/**
 * A team's progress: every member's counts on the team's assigned roadmaps, read in a constant
 * number of queries whatever the team's size (the members, their statuses on those roadmaps,
 * their last activity on them). Each member's counts are kept (team-progress-cache.ts) until that
 * member changes a status, so a dashboard read after one change reads one member again, not the
 * cohort. Nothing else of a member is read: not other roadmaps, not notes, not quiz answers, not
 * email addresses. Counting is the shared rules' (shared/progress-rules.ts):
 * "complete" is done plus skipped, the "N of M done" every page shows; the pace against a target
 * date is the planner's (shared/study-plan.ts). No HTTP in here.
 */
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { AppError } from '../../errors.js';
import type { TeamRole } from '../../http/access.js';
import { cacheBody, cacheLargeBody, type CachedBody } from '../../http/cached-body.js';
import { countEntries, normalizeEntries, percentComplete, type TopicEntries } from '../../shared/progress-rules.js';
import { paceToward } from '../../shared/study-plan.js';
import type { TeamProgressDocument } from './schema.js';
import type { TeamSnapshot } from './team-progress-cache.js';
import { TeamRepository, type MemberView, type TeamRoadmapRow } from './team-repository.js';
import { optionalSectionsOf, shownName, visibleAssignments, type TeamServices } from './team-service.js';

type MemberCounts = TeamProgressDocument['members'][number]['roadmaps'][string];
type MemberRow = TeamProgressDocument['members'][number];
type StoredEntry = [string, { status: string; updatedAt: string }];

/** What is kept of one member: their counts and last activity, and their row as JSON once written. */
export interface MemberState {
  roadmaps: Record<string, MemberCounts>;
  lastActiveAt: string | null;
  json?: { name: string; role: string; text: string };
}

/** Up to this many members missing from the cache are read by id; more, and the whole team is read. */
const READ_BY_ID = 200;
const JSON_TYPE = 'application/json; charset=utf-8';
const byName = new Intl.Collator('en').compare;

/** What pacing needs of one assignment: the topics due (not in optional sections) and their hours. */
interface Assignment {
  row: TeamRoadmapRow;
  entry: CatalogEntry;
  optional: Set<string>;
  due: { id: string; hours: number }[];
  dueHours: number;
}

function assignmentOf({ row, entry }: { row: TeamRoadmapRow; entry: CatalogEntry }): Assignment {
  const optional = new Set(optionalSectionsOf(row));
  const { roadmap } = entry;
  const due = roadmap.sections
    .filter((s) => !optional.has(s.id))
    .flatMap((s) => s.nodeIds.filter((id) => roadmap.index.has(id)))
    .map((id) => ({ id, hours: roadmap.topics.get(id)?.hours ?? 0 }));
  return { row, entry, optional, due, dueHours: due.reduce((sum, t) => sum + t.hours, 0) };
}

function paceOf(a: Assignment, entries: TopicEntries, today: string): MemberCounts['pace'] {
  if (a.row.target_date === null) return null;
  let doneHours = 0;
  for (const topic of a.due) {
    const status = entries.get(topic.id)?.status;
    if (status === 'done' || status === 'skipped') doneHours += topic.hours;
  }
  const pace = paceToward({ startDate: a.row.assigned_at.slice(0, 10), targetDate: a.row.target_date, today, totalHours: a.dueHours, doneHours });
  return { state: pace.state, behindHours: pace.behindHours, label: pace.label };
}

/** The progress the caller may see: every member for owners and mentors, their own row for a member. */
export async function teamProgress(services: TeamServices, teamId: string, userId: string): Promise<TeamProgressDocument> {
  const { viewer, gathered } = await read(services, teamId, userId);
  return documentOf(matrixOf(gathered), viewer, (rows) => rows.map((r) => r.row));
}

/**
 * The same document as a body ready to send (JSON with its ETag, compressed). An owner's or a
 * mentor's is made once per change of the team's counts or members, each member's row written
 * once per change of that member.
 */
export async function teamProgressBody(services: TeamServices, teamId: string, userId: string): Promise<CachedBody> {
  const { viewer, gathered } = await read(services, teamId, userId);
  if (viewer.role === 'member')
    return cacheBody(JSON.stringify(documentOf(matrixOf(gathered), viewer, (rows) => rows.map((r) => r.row))), JSON_TYPE, { fast: true });
  const key = `${viewer.role}\n${viewer.leaderboard ? viewer.userId : ''}`;
  return services.teamProgressCache.body(gathered.snapshot, key, async () => {
    const matrix = matrixOf(gathered);
    // The members' rows go in as written: writing 5,000 of them afresh is most of the work.
    const { members: _none, ...rest } = documentOf(matrix, viewer, () => []);
    const rows = matrix.rows.map((r) => rowJson(r)).join(',');
    return cacheLargeBody(`${JSON.stringify(rest).slice(0, -1)},"members":[${rows}]}`, JSON_TYPE);
  });
}

interface Viewer {
  userId: string;
  role: TeamRole;
  leaderboard: boolean;
}

/** What one read found: the assignments, the members as listed, and every member's state. */
interface Gathered {
  assigned: Assignment[];
  members: MemberView[];
  names: string[];
  snapshot: TeamSnapshot<MemberState>;
}

interface Matrix {
  assigned: Assignment[];
  /** Every member, by name. */
  rows: { row: MemberRow; state: MemberState }[];
  totals: TeamProgressDocument['totals'];
}

async function read(services: TeamServices, teamId: string, userId: string): Promise<{ viewer: Viewer; gathered: Gathered }> {
  const repo = new TeamRepository(services.db);
  const [role, team] = await Promise.all([repo.roleOf(teamId, userId), repo.team(teamId)]);
  if (!role || !team) throw new AppError('not_found');
  return { viewer: { userId, role, leaderboard: team.leaderboard === 1 }, gathered: await gather(services, repo, teamId) };
}

async function gather(services: TeamServices, repo: TeamRepository, teamId: string): Promise<Gathered> {
  const [rows, members] = await Promise.all([repo.roadmaps(teamId), repo.members(teamId)]);
  const assigned = (await visibleAssignments(services, rows)).map(assignmentOf);
  const today = services.clock().toISOString().slice(0, 10);
  // Counts change with a roadmap's version and sections, paces with the dates and the day.
  const signature = [
    today,
    ...assigned.map(({ row, entry }) => [entry.id, entry.roadmap.hash, row.target_date, row.assigned_at, row.optional_sections].join('\t')),
  ].join('\n');
  const names = members.map(shownName);
  const membersKey = members.map((m, i) => `${m.user_id}\t${m.role}\t${names[i]}`).join('\n');
  const snapshot = services.teamProgressCache.snapshot(
    teamId,
    signature,
    members.map((m) => m.user_id),
    membersKey,
  );
  await services.teamProgressCache.fill(snapshot, (userIds) => statesOf(repo, teamId, assigned, today, userIds, userIds.length === members.length));
  return { assigned, members, names, snapshot };
}

/** Every member's row, by name, and the totals. */
function matrixOf({ assigned, members, names, snapshot }: Gathered): Matrix {
  const totals: TeamProgressDocument['totals'] = {};
  for (const { entry } of assigned) totals[entry.id] = { complete: 0, total: 0, members: members.length };
  const out = members.map((member, i) => {
    const state = snapshot.states.get(member.user_id)!;
    for (const [id, counts] of Object.entries(state.roadmaps)) {
      const sum = totals[id]!;
      sum.complete += counts.complete;
      sum.total += counts.total;
    }
    return { row: rowOf(member, names[i]!, state), state };
  });
  // By name, as a class list reads (the dashboard sorts otherwise on request); the order is kept
  // while the members' names are, so a change of counts does not sort 5,000 names again.
  const { entry, membersKey } = snapshot;
  if (entry.order?.membersKey !== membersKey) {
    const order = out.map((_, i) => i);
    order.sort((i, j) => {
      const a = out[i]!.row;
      const b = out[j]!.row;
      return byName(a.name, b.name) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
    });
    entry.order = { membersKey, indices: order };
  }
  return { assigned, rows: entry.order.indices.map((i) => out[i]!), totals };
}

function rowOf(member: MemberView, name: string, state: MemberState): MemberRow {
  return { userId: member.user_id, name, role: member.role as TeamRole, lastActiveAt: state.lastActiveAt, roadmaps: state.roadmaps };
}

/** The member's row as JSON, written once per change of their counts, name or role. */
function rowJson({ row, state }: { row: MemberRow; state: MemberState }): string {
  if (state.json?.name !== row.name || state.json.role !== row.role) state.json = { name: row.name, role: row.role, text: JSON.stringify(row) };
  return state.json.text;
}

/** Counts and last activity of these members (every member when `whole`), in a constant number of queries. */
async function statesOf(
  repo: TeamRepository,
  teamId: string,
  assigned: Assignment[],
  today: string,
  userIds: string[],
  whole: boolean,
): Promise<Map<string, MemberState>> {
  const ids = assigned.map(({ entry }) => entry.id);
  const byId = !whole && userIds.length <= READ_BY_ID ? userIds : undefined;
  const [rows, lastActive] = await Promise.all([repo.progressOfMembers(teamId, ids, byId), repo.lastActivity(teamId, ids, byId)]);

  // user → roadmap → [topic, entry] as stored.
  const stored = new Map<string, Map<string, StoredEntry[]>>();
  for (const row of rows) {
    const byRoadmap = stored.get(row.user_id) ?? new Map<string, StoredEntry[]>();
    stored.set(row.user_id, byRoadmap);
    const list = byRoadmap.get(row.roadmap_id) ?? [];
    byRoadmap.set(row.roadmap_id, list);
    list.push([row.topic_id, { status: row.status, updatedAt: '' }]);
  }

  const states = new Map<string, MemberState>();
  for (const userId of userIds) {
    const roadmaps: Record<string, MemberCounts> = {};
    for (const a of assigned) {
      const { roadmap } = a.entry;
      const entries = normalizeEntries(stored.get(userId)?.get(a.entry.id) ?? [], roadmap.index);
      const counts = countEntries(roadmap.index, entries);
      const sections: MemberCounts['sections'] = {};
      for (const section of roadmap.sections) {
        const c = countEntries(roadmap.index, entries, section.nodeIds);
        sections[section.id] = { done: c.done, complete: c.complete, total: c.total };
      }
      roadmaps[a.entry.id] = { ...counts, sections, pace: paceOf(a, entries, today) };
    }
    states.set(userId, { roadmaps, lastActiveAt: lastActive.get(userId) ?? null });
  }
  return states;
}

function documentOf(matrix: Matrix, viewer: Viewer, members: (rows: Matrix['rows']) => MemberRow[]): TeamProgressDocument {
  const all = matrix.rows;
  return {
    roadmaps: matrix.assigned.map(({ row, entry, optional }) => ({
      id: entry.id,
      title: entry.roadmap.meta.title,
      url: entry.roadmap.path,
      targetDate: row.target_date,
      assignedAt: row.assigned_at,
      sections: entry.roadmap.sections.map((s) => ({
        id: s.id,
        title: s.title,
        total: s.nodeIds.filter((id) => entry.roadmap.index.has(id)).length,
        optional: optional.has(s.id),
      })),
    })),
    role: viewer.role,
    members: members(viewer.role === 'member' ? all.filter((r) => r.row.userId === viewer.userId) : all),
    totals: matrix.totals,
    leaderboard: viewer.leaderboard
      ? leaderboardOf(
          all.map((r) => r.row),
          viewer.userId,
        )
      : null,
  };
}

/** How many places the leaderboard shows (the caller's own place is added below them when lower). */
export const LEADERBOARD_PLACES = 10;

/** Members by topics complete over every assigned roadmap; ties share a place and sort by name. */
function leaderboardOf(
  rows: { userId: string; name: string; roadmaps: Record<string, MemberCounts> }[],
  viewerId: string,
): TeamProgressDocument['leaderboard'] {
  const ranked = rows
    .map((r) => {
      const complete = Object.values(r.roadmaps).reduce((sum, c) => sum + c.complete, 0);
      const total = Object.values(r.roadmaps).reduce((sum, c) => sum + c.total, 0);
      return { place: 0, name: r.name, you: r.userId === viewerId, complete, total, percent: percentComplete(complete, total) };
    })
    .sort((a, b) => b.complete - a.complete || byName(a.name, b.name));
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.place = previous && previous.complete === r.complete ? previous.place : i + 1;
  });
  const top = ranked.slice(0, LEADERBOARD_PLACES);
  const mine = ranked.findIndex((r) => r.you);
  return mine >= LEADERBOARD_PLACES ? [...top, ranked[mine]!] : top;
}
