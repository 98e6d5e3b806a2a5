/**
 * Teams, their members and the roadmaps assigned to them: the rules of roles (several owners may
 * exist; the last owner can neither leave nor be removed nor step down; a mentor removes members
 * only) and of assignment (only a roadmap every member can see). The route guard checked the
 * caller's role already; every rule is checked again here against the database. No HTTP in here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppServices } from '../../app-services.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { GUEST } from '../../catalog/catalog-entry.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { TEAM_ROLES, type TeamRole } from '../../http/access.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { isCalendarDate } from '../../shared/calendar-date.js';
import { isId, kebabId } from '../../shared/ids.js';
import type { AssignSettings, MemberListDocument, TeamDocument, TeamPatch } from './schema.js';
import { TeamRepository, type MemberView, type TeamRoadmapRow, type TeamRow } from './team-repository.js';

export type TeamServices = Pick<AppServices, 'db' | 'catalog' | 'clock' | 'config' | 'counters' | 'mailer' | 'changes' | 'teamProgressCache'>;

const rank = (role: TeamRole) => TEAM_ROLES.indexOf(role);
const HOUR_MS = 3_600_000;
/** New teams one account may create in an hour. */
export const TEAMS_PER_HOUR = 10;
export const TEAM_NAME_MAX = 80;
/** A slug is an id (lower-case kebab-case) of 2 to 48 characters: the team's address, /teams/<slug>. */
export const SLUG_MIN = 2;
export const SLUG_MAX = 48;

export function isSlug(value: string): boolean {
  return value.length >= SLUG_MIN && value.length <= SLUG_MAX && isId(value);
}

/** Why a team's name or address (as typed in a form) is refused, or null. */
export function teamFormProblem(name: string, slug: string): string | null {
  if (!name || name.length > TEAM_NAME_MAX) return `The name takes 1 to ${TEAM_NAME_MAX} characters.`;
  if (slug && !isSlug(slug)) return `The address takes ${SLUG_MIN} to ${SLUG_MAX} lower-case letters and digits, with single hyphens between them.`;
  return null;
}

/** The name others in a team see: the display name, else the username, never the email address. */
export function shownName(user: { name: string; username: string | null }): string {
  return user.name.trim() || user.username || 'A member';
}

/** The assigned roadmaps every member may see, with their catalog entries; hidden or deleted ones are left out. */
export async function visibleAssignments(
  services: Pick<AppServices, 'catalog'>,
  rows: TeamRoadmapRow[],
): Promise<{ row: TeamRoadmapRow; entry: CatalogEntry }[]> {
  const entries = await Promise.all(rows.map((row) => services.catalog.get(row.roadmap_id, GUEST)));
  return rows.flatMap((row, i) => {
    const entry = entries[i];
    return entry ? [{ row, entry }] : [];
  });
}

export function optionalSectionsOf(row: TeamRoadmapRow): string[] {
  try {
    const parsed: unknown = JSON.parse(row.optional_sections);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export class TeamService {
  private readonly repo: TeamRepository;

  constructor(private readonly services: TeamServices) {
    this.repo = new TeamRepository(services.db);
  }

  private now(): string {
    return this.services.clock().toISOString();
  }

  /** Tells every instance's live dashboards of the team that it changed (after the change committed). */
  private changed(teamId: string): Promise<void> {
    return this.services.changes.publish({ topic: 'team', teamId });
  }

  /** The caller's role, read again from the database: a 404 when they are not (or no longer) a member. */
  async roleOf(teamId: string, userId: string): Promise<TeamRole> {
    const role = await this.repo.roleOf(teamId, userId);
    if (!role) throw new AppError('not_found');
    return role;
  }

  private async require(teamId: string, userId: string, at: TeamRole): Promise<TeamRole> {
    const role = await this.roleOf(teamId, userId);
    if (rank(role) < rank(at)) throw new AppError('forbidden', `This needs the ${at} role in this team.`);
    return role;
  }

  /** Creates a team with the caller as its owner; the slug comes from the name unless one is given. */
  async create(userId: string, name: string, slug: string | undefined): Promise<TeamDocument> {
    await consumeLimit(this.services.counters, `teams:${userId}`, TEAMS_PER_HOUR, HOUR_MS, 'Too many new teams. Try again later.');
    const now = this.now();
    const id = randomUUID();
    const stem = kebabId(name).slice(0, 40).replace(/-+$/, '');
    const candidates = slug
      ? [slug]
      : [stem.length >= 2 ? stem : 'team', ...[1, 2, 3, 4].map(() => `${stem || 'team'}-${randomBytes(3).toString('hex')}`)];
    for (const candidate of candidates) {
      if (await this.repo.slugTaken(candidate)) continue;
      try {
        await this.services.db.transaction().execute(async (trx) => {
          const repo = new TeamRepository(trx);
          await repo.insertTeam({ id, slug: candidate, name, leaderboard: 0, created_at: now, updated_at: now });
          await repo.addMember({ team_id: id, user_id: userId, role: 'owner', joined_at: now, last_seen: null });
        });
        return this.get(id, userId);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new AppError('conflict', slug ? `The slug "${slug}" is taken by another team.` : 'Could not find a free slug for this name; choose one.');
  }

  async list(userId: string): Promise<{ id: string; slug: string; name: string; role: TeamRole; members: number }[]> {
    const rows = await this.repo.teamsOf(userId);
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, role: r.role as TeamRole, members: Number(r.members) }));
  }

  async get(teamId: string, userId: string): Promise<TeamDocument> {
    const role = await this.roleOf(teamId, userId);
    const team = await this.teamRow(teamId);
    const [counts, assigned] = await Promise.all([this.repo.roleCounts(teamId), this.repo.roadmaps(teamId)]);
    const roadmaps = (await visibleAssignments(this.services, assigned)).map(({ row, entry }) => ({
      id: entry.id,
      title: entry.roadmap.meta.title,
      url: entry.roadmap.path,
      targetDate: row.target_date,
      optionalSections: optionalSectionsOf(row),
      assignedAt: row.assigned_at,
    }));
    return {
      id: team.id,
      slug: team.slug,
      name: team.name,
      leaderboard: team.leaderboard === 1,
      role,
      members: [...counts.values()].reduce((a, b) => a + b, 0),
      roadmaps,
      createdAt: team.created_at,
      updatedAt: team.updated_at,
    };
  }

  private async teamRow(teamId: string): Promise<TeamRow> {
    const team = await this.repo.team(teamId);
    if (!team) throw new AppError('not_found');
    return team;
  }

  async update(teamId: string, userId: string, patch: TeamPatch): Promise<TeamDocument> {
    await this.require(teamId, userId, 'owner');
    const team = await this.teamRow(teamId);
    if (patch.slug !== undefined && patch.slug !== team.slug && (await this.repo.slugTaken(patch.slug)))
      throw new AppError('conflict', `The slug "${patch.slug}" is taken by another team.`);
    try {
      await this.repo.updateTeam(teamId, {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.slug === undefined ? {} : { slug: patch.slug }),
        ...(patch.leaderboard === undefined ? {} : { leaderboard: patch.leaderboard ? 1 : 0 }),
        updated_at: this.now(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', `The slug "${patch.slug}" is taken by another team.`);
      throw error;
    }
    await this.changed(teamId);
    return this.get(teamId, userId);
  }

  /** Deletes the team and everything that belongs to it; the owner names its slug to confirm. */
  async delete(teamId: string, userId: string, confirm: string | undefined): Promise<void> {
    await this.require(teamId, userId, 'owner');
    const team = await this.teamRow(teamId);
    if (confirm !== team.slug)
      throw new AppError('invalid_input', `To delete the team, send its slug as confirm: {"confirm": "${team.slug}"} or ?confirm=${team.slug}.`);
    await this.services.db.transaction().execute((trx) => new TeamRepository(trx).deleteTeam(teamId));
    await this.changed(teamId);
  }

  /** Owners and mentors see every member; a member sees only themself. Everyone sees the counts. */
  async members(teamId: string, userId: string): Promise<MemberListDocument> {
    const role = await this.roleOf(teamId, userId);
    const rows = (await this.repo.members(teamId)).sort((a, b) => rank(b.role as TeamRole) - rank(a.role as TeamRole));
    const count = (r: TeamRole) => rows.filter((m) => m.role === r).length;
    const seen = role === 'member' ? rows.filter((m) => m.user_id === userId) : rows;
    return {
      members: seen.map(memberOf),
      counts: { owners: count('owner'), mentors: count('mentor'), members: count('member'), total: rows.length },
    };
  }

  /** Sets a member's role (owners only). Making someone owner is allowed; the last owner cannot step down. */
  async setRole(teamId: string, callerId: string, targetId: string, role: TeamRole) {
    const result = await this.services.db.transaction().execute(async (trx) => {
      const repo = new TeamRepository(trx);
      await repo.lock(teamId);
      const caller = await repo.roleOf(teamId, callerId);
      if (!caller) throw new AppError('not_found');
      if (caller !== 'owner') throw new AppError('forbidden', 'Only an owner can change roles.');
      const target = await repo.member(teamId, targetId);
      if (!target) throw new AppError('not_found', 'This user is not a member of the team.');
      if (target.role === 'owner' && role !== 'owner' && (await repo.roleCounts(teamId)).get('owner') === 1)
        throw new AppError('conflict', 'The team needs an owner: make someone else owner first.');
      await repo.setRole(teamId, targetId, role);
      const user = await repo.userName(targetId);
      return { userId: targetId, name: user ? shownName(user) : 'A member', role, joinedAt: target.joined_at };
    });
    await this.changed(teamId);
    return result;
  }

  /** Hands the team to another member: they become owner and the caller, an owner, becomes a mentor. */
  async transferOwnership(teamId: string, callerId: string, targetId: string): Promise<void> {
    if (callerId === targetId) throw new AppError('invalid_input', 'Choose another member to hand the team to.');
    await this.services.db.transaction().execute(async (trx) => {
      const repo = new TeamRepository(trx);
      await repo.lock(teamId);
      if ((await repo.roleOf(teamId, callerId)) !== 'owner') throw new AppError('forbidden', 'Only an owner can hand the team over.');
      if (!(await repo.roleOf(teamId, targetId))) throw new AppError('not_found', 'This user is not a member of the team.');
      await repo.setRole(teamId, targetId, 'owner');
      await repo.setRole(teamId, callerId, 'mentor');
    });
    await this.changed(teamId);
  }

  /**
   * Removes a member, or the caller themself (leaving). Owners remove anyone; mentors remove
   * members only; nobody removes the last owner, who must make someone else owner before leaving.
   */
  async removeMember(teamId: string, callerId: string, targetId: string): Promise<void> {
    await this.services.db.transaction().execute(async (trx) => {
      const repo = new TeamRepository(trx);
      await repo.lock(teamId);
      const caller = await repo.roleOf(teamId, callerId);
      if (!caller) throw new AppError('not_found');
      const target = callerId === targetId ? caller : await repo.roleOf(teamId, targetId);
      if (callerId !== targetId) {
        if (caller === 'member') throw new AppError('forbidden', 'Only owners and mentors can remove members.');
        if (!target) throw new AppError('not_found', 'This user is not a member of the team.');
        if (caller === 'mentor' && target !== 'member') throw new AppError('forbidden', 'A mentor can remove members only, not owners or mentors.');
      }
      if (target === 'owner' && (await repo.roleCounts(teamId)).get('owner') === 1)
        throw new AppError('conflict', 'The last owner cannot leave the team: make someone else owner first, or delete the team.');
      await repo.removeMember(teamId, targetId);
    });
    await this.changed(teamId);
  }

  /**
   * Before an account is deleted: a team it alone owns passes to its longest-standing mentor (else
   * member), so no team is left without an owner; a team with no one else in it is deleted.
   */
  async handOverTeamsOf(userId: string): Promise<void> {
    const changed = await this.services.db.transaction().execute(async (trx) => {
      const repo = new TeamRepository(trx);
      const owned = await repo.soleOwnerships(userId);
      for (const { teamId, heir } of owned) {
        if (heir) await repo.setRole(teamId, heir, 'owner');
        else await repo.deleteTeam(teamId);
      }
      return owned.map((o) => o.teamId);
    });
    await Promise.all(changed.map((teamId) => this.changed(teamId)));
  }

  /** Assigns a roadmap (owners and mentors): official, or a user roadmap the assigner can see that is not private. */
  async assign(teamId: string, userId: string, roadmapId: string, settings: AssignSettings): Promise<void> {
    await this.require(teamId, userId, 'mentor');
    const entry = await this.services.catalog.get(roadmapId, { userId });
    if (!entry) throw new AppError('not_found', `There is no roadmap "${roadmapId}".`);
    if (entry.visibility === 'private')
      throw new AppError(
        'roadmap_private',
        `"${entry.roadmap.meta.title}" is private, so the team's members could not see it. Make it public or unlisted first.`,
      );
    const sections = new Set(entry.roadmap.sections.map((s) => s.id));
    const unknown = (settings.optionalSections ?? []).filter((id) => !sections.has(id));
    if (unknown.length > 0)
      throw new AppError('invalid_input', `The roadmap "${entry.id}" has no section ${unknown.map((id) => `"${id}"`).join(', ')}.`);
    const targetDate = settings.targetDate ?? null;
    if (targetDate !== null && !isCalendarDate(targetDate)) throw new AppError('invalid_input', `"${targetDate}" is not a date.`);
    await this.repo.putRoadmap({
      team_id: teamId,
      roadmap_id: entry.id,
      target_date: targetDate,
      optional_sections: JSON.stringify(settings.optionalSections ?? []),
      assigned_at: this.now(),
    });
    await this.changed(teamId);
  }

  async unassign(teamId: string, userId: string, roadmapId: string): Promise<void> {
    await this.require(teamId, userId, 'mentor');
    if (!(await this.repo.deleteRoadmap(teamId, roadmapId)))
      throw new AppError('not_found', `The roadmap "${roadmapId}" is not assigned to this team.`);
    await this.changed(teamId);
  }
}

function memberOf(m: MemberView) {
  return { userId: m.user_id, name: shownName(m), role: m.role as TeamRole, joinedAt: m.joined_at };
}
