/**
 * The admin API, for administrators only (the route guard answers 401 signed out and 403 to
 * everyone else): accounts, the audit log, the official content and the instance.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { requireUser } from '../auth/auth-context.js';
import { AdminService, AUDIT_PAGE, auditDocument, userDocument, USERS_PAGE } from './admin-service.js';
import { ModerationService } from './moderation-service.js';
import {
  AuditList,
  AuditQuery,
  AdminUser,
  Instance,
  PatchUserBody,
  ReloadResult,
  Report,
  ReportBody,
  ReportCreated,
  ReportList,
  ReportParams,
  ReportsQuery,
  ResolveBody,
  RoadmapReportParams,
  UserList,
  UserParams,
  UsersQuery,
} from './schema.js';

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

export async function adminRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const admin = new AdminService(services);
  const moderation = new ModerationService(services);
  const config = { access: 'admin' as const };
  const common = { tags: ['admin'], security: SECURITY };
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef };
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(
    '/admin/users',
    {
      config,
      schema: {
        ...common,
        summary: 'Accounts, newest first, 50 a page; `q` finds part of an email, name or username',
        querystring: UsersQuery,
        response: { 200: UserList, ...errors },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const { rows, total } = await admin.search(request.query.q ?? '', page);
      return { users: rows.map(userDocument), total, page, pageSize: USERS_PAGE };
    },
  );

  app.get(
    '/admin/users/:userId',
    { config, schema: { ...common, summary: 'One account', params: UserParams, response: { 200: AdminUser, ...errors } } },
    async (request) => userDocument(await admin.user(request.params.userId)),
  );

  app.patch(
    '/admin/users/:userId',
    {
      config,
      schema: {
        ...common,
        summary: 'Disable or enable an account, grant or revoke administration (logged)',
        description:
          'A disabled account cannot sign in, and its sessions and tokens stop working at once on every instance. You cannot disable or demote yourself.',
        params: UserParams,
        body: PatchUserBody,
        response: { 200: AdminUser, ...errors },
      },
    },
    async (request) => userDocument(await admin.change(requireUser(request), request.params.userId, request.body)),
  );

  app.delete(
    '/admin/users/:userId',
    {
      config,
      schema: {
        ...common,
        summary: 'Delete an account and everything it owns (logged); teams it alone owns are handed on',
        params: UserParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await admin.delete(requireUser(request), request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/audit',
    {
      config,
      schema: {
        ...common,
        summary: "Administrators' actions, newest first, 100 a page",
        querystring: AuditQuery,
        response: { 200: AuditList, ...errors },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const { rows, total } = await admin.auditLog(page);
      return { entries: rows.map(auditDocument), total, page, pageSize: AUDIT_PAGE };
    },
  );

  app.get(
    '/admin/instance',
    {
      config,
      schema: {
        ...common,
        summary: 'Version, database and migration level, Redis, the mail queue and the official roadmaps',
        response: { 200: Instance, ...errors },
      },
    },
    async () => admin.instance(),
  );

  app.post(
    '/admin/content/reload',
    {
      config,
      schema: {
        ...common,
        summary: 'Read the official content from disk again (logged); with problems nothing changes and they are listed as file:line',
        response: { 200: ReloadResult, ...errors },
      },
    },
    async (request) => admin.reloadContent(requireUser(request)),
  );

  app.post(
    '/roadmaps/:roadmapId/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        security: SECURITY,
        summary: 'Report a public or unlisted community roadmap to the administrators',
        description: 'Not your own. At most 10 reports an hour per account and 20 a day per roadmap; one open report per roadmap and account (409).',
        params: RoadmapReportParams,
        body: ReportBody,
        response: { 201: ReportCreated, ...errors, 409: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const created = await moderation.report(requireUser(request), request.params.roadmapId, request.body.reason, request.body.details ?? '');
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/admin/reports',
    {
      config,
      schema: {
        ...common,
        summary: 'Reports of community roadmaps: open ones oldest first, or the last 200 resolved',
        querystring: ReportsQuery,
        response: { 200: ReportList, ...errors },
      },
    },
    async (request) => ({ reports: await moderation.list(request.query.status ?? 'open') }),
  );

  app.post(
    '/admin/reports/:reportId/resolve',
    {
      config,
      schema: {
        ...common,
        summary: "Unlist or remove the report's roadmap, or dismiss it (every open report of the roadmap with it; logged)",
        description:
          'Unlisting keeps the roadmap at its link but out of listings and search, and its owner cannot make it public again; removing makes its pages answer 410. The owner is mailed the note.',
        params: ReportParams,
        body: ResolveBody,
        response: { 200: Report, ...errors, 409: ErrorRef },
      },
    },
    async (request) => moderation.resolve(requireUser(request), request.params.reportId, request.body.action, request.body.note ?? ''),
  );
}
