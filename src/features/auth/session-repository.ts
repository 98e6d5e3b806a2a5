/** All SQL about sessions and personal API tokens. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.js';
import type { UserChanges } from './credential-cache.js';

export class SessionRepository {
  /** `changes` hears of every session that ends, so that no cache keeps it alive. */
  constructor(
    private readonly db: Database,
    private readonly changes?: UserChanges,
  ) {}

  /** `createdAt` defaults to now; pass the time the expiry was computed from, so both agree. */
  async create(input: { tokenHash: string; userId: string; expiresAt: string; userAgent: string; createdAt?: string }): Promise<void> {
    const now = input.createdAt ?? new Date().toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: input.tokenHash,
        user_id: input.userId,
        created_at: now,
        last_seen_at: now,
        expires_at: input.expiresAt,
        user_agent: input.userAgent.slice(0, 300),
      })
      .execute();
  }

  find(tokenHash: string) {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The session's times and its user's row in one query: every signed-in request starts here. */
  findWithUser(tokenHash: string) {
    return (
      this.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select([
          'sessions.created_at as session_created_at',
          'sessions.last_seen_at as session_last_seen_at',
          'sessions.expires_at as session_expires_at',
        ])
        .where('sessions.token_hash', '=', tokenHash)
        // A disabled account's sessions stay, and work again once it is enabled.
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst()
    );
  }

  async touch(tokenHash: string, at: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async delete(tokenHash: string): Promise<void> {
    const ended = await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
    if (ended) await this.changes?.userChanged(ended.user_id);
  }

  /** Deletes sessions past their expiry, their absolute limit or their idle timeout; returns how many. */
  async purgeExpired(limits: { idleDays: number; maxDays: number }, now = new Date()): Promise<number> {
    const days = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000).toISOString();
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<=', now.toISOString()),
          eb('created_at', '<=', days(limits.maxDays)),
          eb('last_seen_at', '<=', days(limits.idleDays)),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Ends every session of a user, except `keep` when given. */
  async deleteForUser(userId: string, keep?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keep) query = query.where('token_hash', '!=', keep);
    await query.execute();
    await this.changes?.userChanged(userId);
  }
}

export class ApiTokenRepository {
  /** `changes` hears of every revoked token, so that no cache keeps it alive. */
  constructor(
    private readonly db: Database,
    private readonly changes?: UserChanges,
  ) {}

  async create(input: { userId: string; name: string; tokenHash: string; prefix: string }) {
    const row = {
      id: randomUUID(),
      user_id: input.userId,
      name: input.name,
      token_hash: input.tokenHash,
      prefix: input.prefix,
      created_at: new Date().toISOString(),
      last_used_at: null,
    };
    await this.db.insertInto('api_tokens').values(row).execute();
    return row;
  }

  findByHash(tokenHash: string) {
    return this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** The token's id and last use with its user's row in one query: every API request starts here. */
  findWithUser(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select(['api_tokens.id as token_id', 'api_tokens.last_used_at as token_last_used_at'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
  }

  listForUser(userId: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  /** Revokes every token of the user (after a password reset, or "sign out everywhere"). */
  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
    await this.changes?.userChanged(userId);
  }

  /** Revokes a token of this user; false when there is no such token. */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    await this.changes?.userChanged(userId);
    return Number(result.numDeletedRows) > 0;
  }
}
