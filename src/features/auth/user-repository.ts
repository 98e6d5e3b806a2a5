/** All SQL about users. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import { normalizeEmail } from '../../shared/email.js';
import type { UserChanges } from './credential-cache.js';

export type UserRow = Selectable<UsersTable>;

export class UserRepository {
  /** `changes` hears of every update and deletion, so that no cache serves an old account row. */
  constructor(
    private readonly db: Database,
    private readonly changes?: UserChanges,
  ) {}

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
  }

  async insert(input: { email: string; passwordHash: string; name?: string; isAdmin?: boolean; emailVerified?: boolean }): Promise<UserRow> {
    const now = new Date().toISOString();
    const row = {
      id: randomUUID(),
      email: normalizeEmail(input.email),
      password_hash: input.passwordHash,
      name: input.name ?? '',
      is_admin: input.isAdmin ? 1 : 0,
      email_verified_at: input.emailVerified ? now : null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('users').values(row).execute();
    const user = await this.findById(row.id);
    if (!user) throw new Error('inserted user not found');
    return user;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<
        UserRow,
        | 'email'
        | 'name'
        | 'username'
        | 'time_zone'
        | 'public_profile'
        | 'password_hash'
        | 'email_verified_at'
        | 'is_admin'
        | 'pending_email'
        | 'disabled_at'
      >
    >,
  ): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ ...changes, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await this.changes?.userChanged(id);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
    await this.changes?.userChanged(id);
  }
}
