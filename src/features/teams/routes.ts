/**
 * The teams API: teams and their settings, members and roles, invite links, assigned roadmaps and
 * the team's progress on them. Every team route names the team as `:teamId`, which the access
 * guard reads (team-role-resolver.ts): a non-member gets 404 before the handler runs.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { requestOrigin } from '../../http/request-origin.js';
import { sendCached } from '../../http/cached-body.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { requireUser } from '../auth/auth-context.js';
import { InviteService } from './invite-service.js';
import {
  ActivityQuery,
  AssignBody,
  CreateInviteBody,
  CreateTeamBody,
  DeleteTeamBody,
  DeleteTeamQuery,
  InviteCreated,
  InviteList,
  InviteParams,
  InvitePreview,
  MemberList,
  MemberParams,
  MemberResult,
  PatchTeamBody,
  RoleBody,
  TeamList,
  TeamParams,
  TeamProgress,
  TeamRoadmapParams,
  TeamActivity,
  TeamSchema,
  TokenParams,
  TransferBody,
} from './schema.js';
import { teamActivity } from './team-activity.js';
import { activityCsv, progressCsv } from './team-csv.js';
import { TeamEventHub } from './team-events.js';
import { teamProgress, teamProgressBody } from './team-progress.js';
import { TeamRepository } from './team-repository.js';
import { TeamService } from './team-service.js';

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

export async function teamRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const teams = new TeamService(services);
  const invites = new InviteService(services);
  const repo = new TeamRepository(services.db);
  const hub = new TeamEventHub(services);
  services.metrics?.watchStreams(() => hub.size);
  // Open streams would hold the server's close; they end first, and browsers reconnect elsewhere.
  instance.addHook('preClose', async () => hub.closeAll());

  /** `<slug>-<what>-<date>.csv`, for the download's file name. */
  const fileName = async (teamId: string, what: string) => {
    const team = await repo.team(teamId);
    return `${team?.slug ?? 'team'}-${what}-${services.clock().toISOString().slice(0, 10)}.csv`;
  };
  const sendCsv = (reply: import('fastify').FastifyReply, name: string, body: Buffer) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(body);
  const common = { tags: ['teams'], security: SECURITY };
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef };
  const member = { access: { team: 'member' as const } };
  const mentor = { access: { team: 'mentor' as const } };
  const owner = { access: { team: 'owner' as const } };

  app.post(
    '/teams',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Create a team, with you as its owner (the slug comes from the name unless given)',
        body: CreateTeamBody,
        response: { 201: TeamSchema, ...errors, 409: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      return reply.code(201).send(await teams.create(requireUser(request).id, request.body.name, request.body.slug));
    },
  );

  app.get(
    '/me/teams',
    { config: { access: 'user' }, schema: { ...common, summary: 'The teams you belong to, with your role', response: { 200: TeamList, ...errors } } },
    async (request) => ({ teams: await teams.list(requireUser(request).id) }),
  );

  app.get(
    '/teams/:teamId',
    {
      config: member,
      schema: { ...common, summary: 'A team with its assigned roadmaps and your role', params: TeamParams, response: { 200: TeamSchema, ...errors } },
    },
    async (request) => teams.get(request.params.teamId, requireUser(request).id),
  );

  app.patch(
    '/teams/:teamId',
    {
      config: owner,
      schema: {
        ...common,
        summary: "Change a team's name, slug or leaderboard (owners)",
        params: TeamParams,
        body: PatchTeamBody,
        response: { 200: TeamSchema, ...errors, 409: ErrorRef },
      },
    },
    async (request) => teams.update(request.params.teamId, requireUser(request).id, request.body),
  );

  app.delete(
    '/teams/:teamId',
    {
      config: owner,
      // The confirmation may come as the query alone: no body is an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        ...common,
        summary: 'Delete a team with its members, invites and roadmaps (owners; confirm names its slug)',
        params: TeamParams,
        querystring: DeleteTeamQuery,
        body: DeleteTeamBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await teams.delete(request.params.teamId, requireUser(request).id, request.body?.confirm ?? request.query.confirm);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/teams/:teamId/members',
    {
      config: member,
      schema: {
        ...common,
        summary: 'The members (owners and mentors see everyone; a member sees themself) and the counts by role',
        params: TeamParams,
        response: { 200: MemberList, ...errors },
      },
    },
    async (request) => teams.members(request.params.teamId, requireUser(request).id),
  );

  app.patch(
    '/teams/:teamId/members/:userId',
    {
      config: owner,
      schema: {
        ...common,
        summary: "Change a member's role (owners; the last owner cannot step down)",
        params: MemberParams,
        body: RoleBody,
        response: { 200: MemberResult, ...errors, 409: ErrorRef },
      },
    },
    async (request) => teams.setRole(request.params.teamId, requireUser(request).id, request.params.userId, request.body.role),
  );

  app.delete(
    '/teams/:teamId/members/:userId',
    {
      config: member,
      schema: {
        ...common,
        summary: 'Leave the team (your own id), or remove a member (owners; mentors remove members only)',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      await teams.removeMember(request.params.teamId, requireUser(request).id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/teams/:teamId/invites',
    {
      config: mentor,
      schema: {
        ...common,
        summary: 'Make an invite link (owners and mentors); with email, it is mailed',
        params: TeamParams,
        body: CreateInviteBody,
        response: { 201: InviteCreated, ...errors, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request).id;
      const created = await invites.create(request.params.teamId, userId, request.body, { accountId: userId, ip: requestOrigin(request).ip });
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/teams/:teamId/invites',
    {
      config: mentor,
      schema: {
        ...common,
        summary: 'The invites that can still be used (without their links)',
        params: TeamParams,
        response: { 200: InviteList, ...errors },
      },
    },
    async (request) => invites.list(request.params.teamId, requireUser(request).id),
  );

  app.delete(
    '/teams/:teamId/invites/:inviteId',
    {
      config: mentor,
      schema: { ...common, summary: 'Revoke an invite', params: InviteParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await invites.revoke(request.params.teamId, requireUser(request).id, request.params.inviteId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invites/:token',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'What an invite is to: the team, who invited you, what the team will see, its roadmaps',
        params: TokenParams,
        response: { 200: InvitePreview, ...errors, 410: ErrorRef },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return invites.preview(request.params.token);
    },
  );

  app.post(
    '/invites/:token/accept',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Join the team as a member (counts one use of the invite)',
        params: TokenParams,
        response: { 200: TeamSchema, ...errors, 409: ErrorRef, 410: ErrorRef },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      const joined = await invites.accept(request.params.token, userId);
      return teams.get(joined.teamId, userId);
    },
  );

  app.post(
    '/invites/:token/decline',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Decline an invite: nothing changes', params: TokenParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await invites.decline(request.params.token);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/teams/:teamId/roadmaps/:roadmapId',
    {
      config: mentor,
      schema: {
        ...common,
        summary: 'Assign a roadmap to the team, or change its target date and optional sections (owners and mentors)',
        params: TeamRoadmapParams,
        body: AssignBody,
        response: { 200: TeamSchema, ...errors, 422: ErrorRef },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await teams.assign(request.params.teamId, userId, request.params.roadmapId, request.body);
      return teams.get(request.params.teamId, userId);
    },
  );

  app.delete(
    '/teams/:teamId/roadmaps/:roadmapId',
    {
      config: mentor,
      schema: {
        ...common,
        summary: 'Unassign a roadmap (progress stays with each learner)',
        params: TeamRoadmapParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await teams.unassign(request.params.teamId, requireUser(request).id, request.params.roadmapId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/teams/:teamId/progress',
    {
      config: member,
      schema: {
        ...common,
        summary: "Progress on the team's roadmaps: every member for owners and mentors, your own row for a member, totals for all",
        params: TeamParams,
        response: { 200: TeamProgress, ...errors },
      },
    },
    async (request, reply) => {
      // Made once per change of the team (a cohort's runs to megabytes), revalidated by its ETag.
      return sendCached(request, reply, await teamProgressBody(services, request.params.teamId, requireUser(request).id), 'private, no-cache', {
        shareable: false,
      });
    },
  );

  app.get(
    '/teams/:teamId/progress.csv',
    {
      config: member,
      schema: {
        ...common,
        summary: 'The progress matrix as CSV (UTF-8 with BOM): the rows the caller may see',
        params: TeamParams,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV' }), ...errors },
      },
    },
    async (request, reply) => {
      const { teamId } = request.params;
      const progress = await teamProgress(services, teamId, requireUser(request).id);
      return sendCsv(reply, await fileName(teamId, 'progress'), progressCsv(progress));
    },
  );

  app.get(
    '/teams/:teamId/activity',
    {
      config: member,
      schema: {
        ...common,
        summary: "Topics finished on the team's roadmaps lately, newest first (a member sees their own)",
        params: TeamParams,
        querystring: ActivityQuery,
        response: { 200: TeamActivity, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return teamActivity(services, request.params.teamId, requireUser(request).id, request.query.days);
    },
  );

  app.get(
    '/teams/:teamId/activity.csv',
    {
      config: member,
      schema: {
        ...common,
        summary: 'The activity as CSV (UTF-8 with BOM): time, member, roadmap, topic, status',
        params: TeamParams,
        querystring: ActivityQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV' }), ...errors },
      },
    },
    async (request, reply) => {
      const { teamId } = request.params;
      const activity = await teamActivity(services, teamId, requireUser(request).id, request.query.days);
      const rows = activity.events.map((e) => ({ at: e.at, name: e.name, roadmapTitle: e.roadmapTitle, topicTitle: e.topicTitle, status: 'done' }));
      return sendCsv(reply, await fileName(teamId, 'activity'), activityCsv(rows));
    },
  );

  app.get(
    '/teams/:teamId/events',
    {
      config: member,
      schema: {
        ...common,
        summary: 'Live news for the dashboard, as server-sent events: progress, team, resync, closed',
        description:
          'Events carry no progress: on `progress` (a member changed a status), `team` (members, roles or roadmaps changed) or `resync`, read /progress again. `closed` ends the stream for good (removed from the team, signed out). At most 5 open streams per account and instance.',
        params: TeamParams,
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errors, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      hub.open(request, reply, request.params.teamId);
      return reply;
    },
  );

  app.post(
    '/teams/:teamId/transfer',
    {
      config: owner,
      schema: {
        ...common,
        summary: 'Hand the team to another member: they become owner, you become a mentor',
        params: TeamParams,
        body: TransferBody,
        response: { 200: TeamSchema, ...errors },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await teams.transferOwnership(request.params.teamId, userId, request.body.userId);
      return teams.get(request.params.teamId, userId);
    },
  );
}
