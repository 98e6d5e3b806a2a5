/** The SQL of the admin area: accounts as administrators see them, and the audit log. */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { AdminAuditTable } from '../../db/schema.js';
import type { Database } from '../../db/database.js';
import { REPORT_REASONS, type ReportReason, type ReportView } from './reports.js';

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

/** An audit log row as read: the table's own type. */
export type AuditRow = Selectable<AdminAuditTable>;

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

  async insertReport(row: {
    id: string;
    roadmap_id: string;
    reporter_id: string;
    reason: string;
    details: string;
    created_at: string;
  }): Promise<void> {
    await this.db.insertInto('roadmap_reports').values(row).execute();
  }

  async openReportBy(roadmapId: string, reporterId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('roadmap_reports')
      .select('id')
      .where('roadmap_id', '=', roadmapId)
      .where('reporter_id', '=', reporterId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return row !== undefined;
  }

  async report(id: string): Promise<ReportView | undefined> {
    const row = await reportsQuery(this.db).where('rr.id', '=', id).executeTakeFirst();
    return row && reportView(row);
  }

  /** Open reports oldest first (the queue), or the last 200 resolved ones newest first. */
  async reports(status: 'open' | 'resolved'): Promise<ReportView[]> {
    const query = reportsQuery(this.db);
    const rows =
      status === 'open'
        ? await query.where('rr.status', '=', 'open').orderBy('rr.created_at').orderBy('rr.id').limit(500).execute()
        : await query.where('rr.status', '!=', 'open').orderBy('rr.resolved_at', 'desc').orderBy('rr.id').limit(200).execute();
    return rows.map(reportView);
  }

  /** Resolves every open report of the roadmap at once. */
  async resolveReports(
    roadmapId: string,
    resolution: { status: string; resolved_at: string; resolved_by: string; resolution_note: string },
  ): Promise<void> {
    await this.db.updateTable('roadmap_reports').set(resolution).where('roadmap_id', '=', roadmapId).where('status', '=', 'open').execute();
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

/** The report rows joined with their roadmap, its owner and the reporter. */
function reportsQuery(db: Database) {
  return db
    .selectFrom('roadmap_reports as rr')
    .innerJoin('user_roadmaps as r', 'r.id', 'rr.roadmap_id')
    .innerJoin('users as owner', 'owner.id', 'r.owner_id')
    .leftJoin('users as reporter', 'reporter.id', 'rr.reporter_id')
    .select([
      'rr.id',
      'rr.roadmap_id',
      'r.title',
      'r.visibility',
      'owner.email as owner_email',
      'reporter.email as reporter_email',
      'rr.reason',
      'rr.details',
      'rr.created_at',
      'rr.status',
      'rr.resolved_at',
      'rr.resolution_note',
    ]);
}

function reportView(row: Awaited<ReturnType<ReturnType<typeof reportsQuery>['execute']>>[number]): ReportView {
  const reason = (row.reason in REPORT_REASONS ? row.reason : 'other') as ReportReason;
  return {
    id: row.id,
    roadmapId: row.roadmap_id,
    roadmapTitle: row.title,
    roadmapPath: `/r/${row.roadmap_id}`,
    visibility: row.visibility,
    ownerEmail: row.owner_email,
    reporterEmail: row.reporter_email ?? null,
    reason,
    reasonText: REPORT_REASONS[reason],
    details: row.details,
    createdAt: row.created_at,
    status: row.status,
    resolvedAt: row.resolved_at,
    resolutionNote: row.resolution_note,
  };
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
