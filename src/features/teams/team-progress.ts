/**
 * A team's progress: every member's counts on the team's assigned roadmaps, read in a constant
 * number of queries whatever the team's size (the members, their statuses on those roadmaps,
 * their last activity on them). Nothing else of a member is read: not other roadmaps, not notes,
 * not quiz answers, not email addresses. Counting is the shared rules' (shared/progress-rules.ts):
 * "complete" is done plus skipped, the "N of M done" every page shows. No HTTP in here.
 */
import { AppError } from '../../errors.js';
import { countEntries, normalizeEntries } from '../../shared/progress-rules.js';
import type { TeamProgressDocument } from './schema.js';
import { TeamRepository } from './team-repository.js';
import { optionalSectionsOf, shownName, visibleAssignments, type TeamServices } from './team-service.js';

type MemberCounts = TeamProgressDocument['members'][number]['roadmaps'][string];

export async function teamProgress(services: TeamServices, teamId: string, userId: string): Promise<TeamProgressDocument> {
  const repo = new TeamRepository(services.db);
  const role = await repo.roleOf(teamId, userId);
  if (!role) throw new AppError('not_found');
  const assigned = await visibleAssignments(services, await repo.roadmaps(teamId));
  const ids = assigned.map(({ entry }) => entry.id);
  const [members, rows, lastActive] = await Promise.all([repo.members(teamId), repo.progressOfMembers(teamId, ids), repo.lastActivity(teamId, ids)]);

  // user → roadmap → [topic, entry] as stored.
  const stored = new Map<string, Map<string, [string, { status: string; updatedAt: string }][]>>();
  for (const row of rows) {
    const byRoadmap = stored.get(row.user_id) ?? new Map<string, [string, { status: string; updatedAt: string }][]>();
    stored.set(row.user_id, byRoadmap);
    const list = byRoadmap.get(row.roadmap_id) ?? [];
    byRoadmap.set(row.roadmap_id, list);
    list.push([row.topic_id, { status: row.status, updatedAt: '' }]);
  }

  const totals: TeamProgressDocument['totals'] = {};
  for (const { entry } of assigned) totals[entry.id] = { complete: 0, total: 0, members: members.length };
  const rowsOut = members.map((member) => {
    const roadmaps: Record<string, MemberCounts> = {};
    for (const { entry } of assigned) {
      const { roadmap } = entry;
      const entries = normalizeEntries(stored.get(member.user_id)?.get(entry.id) ?? [], roadmap.index);
      const counts = countEntries(roadmap.index, entries);
      const sections: MemberCounts['sections'] = {};
      for (const section of roadmap.sections) {
        const c = countEntries(roadmap.index, entries, section.nodeIds);
        sections[section.id] = { complete: c.complete, total: c.total };
      }
      roadmaps[entry.id] = { ...counts, sections };
      const sum = totals[entry.id];
      if (sum) {
        sum.complete += counts.complete;
        sum.total += counts.total;
      }
    }
    return { userId: member.user_id, name: shownName(member), lastActiveAt: lastActive.get(member.user_id) ?? null, roadmaps };
  });

  return {
    roadmaps: assigned.map(({ row, entry }) => {
      const optional = new Set(optionalSectionsOf(row));
      return {
        id: entry.id,
        title: entry.roadmap.meta.title,
        targetDate: row.target_date,
        sections: entry.roadmap.sections.map((s) => ({
          id: s.id,
          title: s.title,
          total: s.nodeIds.filter((id) => entry.roadmap.index.has(id)).length,
          optional: optional.has(s.id),
        })),
      };
    }),
    members: role === 'member' ? rowsOut.filter((r) => r.userId === userId) : rowsOut,
    totals,
  };
}
