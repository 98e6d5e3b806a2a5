/**
 * The pages of teams: the list of your teams with the form that creates one, a team's dashboard
 * with what owners and mentors manage there (invites, roadmaps, members, settings), one member's
 * progress, and the page an invite link opens. Every change is a plain form posted to the page
 * routes, so all of it works without JavaScript; the dashboard goes live when scripts run.
 */
import type { Roadmap } from '../../content/roadmap-model.js';
import type { TeamRole } from '../../http/access.js';
import type { Status } from '../../shared/progress-rules.js';
import { FormAlert, Notice, SubmitButton } from '../../views/forms/form-parts.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { CopyLinkIsland } from '../../web/islands/copy-link.js';
import { TeamDashboardIsland, timeAgo } from '../../web/islands/team-dashboard.js';
import { DEFAULT_INVITE_DAYS, WHAT_THE_TEAM_SEES } from './invite-service.js';
import type {
  InviteListDocument,
  InvitePreviewDocument,
  MemberListDocument,
  TeamActivityDocument,
  TeamDocument,
  TeamProgressDocument,
} from './schema.js';

const ROLE_LABELS: Record<TeamRole, string> = { owner: 'Owner', mentor: 'Mentor', member: 'Member' };

export interface TeamSummary {
  slug: string;
  name: string;
  role: TeamRole;
  members: number;
}

/** `/teams`: the teams you belong to, and a new one. */
export function TeamsPage(props: {
  ctx: PageContext;
  teams: TeamSummary[];
  form?: { name: string; slug: string };
  error?: string | null;
  notice?: string | null;
}) {
  const { ctx, teams, form = { name: '', slug: '' }, error, notice } = props;
  return (
    <Layout ctx={ctx} title="Teams · Milepost" path="/teams" noindex script="team">
      <article class="teams-page">
        <h1>Teams</h1>
        <p class="lead">
          A team follows a cohort through the same roadmaps: owners and mentors invite members, assign roadmaps with target dates and see everyone's
          progress as it happens.
        </p>
        <Notice text={notice} />
        <section aria-labelledby="my-teams">
          <h2 id="my-teams">Your teams</h2>
          {teams.length === 0 ? <p class="muted">You are in no team yet. Create one, or open an invite link someone sent you.</p> : null}
          <ul class="roadmap-list">
            {teams.map((t) => (
              <li data-team={t.slug}>
                <a href={`/teams/${t.slug}`}>{t.name}</a>{' '}
                <span class="muted">
                  · {ROLE_LABELS[t.role]} · {t.members} {t.members === 1 ? 'member' : 'members'}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="new-team">
          <h2 id="new-team">New team</h2>
          <form method="post" action="/teams" class="form">
            <FormAlert text={error} />
            <div class="field">
              <label for="team-name">Name</label>
              <input id="team-name" name="name" required maxlength={80} value={form.name} autocomplete="off" />
            </div>
            <div class="field">
              <label for="team-slug">Address (optional)</label>
              <p class="hint" id="team-slug-hint">
                Lower-case letters, digits and hyphens: the team's page is /teams/&lt;address&gt;. Made from the name when left empty.
              </p>
              <input
                id="team-slug"
                name="slug"
                maxlength={48}
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                value={form.slug}
                aria-describedby="team-slug-hint"
                autocomplete="off"
              />
            </div>
            <SubmitButton>Create team</SubmitButton>
          </form>
        </section>
      </article>
    </Layout>
  );
}

export interface TeamPageData {
  team: TeamDocument;
  /** The first rows of the matrix (all of them in a small team). */
  progress: TeamProgressDocument;
  /** Rows the caller may see in all. */
  memberCount: number;
  activity: TeamActivityDocument;
  /** Owners and mentors: everyone, to manage. */
  members: MemberListDocument['members'] | null;
  invites: InviteListDocument['invites'] | null;
  /** Roadmaps a mentor may assign that are not assigned yet. */
  assignable: { id: string; title: string }[] | null;
  /** Shown once, right after it was made. */
  newInvite: { url: string; expiresAt: string } | null;
  notice?: string | null;
  error?: string | null;
  renderedAt: string;
}

/** `/teams/<slug>`: the dashboard, and for owners and mentors what they manage. */
export function TeamPage({ ctx, data }: { ctx: PageContext; data: TeamPageData }) {
  const { team, progress, activity } = data;
  const base = `/teams/${team.slug}`;
  const api = `/api/v1/teams/${team.id}`;
  const manager = team.role !== 'member';
  return (
    <Layout ctx={ctx} title={`${team.name} · Teams · Milepost`} path={base} noindex script="team">
      <article class="team-page">
        <p class="breadcrumbs">
          <a href="/teams">Teams</a>
        </p>
        <h1>{team.name}</h1>
        <p class="muted">
          You are {team.role === 'owner' ? 'an owner' : `a ${team.role}`} · {team.members} {team.members === 1 ? 'member' : 'members'}
        </p>
        <Notice text={data.notice} />
        <FormAlert text={data.error} />
        {data.newInvite ? (
          <div class="new-invite" data-new-invite>
            <CopyLinkIsland label="The new invite link (shown once: copy it now)" value={data.newInvite.url} name="invite" />
            <p class="muted">It works until {data.newInvite.expiresAt.slice(0, 10)}. Anyone with it can join as a member.</p>
          </div>
        ) : null}
        <p class="team-downloads">
          <a class="button" href={`${api}/progress.csv`} download data-download="progress">
            Download progress (CSV)
          </a>{' '}
          <a class="button" href={`${api}/activity.csv`} download data-download="activity">
            Download activity (CSV)
          </a>
        </p>
        <TeamDashboardIsland
          teamId={team.id}
          slug={team.slug}
          progress={progress}
          memberCount={data.memberCount}
          activity={activity}
          renderedAt={data.renderedAt}
        />
        {manager ? <ManageTeam data={data} base={base} /> : null}
        {team.role === 'member' ? (
          <section aria-labelledby="leave-title" class="team-manage">
            <h2 id="leave-title">Leave the team</h2>
            <p>The team stops seeing your progress at once. Your progress stays yours.</p>
            <form method="post" action={`${base}/leave`}>
              <SubmitButton danger>Leave {team.name}</SubmitButton>
            </form>
          </section>
        ) : null}
      </article>
    </Layout>
  );
}

function ManageTeam({ data, base }: { data: TeamPageData; base: string }) {
  const { team, progress } = data;
  const owner = team.role === 'owner';
  const sectionsOf = new Map(progress.roadmaps.map((r) => [r.id, r.sections]));
  return (
    <>
      <section aria-labelledby="invite-title" class="team-manage">
        <h2 id="invite-title">Invite people</h2>
        <form method="post" action={`${base}/invites`} class="form">
          <div class="field">
            <label for="invite-days">The link works for</label>
            <select id="invite-days" name="expiresInDays">
              {[1, 3, 7, 14, 30].map((d) => (
                <option value={String(d)} selected={d === DEFAULT_INVITE_DAYS}>
                  {d} {d === 1 ? 'day' : 'days'}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="invite-uses">At most this many people may use it (optional)</label>
            <input id="invite-uses" name="maxUses" type="number" min={1} max={1000} inputMode="numeric" />
          </div>
          <div class="field">
            <label for="invite-email">Send it by email to (optional)</label>
            <input id="invite-email" name="email" type="email" maxlength={254} autocomplete="off" />
          </div>
          <SubmitButton>Make invite link</SubmitButton>
        </form>
        {data.invites && data.invites.length > 0 ? (
          <div class="table-scroll">
            <table class="token-table" data-invites>
              <caption>Invites that still work</caption>
              <thead>
                <tr>
                  <th scope="col">Made</th>
                  <th scope="col">For</th>
                  <th scope="col">Used</th>
                  <th scope="col">Until</th>
                  <th scope="col">
                    <span class="visually-hidden">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.invites.map((i) => (
                  <tr data-invite={i.id}>
                    <td>
                      {i.createdAt.slice(0, 10)}
                      {i.createdBy ? ` by ${i.createdBy}` : ''}
                    </td>
                    <td>{i.email ?? 'anyone with the link'}</td>
                    <td>
                      {i.uses}
                      {i.maxUses === null ? '' : ` of ${i.maxUses}`}
                    </td>
                    <td>{i.expiresAt.slice(0, 10)}</td>
                    <td>
                      <form method="post" action={`${base}/invites/${i.id}/revoke`}>
                        <button class="button" type="submit">
                          Revoke
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="roadmaps-title" class="team-manage">
        <h2 id="roadmaps-title">Roadmaps</h2>
        {team.roadmaps.map((r) => (
          <form method="post" action={`${base}/roadmaps/${r.id}`} class="form assigned-roadmap" data-assigned={r.id}>
            <h3>
              <a href={r.url}>{r.title}</a>
            </h3>
            <div class="field">
              <label for={`target-${r.id}`}>Target date (optional)</label>
              <input id={`target-${r.id}`} name="targetDate" type="date" value={r.targetDate ?? ''} />
            </div>
            <fieldset>
              <legend>Optional sections (left out of the pace)</legend>
              {(sectionsOf.get(r.id) ?? []).map((s) => (
                <label class="field field--check">
                  <input type="checkbox" name="optionalSections" value={s.id} checked={r.optionalSections.includes(s.id)} />
                  <span>{s.title}</span>
                </label>
              ))}
            </fieldset>
            <p class="form-actions">
              <button class="button button--primary" type="submit" name="action" value="save">
                Save
              </button>{' '}
              <button class="button" type="submit" name="action" value="unassign">
                Unassign
              </button>
            </p>
          </form>
        ))}
        {data.assignable && data.assignable.length > 0 ? (
          <form method="post" action={`${base}/roadmaps`} class="form">
            <div class="field">
              <label for="assign-roadmap">Assign a roadmap</label>
              <select id="assign-roadmap" name="roadmapId" required>
                {data.assignable.map((r) => (
                  <option value={r.id}>{r.title}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="assign-target">Target date (optional)</label>
              <input id="assign-target" name="targetDate" type="date" />
            </div>
            <SubmitButton>Assign</SubmitButton>
          </form>
        ) : null}
      </section>

      {data.members ? <MembersTable members={data.members} base={base} callerRole={team.role} /> : null}

      {owner ? (
        <section aria-labelledby="settings-title" class="team-manage">
          <h2 id="settings-title">Settings</h2>
          <form method="post" action={`${base}/settings`} class="form">
            <div class="field">
              <label for="settings-name">Name</label>
              <input id="settings-name" name="name" required maxlength={80} value={team.name} />
            </div>
            <div class="field">
              <label for="settings-slug">Address</label>
              <input id="settings-slug" name="slug" required maxlength={48} pattern="[a-z0-9]+(-[a-z0-9]+)*" value={team.slug} />
            </div>
            <label class="field field--check">
              <input type="checkbox" name="leaderboard" value="on" checked={team.leaderboard} />
              <span>Show members a leaderboard (names and topics done)</span>
            </label>
            <SubmitButton>Save settings</SubmitButton>
          </form>
          {(data.members ?? []).some((m) => m.role !== 'owner') ? (
            <form method="post" action={`${base}/transfer`} class="form">
              <div class="field">
                <label for="transfer-to">Hand the team over to</label>
                <p class="hint" id="transfer-hint">
                  They become owner and you become a mentor.
                </p>
                <select id="transfer-to" name="userId" aria-describedby="transfer-hint">
                  {(data.members ?? [])
                    .filter((m) => m.role !== 'owner')
                    .map((m) => (
                      <option value={m.userId}>{m.name}</option>
                    ))}
                </select>
              </div>
              <SubmitButton>Hand over</SubmitButton>
            </form>
          ) : null}
          <form method="post" action={`${base}/delete`} class="form">
            <div class="field">
              <label for="delete-confirm">To delete the team, type its address: {team.slug}</label>
              <input id="delete-confirm" name="confirm" required maxlength={64} autocomplete="off" />
            </div>
            <SubmitButton danger>Delete the team</SubmitButton>
          </form>
        </section>
      ) : null}
    </>
  );
}

function MembersTable({ members, base, callerRole }: { members: MemberListDocument['members']; base: string; callerRole: TeamRole }) {
  return (
    <section aria-labelledby="members-title" class="team-manage">
      <h2 id="members-title">Members</h2>
      <div class="table-scroll">
        <table class="token-table" data-members>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr data-member-row={m.userId}>
                <td>{m.name}</td>
                <td>
                  {callerRole === 'owner' ? (
                    <form method="post" action={`${base}/members/${m.userId}/role`} class="form--inline">
                      <label class="visually-hidden" for={`role-${m.userId}`}>
                        Role of {m.name}
                      </label>
                      <select id={`role-${m.userId}`} name="role">
                        {(['owner', 'mentor', 'member'] as const).map((r) => (
                          <option value={r} selected={r === m.role}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>{' '}
                      <button class="button" type="submit">
                        Change
                      </button>
                    </form>
                  ) : (
                    ROLE_LABELS[m.role]
                  )}
                </td>
                <td>{m.joinedAt.slice(0, 10)}</td>
                <td>
                  {callerRole === 'owner' || m.role === 'member' ? (
                    <form method="post" action={`${base}/members/${m.userId}/remove`}>
                      <button class="button" type="submit">
                        Remove
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const STATUS_LABELS: Record<Status, string> = { pending: 'Not started', learning: 'Learning', done: 'Done', skipped: 'Skipped' };

/** `/teams/<slug>/members/<id>`: one member's statuses on the team's roadmaps, section by section. */
export function MemberPage(props: {
  ctx: PageContext;
  team: { slug: string; name: string };
  member: { name: string; lastActiveAt: string | null };
  roadmaps: { roadmap: Roadmap; optional: string[]; statusOf: (topicId: string) => Status }[];
  renderedAt: string;
}) {
  const { ctx, team, member, roadmaps } = props;
  const base = `/teams/${team.slug}`;
  return (
    <Layout ctx={ctx} title={`${member.name} · ${team.name} · Milepost`} path={base} noindex>
      <article class="team-page">
        <p class="breadcrumbs">
          <a href="/teams">Teams</a> › <a href={base}>{team.name}</a>
        </p>
        <h1>{member.name}</h1>
        <p class="muted">Last active {timeAgo(member.lastActiveAt, Date.parse(props.renderedAt))}, on the team's roadmaps.</p>
        {roadmaps.map(({ roadmap, optional, statusOf }) => (
          <section aria-labelledby={`member-${roadmap.id}`} data-member-roadmap={roadmap.id}>
            <h2 id={`member-${roadmap.id}`}>{roadmap.meta.title}</h2>
            {roadmap.sections.map((section) => (
              <details open>
                <summary>
                  {section.title}
                  {optional.includes(section.id) ? ' (optional)' : ''}
                </summary>
                <ul class="member-topics">
                  {section.nodeIds
                    .filter((id) => roadmap.index.has(id))
                    .map((id) => {
                      const status = statusOf(id);
                      return (
                        <li data-topic-status={`${id}:${status}`}>
                          <a href={`${roadmap.path}/${id}`}>{roadmap.topics.get(id)?.title ?? id}</a>{' '}
                          <span class={`status-label status-${status}`}>{STATUS_LABELS[status]}</span>
                        </li>
                      );
                    })}
                </ul>
              </details>
            ))}
          </section>
        ))}
      </article>
    </Layout>
  );
}

/** `/invites/<token>`: which team, who invited you and what the team would see; accept or decline. */
export function InvitePage(props: {
  ctx: PageContext;
  token: string;
  preview: InvitePreviewDocument | null;
  problem: string | null;
  member: boolean;
}) {
  const { ctx, token, preview, problem, member } = props;
  return (
    <Layout ctx={ctx} title={preview ? `Join ${preview.team.name} · Milepost` : 'Invite · Milepost'} path="/invites" noindex>
      <article class="invite-page">
        {preview ? (
          <>
            <h1>Join {preview.team.name}</h1>
            <p class="lead">
              {preview.invitedBy ? `${preview.invitedBy} invited you` : 'You were invited'} to join this team as a member. The invite works until{' '}
              {preview.expiresAt.slice(0, 10)}.
            </p>
            {preview.roadmaps.length > 0 ? (
              <>
                <h2>The team's roadmaps</h2>
                <ul>
                  {preview.roadmaps.map((title) => (
                    <li>{title}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <h2>What the team will see</h2>
            <p data-invite-sees>{WHAT_THE_TEAM_SEES}</p>
            {member ? (
              <p>
                You are a member already: <a href={`/teams/${preview.team.slug}`}>go to the team</a>.
              </p>
            ) : (
              <div class="form-actions">
                <form method="post" action={`/invites/${token}/accept`}>
                  <SubmitButton>Join {preview.team.name}</SubmitButton>
                </form>
                <form method="post" action={`/invites/${token}/decline`}>
                  <button class="button" type="submit">
                    Decline
                  </button>
                </form>
              </div>
            )}
          </>
        ) : (
          <>
            <h1>This invite cannot be used</h1>
            <p class="lead" data-invite-problem>
              {problem}
            </p>
            <p>
              <a href="/teams">Your teams</a>
            </p>
          </>
        )}
      </article>
    </Layout>
  );
}
