/**
 * The team's activity: which topics its members finished on the assigned roadmaps lately, newest
 * first. Owners and mentors see everyone's; a member sees their own. No HTTP in here.
 */
import { AppError } from '../../errors.js';
import type { TeamActivityDocument } from './schema.js';
import { TeamRepository } from './team-repository.js';
import { shownName, visibleAssignments, type TeamServices } from './team-service.js';

export const ACTIVITY_DAYS = 7;
/** The most events one answer holds: a week of a large cohort, newest first. */
export const ACTIVITY_LIMIT = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function teamActivity(services: TeamServices, teamId: string, userId: string, days = ACTIVITY_DAYS): Promise<TeamActivityDocument> {
  const repo = new TeamRepository(services.db);
  const role = await repo.roleOf(teamId, userId);
  if (!role) throw new AppError('not_found');
  const assigned = await visibleAssignments(services, await repo.roadmaps(teamId));
  const entries = new Map(assigned.map(({ entry }) => [entry.id, entry]));
  const since = new Date(services.clock().getTime() - days * DAY_MS).toISOString();
  const [rows, members] = await Promise.all([
    repo.finished(teamId, [...entries.keys()], since, ACTIVITY_LIMIT, role === 'member' ? userId : undefined),
    repo.members(teamId),
  ]);
  const names = new Map(members.map((m) => [m.user_id, shownName(m)]));
  const events = rows.flatMap((row) => {
    const entry = entries.get(row.roadmap_id);
    // A topic since removed from the roadmap is left out, as it is from the counts.
    const topic = entry?.roadmap.topics.get(row.topic_id);
    const name = names.get(row.user_id);
    if (!entry || !topic || !entry.roadmap.index.has(row.topic_id) || name === undefined) return [];
    return [
      {
        userId: row.user_id,
        name,
        roadmapId: entry.id,
        roadmapTitle: entry.roadmap.meta.title,
        topicId: row.topic_id,
        topicTitle: topic.title,
        url: `${entry.roadmap.path}/${row.topic_id}`,
        at: row.occurred_at,
      },
    ];
  });
  return { since, events };
}
