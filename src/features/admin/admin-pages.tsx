/**
 * The admin area's pages: `/admin` (the instance, the official content with a reload, and the
 * accounts with search and their actions) and `/admin/audit` (what administrators did). Every
 * action is a plain form, so all of it works without JavaScript.
 */
import type { ComponentChildren } from 'preact';
import { FormAlert, Notice } from '../../views/forms/form-parts.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import type { InstanceStatus } from './admin-service.js';
import type { AdminUserDocument, AuditListDocument } from './schema.js';

const day = (iso: string | null) => (iso ? <time datetime={iso}>{iso.slice(0, 10)}</time> : <span class="muted">never</span>);
const minute = (iso: string) => <time datetime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;

export function AdminNav({ current }: { current: 'overview' | 'reports' | 'audit' }) {
  return (
    <nav class="admin-nav" aria-label="Admin area">
      <a href="/admin" aria-current={current === 'overview' ? 'page' : undefined}>
        Overview and accounts
      </a>
      <a href="/admin/reports" aria-current={current === 'reports' ? 'page' : undefined}>
        Reports
      </a>
      <a href="/admin/audit" aria-current={current === 'audit' ? 'page' : undefined}>
        Audit log
      </a>
    </nav>
  );
}

/** The frame of every admin page: its title, the area's navigation, and what the last action said. */
export function AdminLayout(props: {
  ctx: PageContext;
  title: string;
  path: string;
  account: string;
  current: 'overview' | 'reports' | 'audit';
  notice?: string | null;
  error?: string | null;
  children: ComponentChildren;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title={`${props.title === 'Admin' ? 'Admin' : `${props.title} · Admin`} · Milepost`}
      path={props.path}
      account={props.account}
      noindex
    >
      <article class="admin-page">
        <h1>{props.title}</h1>
        <AdminNav current={props.current} />
        <Notice text={props.notice} />
        <FormAlert text={props.error} />
        {props.children}
      </article>
    </Layout>
  );
}

/** A one-button form for an action on an account. */
function Action({ userId, action, label, who, danger }: { userId: string; action: string; label: string; who: string; danger?: boolean }) {
  return (
    <form method="post" action={`/admin/users/${userId}/${action}`} class="inline-form">
      <button type="submit" class={danger ? 'button button--danger' : 'button'}>
        {label}
        <span class="visually-hidden"> {who}</span>
      </button>
    </form>
  );
}

function UserRow({ user, self }: { user: AdminUserDocument; self: boolean }) {
  const who = user.email;
  return (
    <tr data-user={user.email} class={user.disabled ? 'is-disabled' : undefined}>
      <th scope="row">
        <span class="admin-user__name">{user.name || user.username || '—'}</span>
        <span class="admin-user__email">{user.email}</span>
        {user.isAdmin ? <span class="badge">admin</span> : null}
        {user.disabled ? <span class="badge badge--danger">disabled</span> : null}
        {self ? <span class="badge">you</span> : null}
      </th>
      <td>
        {user.signInMethods.join(', ')}
        <span class="muted">
          {' '}
          · {user.sessions} {user.sessions === 1 ? 'session' : 'sessions'}, {user.tokens} {user.tokens === 1 ? 'token' : 'tokens'}
        </span>
      </td>
      <td>{day(user.lastActiveAt)}</td>
      <td>{day(user.createdAt)}</td>
      <td>
        {self ? (
          <span class="muted">Another administrator manages your account.</span>
        ) : (
          <div class="admin-actions">
            {user.disabled ? (
              <Action userId={user.id} action="enable" label="Enable" who={who} />
            ) : (
              <Action userId={user.id} action="disable" label="Disable" who={who} danger />
            )}
            {user.isAdmin ? (
              <Action userId={user.id} action="revoke-admin" label="Revoke admin" who={who} />
            ) : (
              <Action userId={user.id} action="grant-admin" label="Make admin" who={who} />
            )}
            <details class="admin-delete">
              <summary>
                Delete<span class="visually-hidden"> {who}</span>
              </summary>
              <form method="post" action={`/admin/users/${user.id}/delete`} class="form">
                <label for={`confirm-${user.id}`}>Type the account's email to delete it and everything it holds</label>
                <input id={`confirm-${user.id}`} name="confirm" type="text" autocomplete="off" required />
                <button type="submit" class="button button--danger">
                  Delete account<span class="visually-hidden"> {who}</span>
                </button>
              </form>
            </details>
          </div>
        )}
      </td>
    </tr>
  );
}

export interface AdminPageData {
  instance: InstanceStatus;
  users: AdminUserDocument[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  selfId: string;
  /** The administrator's name, for the header. */
  account: string;
  notice: string | null;
  error: string | null;
  reload: { ok: boolean; changed: string[]; problems: string[] } | null;
}

export function AdminPage({ ctx, data }: { ctx: PageContext; data: AdminPageData }) {
  const { instance, users, total, page, pageSize, q } = data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => `/admin?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}#accounts`;
  const migrated = instance.migration.applied === instance.migration.latest;
  return (
    <AdminLayout ctx={ctx} title="Admin" path="/admin" account={data.account} current="overview" notice={data.notice} error={data.error}>
      <section aria-labelledby="instance">
        <h2 id="instance">This instance</h2>
        <dl class="admin-facts">
          <dt>Version</dt>
          <dd>{instance.version}</dd>
          <dt>Database</dt>
          <dd>
            {instance.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}, migration {instance.migration.applied ?? 'none'}
            {migrated ? ' (latest)' : ` (this version expects ${instance.migration.latest})`}
          </dd>
          <dt>Redis</dt>
          <dd>{instance.redis === 'off' ? 'not used (one instance)' : instance.redis}</dd>
          <dt>Mail queue</dt>
          <dd>{instance.mail ? `${instance.mail.pending} waiting, ${instance.mail.failed} failed` : 'unknown (the database did not answer)'}</dd>
        </dl>
      </section>
      <section aria-labelledby="content">
        <h2 id="content">Official content</h2>
        <div class="table-scroll">
          <table class="admin-table">
            <caption class="visually-hidden">Official roadmaps</caption>
            <thead>
              <tr>
                <th scope="col">Roadmap</th>
                <th scope="col">Version</th>
                <th scope="col">Topics</th>
                <th scope="col">Questions</th>
                <th scope="col">Content hash</th>
              </tr>
            </thead>
            <tbody>
              {instance.roadmaps.map((r) => (
                <tr data-roadmap={r.id}>
                  <th scope="row">
                    <a href={`/${r.id}`}>{r.title}</a>
                  </th>
                  <td>{r.version}</td>
                  <td>{r.topics}</td>
                  <td>{r.questions}</td>
                  <td>
                    <code>{r.hash.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted">Every roadmap listed passed the validator when it was loaded: content with problems is never served.</p>
        {data.reload ? (
          data.reload.ok ? (
            <p class="notice" role="status">
              Content reloaded: {data.reload.changed.length > 0 ? `changed ${data.reload.changed.join(', ')}.` : 'nothing had changed.'}
            </p>
          ) : (
            <div class="form-alert" role="alert">
              <p>The content on disk has problems, so nothing was reloaded; the previous content keeps serving.</p>
              <pre class="admin-problems">{data.reload.problems.join('\n')}</pre>
            </div>
          )
        ) : null}
        <form method="post" action="/admin/content/reload">
          <button type="submit" class="button">
            Reload content from disk
          </button>
        </form>
      </section>
      <section aria-labelledby="accounts-title" id="accounts">
        <h2 id="accounts-title">Accounts</h2>
        <form method="get" action="/admin" class="admin-search" role="search">
          <label for="admin-q">Find an account</label>
          <input id="admin-q" name="q" type="search" value={q} maxlength={200} placeholder="Email, name or username" />
          <button type="submit" class="button">
            Search
          </button>
        </form>
        <p class="muted" aria-live="polite">
          {total === 0 ? 'No account matches.' : `${total} ${total === 1 ? 'account' : 'accounts'}${q ? ` matching “${q}”` : ''}, newest first.`}
        </p>
        {users.length > 0 ? (
          <div class="table-scroll">
            <table class="admin-table admin-users">
              <caption class="visually-hidden">Accounts</caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Signs in with</th>
                  <th scope="col">Last active</th>
                  <th scope="col">Joined</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <UserRow user={u} self={u.id === data.selfId} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {pages > 1 ? (
          <nav class="pager" aria-label="Account pages">
            {page > 1 ? <a href={link(page - 1)}>Previous</a> : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? <a href={link(page + 1)}>Next</a> : null}
          </nav>
        ) : null}
      </section>
    </AdminLayout>
  );
}

export function AuditPage({ ctx, audit, account }: { ctx: PageContext; audit: AuditListDocument; account: string }) {
  const pages = Math.max(1, Math.ceil(audit.total / audit.pageSize));
  return (
    <AdminLayout ctx={ctx} title="Audit log" path="/admin/audit" account={account} current="audit">
      <p class="lead">Every change an administrator made, newest first.</p>
      {audit.entries.length === 0 ? (
        <p class="muted">Nothing yet.</p>
      ) : (
        <ol class="admin-audit">
          {audit.entries.map((e) => (
            <li data-action={e.action}>
              {minute(e.at)} · <strong>{e.admin.email}</strong> · {e.summary}
              {e.target ? <> · {e.target.label}</> : null}
              {e.detail ? <span class="muted"> ({e.detail})</span> : null}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav class="pager" aria-label="Audit pages">
          {audit.page > 1 ? <a href={`/admin/audit?page=${audit.page - 1}`}>Newer</a> : null}
          <span>
            Page {audit.page} of {pages}
          </span>
          {audit.page < pages ? <a href={`/admin/audit?page=${audit.page + 1}`}>Older</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}
