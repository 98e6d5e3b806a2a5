/** Teams, their members, invites and assigned roadmaps. All their SQL; no HTTP and no rules in here. */
import type { Selectable } from 'kysely';
import { isPostgres, type Database } from '../../db/database.js';
import type { TeamInvitesTable, TeamMembersTable, TeamRoadmapsTable, TeamsTable } from '../../db/schema.js';
import type { TeamRole } from '../../http/access.js';

export type TeamRow = Selectable<TeamsTable>;
export type MemberRow = Selectable<TeamMembersTable>;
export type InviteRow = Selectable<TeamInvitesTable>;
export type TeamRoadmapRow = Selectable<TeamRoadmapsTable>;

/** A member as others in the team may see them: never an email address. */
export interface MemberView {
  user_id: string;
  role: string;
  joined_at: string;
  name: string;
  username: string | null;
}

export interface TeamSummaryRow extends TeamRow {
  role: string;
  joined_at: string;
  members: number;
}

export class TeamRepository {
  /** `db` may be a transaction. */
  constructor(private readonly db: Database) {}

  /** The caller's role in a team: one look-up by the membership's primary key. */
  async roleOf(teamId: string, userId: string): Promise<TeamRole | null> {
    const row = await this.db
      .selectFrom('team_members')
      .select('role')
      .where('team_id', '=', teamId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return (row?.role as TeamRole | undefined) ?? null;
  }

  team(teamId: string): Promise<TeamRow | undefined> {
    return this.db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
  }

  /** Holds the team's row until the transaction ends (PostgreSQL; SQLite's one writer already does). */
  async lock(teamId: string): Promise<void> {
    if (isPostgres(this.db)) await this.db.selectFrom('teams').select('id').where('id', '=', teamId).forUpdate().execute();
  }

  async slugTaken(slug: string): Promise<boolean> {
    return (await this.db.selectFrom('teams').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
  }

  async insertTeam(team: TeamRow): Promise<void> {
    await this.db.insertInto('teams').values(team).execute();
  }

  async updateTeam(teamId: string, changes: Partial<Pick<TeamRow, 'name' | 'slug' | 'leaderboard' | 'updated_at'>>): Promise<void> {
    await this.db.updateTable('teams').set(changes).where('id', '=', teamId).execute();
  }

  /** Deletes the team with everything that belongs to it. */
  async deleteTeam(teamId: string): Promise<void> {
    await this.db.deleteFrom('team_roadmaps').where('team_id', '=', teamId).execute();
    await this.db.deleteFrom('team_invites').where('team_id', '=', teamId).execute();
    await this.db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
    await this.db.deleteFrom('teams').where('id', '=', teamId).execute();
  }

  /** The user's teams with their role and the number of members, by name. */
  teamsOf(userId: string): Promise<TeamSummaryRow[]> {
    return this.db
      .selectFrom('team_members as mine')
      .innerJoin('teams', 'teams.id', 'mine.team_id')
      .selectAll('teams')
      .select(['mine.role', 'mine.joined_at'])
      .select((eb) =>
        eb
          .selectFrom('team_members as all')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('all.team_id', '=', 'mine.team_id')
          .as('members'),
      )
      .where('mine.user_id', '=', userId)
      .orderBy('teams.name')
      .orderBy('teams.id')
      .execute() as Promise<TeamSummaryRow[]>;
  }

  /** Adds a member; false when the user already is one. */
  async addMember(row: MemberRow): Promise<boolean> {
    const result = await this.db
      .insertInto('team_members')
      .values(row)
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  member(teamId: string, userId: string): Promise<MemberRow | undefined> {
    return this.db.selectFrom('team_members').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
  }

  /** Every member with the name others may see, by role then join time: one query whatever the team's size. */
  members(teamId: string): Promise<MemberView[]> {
    return this.db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select(['team_members.user_id', 'team_members.role', 'team_members.joined_at', 'users.name', 'users.username'])
      .where('team_members.team_id', '=', teamId)
      .orderBy('team_members.joined_at')
      .orderBy('team_members.user_id')
      .execute();
  }

  async roleCounts(teamId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('team_members')
      .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
      .where('team_id', '=', teamId)
      .groupBy('role')
      .execute();
    return new Map(rows.map((r) => [r.role, Number(r.n)]));
  }

  async setRole(teamId: string, userId: string, role: TeamRole): Promise<void> {
    await this.db.updateTable('team_members').set({ role }).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  }

  async removeMember(teamId: string, userId: string): Promise<void> {
    await this.db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
  }

  async insertInvite(row: InviteRow): Promise<void> {
    await this.db.insertInto('team_invites').values(row).execute();
  }

  inviteByHash(tokenHash: string): Promise<InviteRow | undefined> {
    return this.db.selectFrom('team_invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Invites that can still be used at `now`, newest first. */
  activeInvites(teamId: string, now: string): Promise<InviteRow[]> {
    return this.db
      .selectFrom('team_invites')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Revokes an invite of the team; false when there is none (or it was revoked already). */
  async revokeInvite(teamId: string, inviteId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('team_invites')
      .set({ revoked_at: now })
      .where('team_id', '=', teamId)
      .where('id', '=', inviteId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Counts one use, in one statement: false when the invite is revoked, expired or used up. */
  async useInvite(inviteId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('team_invites')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', inviteId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  userName(userId: string): Promise<{ name: string; username: string | null } | undefined> {
    return this.db.selectFrom('users').select(['name', 'username']).where('id', '=', userId).executeTakeFirst();
  }

  roadmaps(teamId: string): Promise<TeamRoadmapRow[]> {
    return this.db.selectFrom('team_roadmaps').selectAll().where('team_id', '=', teamId).orderBy('assigned_at').orderBy('roadmap_id').execute();
  }

  async putRoadmap(row: TeamRoadmapRow): Promise<void> {
    await this.db
      .insertInto('team_roadmaps')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['team_id', 'roadmap_id']).doUpdateSet({ target_date: row.target_date, optional_sections: row.optional_sections }),
      )
      .execute();
  }

  async deleteRoadmap(teamId: string, roadmapId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('team_roadmaps').where('team_id', '=', teamId).where('roadmap_id', '=', roadmapId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The stored statuses of every member of the team on these roadmaps, in one query. */
  /** The members' stored statuses on these roadmaps: every member's, or only those of `userIds` (members already checked). */
  progressOfMembers(
    teamId: string,
    roadmapIds: readonly string[],
    userIds?: readonly string[],
  ): Promise<{ user_id: string; roadmap_id: string; topic_id: string; status: string }[]> {
    if (roadmapIds.length === 0 || userIds?.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('progress')
      .select(['user_id', 'roadmap_id', 'topic_id', 'status'])
      .where('user_id', 'in', userIds ? [...userIds] : (eb) => eb.selectFrom('team_members').select('user_id').where('team_id', '=', teamId))
      .where('roadmap_id', 'in', [...roadmapIds])
      .execute();
  }

  /** One member's stored statuses on these roadmaps. */
  progressOfMember(userId: string, roadmapIds: readonly string[]): Promise<{ roadmap_id: string; topic_id: string; status: string }[]> {
    if (roadmapIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('progress')
      .select(['roadmap_id', 'topic_id', 'status'])
      .where('user_id', '=', userId)
      .where('roadmap_id', 'in', [...roadmapIds])
      .execute();
  }

  /** Each member's latest change of status on these roadmaps (or only those of `userIds`), in one query. */
  async lastActivity(teamId: string, roadmapIds: readonly string[], userIds?: readonly string[]): Promise<Map<string, string>> {
    if (roadmapIds.length === 0 || userIds?.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('activity')
      .select(['user_id', (eb) => eb.fn.max('occurred_at').as('last')])
      .where('user_id', 'in', userIds ? [...userIds] : (eb) => eb.selectFrom('team_members').select('user_id').where('team_id', '=', teamId))
      .where('roadmap_id', 'in', [...roadmapIds])
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, String(r.last)]));
  }

  /**
   * Topics members finished (done) on these roadmaps since `since`, newest first, at most `limit`:
   * one query on the log's (user, time) index. With `userId`, only that member's.
   */
  finished(
    teamId: string,
    roadmapIds: readonly string[],
    since: string,
    limit: number,
    userId?: string,
  ): Promise<{ user_id: string; roadmap_id: string; topic_id: string; occurred_at: string }[]> {
    if (roadmapIds.length === 0) return Promise.resolve([]);
    let query = this.db
      .selectFrom('activity')
      .select(['user_id', 'roadmap_id', 'topic_id', 'occurred_at'])
      .where('user_id', 'in', (eb) => eb.selectFrom('team_members').select('user_id').where('team_id', '=', teamId))
      .where('roadmap_id', 'in', [...roadmapIds])
      .where('status', '=', 'done')
      .where('occurred_at', '>=', since);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    return query.orderBy('occurred_at', 'desc').orderBy('id').limit(limit).execute();
  }

  /** Which of these users are members of the team, with their roles: one query. */
  async rolesOf(teamId: string, userIds: readonly string[]): Promise<Map<string, TeamRole>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('team_members')
      .select(['user_id', 'role'])
      .where('team_id', '=', teamId)
      .where('user_id', 'in', [...userIds])
      .execute();
    return new Map(rows.map((r) => [r.user_id, r.role as TeamRole]));
  }

  /** Which of these teams the user belongs to: one query. */
  async teamsAmong(userId: string, teamIds: readonly string[]): Promise<string[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('team_members')
      .select('team_id')
      .where('user_id', '=', userId)
      .where('team_id', 'in', [...teamIds])
      .execute();
    return rows.map((r) => r.team_id);
  }

  /** The team named by a slug, with the user's role in it (null when not a member): one query. */
  async bySlugFor(slug: string, userId: string): Promise<{ team: TeamRow; role: TeamRole | null } | undefined> {
    const row = await this.db
      .selectFrom('teams')
      .leftJoin('team_members', (join) => join.onRef('team_members.team_id', '=', 'teams.id').on('team_members.user_id', '=', userId))
      .selectAll('teams')
      .select('team_members.role')
      .where('teams.slug', '=', slug)
      .executeTakeFirst();
    if (!row) return undefined;
    const { role, ...team } = row;
    return { team, role: (role as TeamRole | null) ?? null };
  }

  /**
   * The teams the user alone owns, each with the member who would take over: the longest-standing
   * mentor, else the longest-standing member; none when the user is the only member.
   */
  async soleOwnerships(userId: string): Promise<{ teamId: string; heir: string | null }[]> {
    const owned = await this.db
      .selectFrom('team_members as mine')
      .select('mine.team_id')
      .where('mine.user_id', '=', userId)
      .where('mine.role', '=', 'owner')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('team_members as other')
              .select('other.user_id')
              .whereRef('other.team_id', '=', 'mine.team_id')
              .where('other.role', '=', 'owner')
              .where('other.user_id', '<>', userId),
          ),
        ),
      )
      .execute();
    const out: { teamId: string; heir: string | null }[] = [];
    for (const { team_id } of owned) {
      const heir = await this.db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', team_id)
        .where('user_id', '<>', userId)
        .orderBy((eb) => eb.case().when('role', '=', 'mentor').then(0).else(1).end())
        .orderBy('joined_at')
        .orderBy('user_id')
        .executeTakeFirst();
      out.push({ teamId: team_id, heir: heir?.user_id ?? null });
    }
    return out;
  }
}
