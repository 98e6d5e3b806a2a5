/**
 * A team's progress: every member's counts on the team's assigned roadmaps, read in a constant
 * number of queries whatever the team's size (the members, their statuses on those roadmaps,
 * their last activity on them). Nothing else of a member is read: not other roadmaps, not notes,
 * not quiz answers, not email addresses. Counting is the shared rules' (shared/progress-rules.ts):
 * "complete" is done plus skipped, the "N of M done" every page shows; the pace against a target
 * date is the planner's (shared/study-plan.ts). No HTTP in here.
 */
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { AppError } from '../../errors.js';
import type { TeamRole } from '../../http/access.js';
import { countEntries, normalizeEntries, percentComplete, type TopicEntries } from '../../shared/progress-rules.js';
import { paceToward } from '../../shared/study-plan.js';
import type { TeamProgressDocument } from './schema.js';
import { TeamRepository, type TeamRoadmapRow } from './team-repository.js';
import { optionalSectionsOf, shownName, visibleAssignments, type TeamServices } from './team-service.js';

type MemberCounts = TeamProgressDocument['members'][number]['roadmaps'][string];
type StoredEntry = [string, { status: string; updatedAt: string }];

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
  const repo = new TeamRepository(services.db);
  const [role, team] = await Promise.all([repo.roleOf(teamId, userId), repo.team(teamId)]);
  if (!role || !team) throw new AppError('not_found');
  return progressFor(services, repo, teamId, { userId, role, leaderboard: team.leaderboard === 1 });
}

async function progressFor(
  services: TeamServices,
  repo: TeamRepository,
  teamId: string,
  viewer: { userId: string; role: TeamRole; leaderboard: boolean },
): Promise<TeamProgressDocument> {
  const assigned = (await visibleAssignments(services, await repo.roadmaps(teamId))).map(assignmentOf);
  const ids = assigned.map(({ entry }) => entry.id);
  const [members, rows, lastActive] = await Promise.all([repo.members(teamId), repo.progressOfMembers(teamId, ids), repo.lastActivity(teamId, ids)]);
  const today = services.clock().toISOString().slice(0, 10);

  // user → roadmap → [topic, entry] as stored.
  const stored = new Map<string, Map<string, StoredEntry[]>>();
  for (const row of rows) {
    const byRoadmap = stored.get(row.user_id) ?? new Map<string, StoredEntry[]>();
    stored.set(row.user_id, byRoadmap);
    const list = byRoadmap.get(row.roadmap_id) ?? [];
    byRoadmap.set(row.roadmap_id, list);
    list.push([row.topic_id, { status: row.status, updatedAt: '' }]);
  }

  const totals: TeamProgressDocument['totals'] = {};
  for (const { entry } of assigned) totals[entry.id] = { complete: 0, total: 0, members: members.length };
  const rowsOut = members.map((member) => {
    const roadmaps: Record<string, MemberCounts> = {};
    for (const a of assigned) {
      const { roadmap } = a.entry;
      const entries = normalizeEntries(stored.get(member.user_id)?.get(a.entry.id) ?? [], roadmap.index);
      const counts = countEntries(roadmap.index, entries);
      const sections: MemberCounts['sections'] = {};
      for (const section of roadmap.sections) {
        const c = countEntries(roadmap.index, entries, section.nodeIds);
        sections[section.id] = { done: c.done, complete: c.complete, total: c.total };
      }
      roadmaps[a.entry.id] = { ...counts, sections, pace: paceOf(a, entries, today) };
      const sum = totals[a.entry.id];
      if (sum) {
        sum.complete += counts.complete;
        sum.total += counts.total;
      }
    }
    return {
      userId: member.user_id,
      name: shownName(member),
      role: member.role as TeamRole,
      lastActiveAt: lastActive.get(member.user_id) ?? null,
      roadmaps,
    };
  });
  // By name, as a class list reads (the dashboard sorts otherwise on request).
  rowsOut.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.userId.localeCompare(b.userId));

  const leaderboard = viewer.leaderboard ? leaderboardOf(rowsOut, viewer.userId) : null;

  return {
    roadmaps: assigned.map(({ row, entry, optional }) => ({
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
    members: viewer.role === 'member' ? rowsOut.filter((r) => r.userId === viewer.userId) : rowsOut,
    totals,
    leaderboard,
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
    .sort((a, b) => b.complete - a.complete || a.name.localeCompare(b.name));
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.place = previous && previous.complete === r.complete ? previous.place : i + 1;
  });
  const top = ranked.slice(0, LEADERBOARD_PLACES);
  const mine = ranked.findIndex((r) => r.you);
  return mine >= LEADERBOARD_PLACES ? [...top, ranked[mine]!] : top;
}
