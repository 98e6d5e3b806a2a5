/**
 * What administrators do: find accounts, disable and enable them, grant and revoke administration,
 * delete them, reload the official content, and see how the instance is doing. Every change is
 * written to the audit log with who made it. An administrator cannot disable, demote or delete
 * their own account here, so the site never loses its last administrator by accident. No HTTP in here.
 */
import type { AppServices } from '../../app-services.js';
import type { ContentIssue } from '../../content/content-issue.js';
import { formatIssue } from '../../content/content-issue.js';
import { appliedSchemaVersion, LATEST_MIGRATION } from '../../db/migrate.js';
import { isPostgres } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { APP_VERSION } from '../../version.js';
import { AccountService } from '../account/account-service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { UserRepository } from '../auth/user-repository.js';
import { AdminRepository, type AdminUserRow, type AuditRow } from './admin-repository.js';
import type { AdminUserDocument, AuditListDocument } from './schema.js';

export const USERS_PAGE = 50;
export const AUDIT_PAGE = 100;

/** What the log calls each action. */
export const AUDIT_ACTIONS = {
  'user.disable': 'Disabled an account',
  'user.enable': 'Enabled an account',
  'admin.grant': 'Made an administrator',
  'admin.revoke': 'Revoked administration',
  'user.delete': 'Deleted an account',
  'content.reload': 'Reloaded the official content',
  'roadmap.unlist': 'Unlisted a reported roadmap',
  'roadmap.remove': 'Removed a reported roadmap',
  'report.dismiss': 'Dismissed the reports of a roadmap',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface UserChange {
  disabled?: boolean | undefined;
  isAdmin?: boolean | undefined;
}

export interface InstanceStatus {
  version: string;
  dialect: 'sqlite' | 'postgres';
  migration: { applied: string | null; latest: string };
  redis: 'up' | 'down' | 'off';
  mail: { pending: number; failed: number } | null;
  roadmaps: { id: string; title: string; version: number; hash: string; topics: number; questions: number }[];
}

export class AdminService {
  private readonly repo: AdminRepository;
  private readonly users: UserRepository;
  private readonly accounts: AccountService;

  constructor(private readonly services: AppServices) {
    this.repo = new AdminRepository(services.db);
    this.users = new UserRepository(services.db, services.credentials);
    this.accounts = new AccountService(services);
  }

  search(q: string, page: number): Promise<{ rows: AdminUserRow[]; total: number }> {
    return this.repo.searchUsers(q, USERS_PAGE, (page - 1) * USERS_PAGE);
  }

  async user(id: string): Promise<AdminUserRow> {
    const row = await this.repo.user(id);
    if (!row) throw new AppError('not_found', 'No account with that id.');
    return row;
  }

  /**
   * Disables or enables an account, grants or revokes administration. A disabled account's
   * sessions and tokens stop working at once on every instance (the credential caches are told
   * before this answers); enabling it lets them work again.
   */
  async change(admin: AuthUser, id: string, change: UserChange): Promise<AdminUserRow> {
    const target = await this.user(id);
    if (id === admin.id && (change.disabled === true || change.isAdmin === false))
      throw new AppError('forbidden', 'You cannot disable your own account or revoke your own administration: ask another administrator.');
    const actions: AuditAction[] = [];
    const now = this.services.clock().toISOString();
    const update: { disabled_at?: string | null; is_admin?: number } = {};
    if (change.disabled !== undefined && change.disabled !== (target.disabled_at !== null)) {
      update.disabled_at = change.disabled ? now : null;
      actions.push(change.disabled ? 'user.disable' : 'user.enable');
    }
    if (change.isAdmin !== undefined && change.isAdmin !== (target.is_admin === 1)) {
      update.is_admin = change.isAdmin ? 1 : 0;
      actions.push(change.isAdmin ? 'admin.grant' : 'admin.revoke');
    }
    if (actions.length === 0) return target;
    await this.users.update(id, update);
    for (const action of actions) await this.audit(admin, action, target);
    return this.user(id);
  }

  /** Deletes an account as its owner could (its teams handed on first), and logs it. */
  async delete(admin: AuthUser, id: string): Promise<void> {
    if (id === admin.id) throw new AppError('forbidden', 'Delete your own account from your account page, not here.');
    const target = await this.user(id);
    await this.accounts.remove(id);
    await this.audit(admin, 'user.delete', target);
  }

  async auditLog(page: number): Promise<{ rows: AuditRow[]; total: number }> {
    return this.repo.auditLog(AUDIT_PAGE, (page - 1) * AUDIT_PAGE);
  }

  /** Reads the content folder again (on every instance when it is valid); problems as `file:line: message`. */
  async reloadContent(admin: AuthUser): Promise<{ ok: boolean; changed: string[]; problems: string[] }> {
    const result = await this.services.catalog.reload();
    const problems = result.issues.map((issue: ContentIssue) => formatIssue(issue));
    await this.audit(
      admin,
      'content.reload',
      null,
      result.ok ? `changed: ${result.changed.join(', ') || 'nothing'}` : `refused: ${problems.length} problems`,
    );
    return { ok: result.ok, changed: result.changed, problems };
  }

  async instance(): Promise<InstanceStatus> {
    const { services } = this;
    const applied = await appliedSchemaVersion(services.db).catch(() => null);
    const mail = await services.mailer.depth().catch(() => null);
    return {
      version: APP_VERSION,
      dialect: isPostgres(services.db) ? 'postgres' : 'sqlite',
      migration: { applied, latest: LATEST_MIGRATION },
      redis: services.redis ? (services.redis.status === 'ready' ? 'up' : 'down') : 'off',
      mail,
      roadmaps: services.catalog.officialEntries().map((e) => ({
        id: e.id,
        title: e.roadmap.meta.title,
        version: e.version,
        hash: e.hash,
        topics: e.roadmap.index.ids.length,
        questions: e.roadmap.questions.size,
      })),
    };
  }

  private async audit(admin: AuthUser, action: AuditAction, target: AdminUserRow | null, detail = ''): Promise<void> {
    await this.repo.audit({
      at: this.services.clock().toISOString(),
      admin_id: admin.id,
      admin_email: admin.email,
      action,
      target_id: target?.id ?? null,
      target_label: target?.email ?? '',
      detail,
    });
  }
}

/** An account as the admin API and pages show it. */
export function userDocument(row: AdminUserRow): AdminUserDocument {
  const lastActiveAt =
    [row.last_seen, row.last_token_use]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    username: row.username,
    isAdmin: row.is_admin === 1,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    emailVerified: row.email_verified_at !== null,
    createdAt: row.created_at,
    signInMethods: ['password', ...(row.tokens > 0 ? ['api-token'] : [])],
    sessions: row.sessions,
    tokens: row.tokens,
    lastActiveAt,
  };
}

export function auditDocument(row: AuditRow): AuditListDocument['entries'][number] {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    summary: AUDIT_ACTIONS[row.action as AuditAction] ?? row.action,
    admin: { id: row.admin_id, email: row.admin_email },
    target: row.target_id === null ? null : { id: row.target_id, label: row.target_label },
    detail: row.detail,
  };
}
