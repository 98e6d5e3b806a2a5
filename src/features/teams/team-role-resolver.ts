/**
 * The access guard's team resolver: the signed-in caller's role in the team named by the route's
 * `:teamId` (the API) or `:teamSlug` (the pages). It reads the database on every request (one look-up by primary key), so a removed
 * member or a changed role takes effect at once, on every instance, with no cache to invalidate.
 */
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import type { TeamRole, TeamRoleResolver } from '../../http/access.js';
import { TeamRepository } from './team-repository.js';
import { isSlug } from './team-service.js';

/** Team ids are UUIDs. The guard runs before the route's schema: anything else names no team and is never sent to the database. */
const TEAM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function teamRoleResolver(db: Database): TeamRoleResolver {
  const repo = new TeamRepository(db);
  return async (request: FastifyRequest): Promise<TeamRole | null> => {
    const params = request.params as Record<string, unknown> | undefined;
    const userId = request.auth?.user.id;
    if (!userId) return null;
    const slug = params?.teamSlug;
    if (typeof slug === 'string') return isSlug(slug) ? ((await repo.bySlugFor(slug, userId))?.role ?? null) : null;
    const teamId = params?.teamId;
    if (typeof teamId !== 'string' || !TEAM_ID.test(teamId)) return null;
    return repo.roleOf(teamId, userId);
  };
}
