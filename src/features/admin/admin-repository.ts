/** The SQL of the admin area: accounts as administrators see them, and the audit log. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  username: string | null;
  is_admin: number;
  disabled_at: string | null;
  email_verified_at: string | null;
  created_at: string;
  /** The latest use of any of the account's sessions. */
  last_seen: string | null;
  /** The latest use of any of its API tokens. */
  last_token_use: string | null;
  sessions: number;
  tokens: number;
}

export interface AuditRow {
  id: string;
  at: string;
  admin_id: string;
  admin_email: string;
  action: string;
  target_id: string | null;
  target_label: string;
  detail: string;
}

/** `%` and `_` (and the escape itself) match only themselves in a LIKE pattern. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class AdminRepository {
  constructor(private readonly db: Database) {}

  private usersQuery() {
    return this.db.selectFrom('users').select([
      'users.id',
      'users.email',
      'users.name',
      'users.username',
      'users.is_admin',
      'users.disabled_at',
      'users.email_verified_at',
      'users.created_at',
      (eb) =>
        eb
          .selectFrom('sessions')
          .select((s) => s.fn.max('last_seen_at').as('m'))
          .whereRef('sessions.user_id', '=', 'users.id')
          .as('last_seen'),
      (eb) =>
        eb
          .selectFrom('api_tokens')
          .select((s) => s.fn.max('last_used_at').as('m'))
          .whereRef('api_tokens.user_id', '=', 'users.id')
          .as('last_token_use'),
      (eb) =>
        eb
          .selectFrom('sessions')
          .select((s) => s.fn.countAll().as('n'))
          .whereRef('sessions.user_id', '=', 'users.id')
          .as('sessions'),
      (eb) =>
        eb
          .selectFrom('api_tokens')
          .select((s) => s.fn.countAll().as('n'))
          .whereRef('api_tokens.user_id', '=', 'users.id')
          .as('tokens'),
    ]);
  }

  /** Accounts whose email, name or username contains `q` (any case), newest first, a page at a time. */
  async searchUsers(q: string, limit: number, offset: number): Promise<{ rows: AdminUserRow[]; total: number }> {
    const text = q.trim();
    const pattern = likePattern(text);
    const matches = sql<boolean>`(lower(users.email) like ${pattern} escape '\\' or lower(users.name) like ${pattern} escape '\\' or lower(coalesce(users.username, '')) like ${pattern} escape '\\')`;
    let rows = this.usersQuery();
    let count = this.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n'));
    if (text) {
      rows = rows.where(matches);
      count = count.where(matches);
    }
    const [found, total] = await Promise.all([
      rows.orderBy('users.created_at', 'desc').orderBy('users.id').limit(limit).offset(offset).execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    return { rows: found.map(normalize), total: Number(total.n) };
  }

  async user(id: string): Promise<AdminUserRow | undefined> {
    const row = await this.usersQuery().where('users.id', '=', id).executeTakeFirst();
    return row && normalize(row);
  }

  async audit(entry: Omit<AuditRow, 'id'>): Promise<void> {
    await this.db
      .insertInto('admin_audit')
      .values({ id: randomUUID(), ...entry })
      .execute();
  }

  /** The log, newest first, a page at a time. */
  async auditLog(limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.selectFrom('admin_audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      this.db
        .selectFrom('admin_audit')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  }
}

function normalize<T extends { sessions: unknown; tokens: unknown; last_seen: unknown; last_token_use: unknown }>(
  row: T,
): Omit<T, 'sessions' | 'tokens' | 'last_seen' | 'last_token_use'> & Pick<AdminUserRow, 'sessions' | 'tokens' | 'last_seen' | 'last_token_use'> {
  return {
    ...row,
    sessions: Number(row.sessions ?? 0),
    tokens: Number(row.tokens ?? 0),
    last_seen: row.last_seen === null || row.last_seen === undefined ? null : String(row.last_seen),
    last_token_use: row.last_token_use === null || row.last_token_use === undefined ? null : String(row.last_token_use),
  };
}
