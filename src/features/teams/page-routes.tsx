/**
 * The pages of teams, with their forms: /teams, a team's dashboard at /teams/<slug> and what is
 * managed there, a member's progress, and the invite page. Team pages name the team by
 * `:teamSlug`, which the access guard reads like the API's `:teamId`: a non-member gets the
 * not-found page. The services check every rule again, as for the API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { UserRoadmapRepository } from '../../catalog/user-roadmap-repository.js';
import { AppError } from '../../errors.js';
import { asAppError, pageContextFor, seeOther, sendPage, withRetryAfter } from '../../http/page-reply.js';
import { requestOrigin } from '../../http/request-origin.js';
import { emailProblem } from '../../shared/email.js';
import { normalizeEntries, statusOf } from '../../shared/progress-rules.js';
import { requireUser } from '../auth/auth-context.js';
import { InviteService } from './invite-service.js';
import { teamActivity } from './team-activity.js';
import { InvitePage, MemberPage, TeamPage, TeamsPage, type TeamPageData } from './team-pages.js';
import { teamProgress } from './team-progress.js';
import { TeamRepository } from './team-repository.js';
import { optionalSectionsOf, teamFormProblem, TeamService, visibleAssignments } from './team-service.js';

/** Member rows the dashboard page carries; the rest are read by the page's script. */
const PAGE_ROWS = 200;
const SlugParams = Type.Object({ teamSlug: Type.String({ maxLength: 48 }) });
const Text = (maxLength: number) => Type.String({ maxLength });
const Many = Type.Union([Text(64), Type.Array(Text(64), { maxItems: 200 })]);
const NOTICES: Record<string, string> = {
  created: 'Team created. Invite people and assign a roadmap below.',
  joined: 'You joined the team.',
  declined: 'You declined the invite.',
  left: 'You left the team.',
  deleted: 'The team was deleted.',
  revoked: 'The invite was revoked.',
  assigned: 'Roadmap assigned.',
  saved: 'Saved.',
  unassigned: 'Roadmap unassigned. Each member keeps their progress.',
  role: 'Role changed.',
  removed: 'Member removed.',
  transferred: 'The team has a new owner; you are now a mentor.',
};

export async function teamPages(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const teams = new TeamService(services);
  const invites = new InviteService(services);
  const repo = new TeamRepository(services.db);
  const userRoadmaps = new UserRoadmapRepository(services.db);
  const ctxFor = (request: FastifyRequest) => pageContextFor(services.pageContext, request);
  const noticeOf = (request: FastifyRequest) => NOTICES[String((request.query as { notice?: unknown }).notice ?? '')] ?? null;
  const mentor = { access: { team: 'mentor' as const } };
  const owner = { access: { team: 'owner' as const } };
  const member = { access: { team: 'member' as const } };

  /** The team of the route's slug; the guard has checked the caller is a member. */
  async function teamOf(request: FastifyRequest): Promise<{ teamId: string; slug: string; userId: string }> {
    const userId = requireUser(request).id;
    const slug = (request.params as { teamSlug: string }).teamSlug;
    const found = await repo.bySlugFor(slug, userId);
    if (!found?.role) throw new AppError('not_found');
    return { teamId: found.team.id, slug: found.team.slug, userId };
  }

  async function sendTeamPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<Pick<TeamPageData, 'notice' | 'error' | 'newInvite'>> = {},
    status = 200,
  ): Promise<FastifyReply> {
    const { teamId, userId } = await teamOf(request);
    const [team, progress, activity] = await Promise.all([
      teams.get(teamId, userId),
      teamProgress(services, teamId, userId),
      teamActivity(services, teamId, userId),
    ]);
    const manager = team.role !== 'member';
    const assigned = new Set(team.roadmaps.map((r) => r.id));
    const [members, inviteList, own] = manager
      ? await Promise.all([teams.members(teamId, userId), invites.list(teamId, userId), userRoadmaps.listByOwner(userId)])
      : [null, null, []];
    const assignable = manager
      ? [
          ...services.catalog.officialEntries().map((e) => ({ id: e.id, title: e.roadmap.meta.title })),
          ...own.filter((r) => r.visibility !== 'private').map((r) => ({ id: r.id, title: `${r.title} (yours)` })),
        ].filter((r) => !assigned.has(r.id))
      : null;
    // A large cohort's rows come after the page, from the API: the page itself stays small.
    const shown = progress.members.length > PAGE_ROWS ? { ...progress, members: progress.members.slice(0, PAGE_ROWS) } : progress;
    const data: TeamPageData = {
      team,
      progress: shown,
      memberCount: progress.members.length,
      activity,
      members: members?.members ?? null,
      invites: inviteList?.invites ?? null,
      assignable,
      newInvite: extra.newInvite ?? null,
      notice: extra.notice ?? noticeOf(request),
      error: extra.error ?? null,
      renderedAt: services.clock().toISOString(),
    };
    return sendPage(reply, <TeamPage ctx={ctxFor(request)} data={data} />, status);
  }

  /** Runs a form's change, then back to the dashboard with a notice; a refused change shows the page with why. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    run: (team: { teamId: string; userId: string }) => Promise<unknown>,
    notice: string,
  ) {
    const team = await teamOf(request);
    try {
      await run(team);
    } catch (error) {
      const problem = asAppError(error);
      withRetryAfter(reply, problem);
      return sendTeamPage(request, reply, { error: problem.message }, problem.status);
    }
    return seeOther(reply, `/teams/${team.slug}?notice=${notice}`);
  }

  app.get('/teams', { config: { access: 'user' } }, async (request, reply) => {
    const list = await teams.list(requireUser(request).id);
    return sendPage(reply, <TeamsPage ctx={ctxFor(request)} teams={list} notice={noticeOf(request)} />);
  });

  app.post(
    '/teams',
    { config: { access: 'session' }, schema: { body: Type.Object({ name: Text(200), slug: Type.Optional(Text(100)) }) } },
    async (request, reply) => {
      const userId = requireUser(request).id;
      const name = request.body.name.trim();
      const slug = request.body.slug?.trim() ?? '';
      try {
        const problem = teamFormProblem(name, slug);
        if (problem) throw new AppError('invalid_input', problem);
        const created = await teams.create(userId, name, slug || undefined);
        return seeOther(reply, `/teams/${created.slug}?notice=created`);
      } catch (error) {
        const problem = asAppError(error);
        withRetryAfter(reply, problem);
        const list = await teams.list(userId);
        return sendPage(reply, <TeamsPage ctx={ctxFor(request)} teams={list} form={{ name, slug }} error={problem.message} />, problem.status);
      }
    },
  );

  app.get('/teams/:teamSlug', { config: member, schema: { params: SlugParams } }, (request, reply) => sendTeamPage(request, reply));

  app.post(
    '/teams/:teamSlug/invites',
    {
      config: mentor,
      schema: {
        params: SlugParams,
        body: Type.Object({ expiresInDays: Type.Optional(Text(4)), maxUses: Type.Optional(Text(6)), email: Type.Optional(Text(254)) }),
      },
    },
    async (request, reply) => {
      const { teamId, userId } = await teamOf(request);
      const days = Number(request.body.expiresInDays || '7');
      const uses = request.body.maxUses ? Number(request.body.maxUses) : undefined;
      const email = request.body.email?.trim() || undefined;
      try {
        if (!Number.isInteger(days) || days < 1 || days > 30) throw new AppError('invalid_input', 'An invite lasts 1 to 30 days.');
        if (uses !== undefined && (!Number.isInteger(uses) || uses < 1 || uses > 1000))
          throw new AppError('invalid_input', 'The number of uses is a whole number from 1 to 1000.');
        const emailIssue = email === undefined ? null : emailProblem(email);
        if (emailIssue) throw new AppError('invalid_input', emailIssue);
        const created = await invites.create(
          teamId,
          userId,
          { expiresInDays: days, ...(uses === undefined ? {} : { maxUses: uses }), ...(email === undefined ? {} : { email }) },
          { accountId: userId, ip: requestOrigin(request).ip },
        );
        const notice = email ? `The invite was sent to ${email}.` : 'Invite link made.';
        return sendTeamPage(request, reply, { newInvite: { url: created.url, expiresAt: created.expiresAt }, notice }, 201);
      } catch (error) {
        const problem = asAppError(error);
        withRetryAfter(reply, problem);
        return sendTeamPage(request, reply, { error: problem.message }, problem.status);
      }
    },
  );

  app.post(
    '/teams/:teamSlug/invites/:inviteId/revoke',
    { config: mentor, schema: { params: Type.Object({ teamSlug: Text(48), inviteId: Text(36) }) } },
    (request, reply) => change(request, reply, ({ teamId, userId }) => invites.revoke(teamId, userId, request.params.inviteId), 'revoked'),
  );

  app.post(
    '/teams/:teamSlug/roadmaps',
    { config: mentor, schema: { params: SlugParams, body: Type.Object({ roadmapId: Text(64), targetDate: Type.Optional(Text(10)) }) } },
    (request, reply) =>
      change(
        request,
        reply,
        ({ teamId, userId }) => teams.assign(teamId, userId, request.body.roadmapId, { targetDate: request.body.targetDate || null }),
        'assigned',
      ),
  );

  app.post(
    '/teams/:teamSlug/roadmaps/:roadmapId',
    {
      config: mentor,
      schema: {
        params: Type.Object({ teamSlug: Text(48), roadmapId: Text(64) }),
        body: Type.Object({ targetDate: Type.Optional(Text(10)), optionalSections: Type.Optional(Many), action: Type.Optional(Text(20)) }),
      },
    },
    (request, reply) => {
      const { roadmapId } = request.params;
      if (request.body.action === 'unassign')
        return change(request, reply, ({ teamId, userId }) => teams.unassign(teamId, userId, roadmapId), 'unassigned');
      const picked = request.body.optionalSections;
      const optionalSections = picked === undefined ? [] : Array.isArray(picked) ? [...new Set(picked)] : [picked];
      return change(
        request,
        reply,
        ({ teamId, userId }) => teams.assign(teamId, userId, roadmapId, { targetDate: request.body.targetDate || null, optionalSections }),
        'saved',
      );
    },
  );

  app.post(
    '/teams/:teamSlug/members/:userId/role',
    { config: owner, schema: { params: Type.Object({ teamSlug: Text(48), userId: Text(36) }), body: Type.Object({ role: Text(10) }) } },
    (request, reply) => {
      const role = request.body.role;
      return change(
        request,
        reply,
        async ({ teamId, userId }) => {
          if (role !== 'owner' && role !== 'mentor' && role !== 'member') throw new AppError('invalid_input', 'Choose owner, mentor or member.');
          await teams.setRole(teamId, userId, request.params.userId, role);
        },
        'role',
      );
    },
  );

  app.post(
    '/teams/:teamSlug/members/:userId/remove',
    { config: mentor, schema: { params: Type.Object({ teamSlug: Text(48), userId: Text(36) }) } },
    (request, reply) => change(request, reply, ({ teamId, userId }) => teams.removeMember(teamId, userId, request.params.userId), 'removed'),
  );

  app.post('/teams/:teamSlug/leave', { config: member, schema: { params: SlugParams } }, async (request, reply) => {
    const { teamId, userId } = await teamOf(request);
    try {
      await teams.removeMember(teamId, userId, userId);
    } catch (error) {
      return sendTeamPage(request, reply, { error: asAppError(error).message }, asAppError(error).status);
    }
    return seeOther(reply, '/teams?notice=left');
  });

  app.post(
    '/teams/:teamSlug/settings',
    { config: owner, schema: { params: SlugParams, body: Type.Object({ name: Text(200), slug: Text(100), leaderboard: Type.Optional(Text(4)) }) } },
    async (request, reply) => {
      const { teamId, userId } = await teamOf(request);
      const name = request.body.name.trim();
      const slug = request.body.slug.trim();
      try {
        const problem = teamFormProblem(name, slug || '-');
        if (problem) throw new AppError('invalid_input', problem);
        const updated = await teams.update(teamId, userId, { name, slug, leaderboard: request.body.leaderboard === 'on' });
        return seeOther(reply, `/teams/${updated.slug}?notice=saved`);
      } catch (error) {
        const problem = asAppError(error);
        return sendTeamPage(request, reply, { error: problem.message }, problem.status);
      }
    },
  );

  app.post(
    '/teams/:teamSlug/transfer',
    { config: owner, schema: { params: SlugParams, body: Type.Object({ userId: Text(36) }) } },
    (request, reply) => change(request, reply, ({ teamId, userId }) => teams.transferOwnership(teamId, userId, request.body.userId), 'transferred'),
  );

  app.post(
    '/teams/:teamSlug/delete',
    { config: owner, schema: { params: SlugParams, body: Type.Object({ confirm: Text(200) }) } },
    async (request, reply) => {
      const { teamId, userId } = await teamOf(request);
      try {
        await teams.delete(teamId, userId, request.body.confirm.trim());
      } catch (error) {
        const problem = asAppError(error);
        const message = problem.code === 'invalid_input' ? 'To delete the team, type its address exactly.' : problem.message;
        return sendTeamPage(request, reply, { error: message }, problem.status);
      }
      return seeOther(reply, '/teams?notice=deleted');
    },
  );

  app.get(
    '/teams/:teamSlug/members/:userId',
    { config: member, schema: { params: Type.Object({ teamSlug: Text(48), userId: Text(36) }) } },
    async (request, reply) => {
      const { teamId, userId } = await teamOf(request);
      const targetId = request.params.userId;
      const progress = await teamProgress(services, teamId, userId);
      // The rows the caller may see: everyone for owners and mentors, themself for a member.
      const row = progress.members.find((m) => m.userId === targetId);
      if (!row) throw new AppError('not_found', 'There is no member here that you can see.');
      const team = await teams.get(teamId, userId);
      const assigned = await visibleAssignments(services, await repo.roadmaps(teamId));
      const stored = await repo.progressOfMember(
        targetId,
        assigned.map(({ entry }) => entry.id),
      );
      const roadmaps = assigned.map(({ row: assignment, entry }) => {
        const entries = normalizeEntries(
          stored.filter((s) => s.roadmap_id === entry.id).map((s) => [s.topic_id, { status: s.status, updatedAt: '' }] as const),
          entry.roadmap.index,
        );
        return { roadmap: entry.roadmap, optional: optionalSectionsOf(assignment), statusOf: (id: string) => statusOf(entries, id) };
      });
      return sendPage(
        reply,
        <MemberPage
          ctx={ctxFor(request)}
          team={{ slug: team.slug, name: team.name }}
          member={{ name: row.name, lastActiveAt: row.lastActiveAt }}
          roadmaps={roadmaps}
          renderedAt={services.clock().toISOString()}
        />,
      );
    },
  );

  const TokenParams = Type.Object({ token: Text(200) });

  app.get('/invites/:token', { config: { access: 'user' }, schema: { params: TokenParams } }, async (request, reply) => {
    const userId = requireUser(request).id;
    const { token } = request.params;
    try {
      const preview = await invites.preview(token);
      const isMember = (await repo.bySlugFor(preview.team.slug, userId))?.role != null;
      return sendPage(reply, <InvitePage ctx={ctxFor(request)} token={token} preview={preview} problem={null} member={isMember} />);
    } catch (error) {
      const problem = asAppError(error);
      return sendPage(
        reply,
        <InvitePage ctx={ctxFor(request)} token={token} preview={null} problem={problem.message} member={false} />,
        problem.status,
      );
    }
  });

  app.post('/invites/:token/accept', { config: { access: 'session' }, schema: { params: TokenParams } }, async (request, reply) => {
    const userId = requireUser(request).id;
    const { token } = request.params;
    try {
      const joined = await invites.accept(token, userId);
      return seeOther(reply, `/teams/${joined.slug}?notice=joined`);
    } catch (error) {
      const problem = asAppError(error);
      return sendPage(
        reply,
        <InvitePage ctx={ctxFor(request)} token={token} preview={null} problem={problem.message} member={false} />,
        problem.status,
      );
    }
  });

  app.post('/invites/:token/decline', { config: { access: 'session' }, schema: { params: TokenParams } }, async (request, reply) => {
    requireUser(request);
    try {
      await invites.decline(request.params.token);
    } catch (error) {
      const problem = asAppError(error);
      return sendPage(
        reply,
        <InvitePage ctx={ctxFor(request)} token={request.params.token} preview={null} problem={problem.message} member={false} />,
        problem.status,
      );
    }
    return seeOther(reply, '/teams?notice=declined');
  });
}
