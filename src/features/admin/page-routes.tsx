/**
 * The admin area's pages and forms, for administrators only (a signed-out visitor is sent to the
 * login page, anyone else gets 403). Each action posts a form, then comes back to `/admin` with a
 * notice, or shows the page again with why it was refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { asAppError, pageContextFor, seeOther, sendPage, withRetryAfter } from '../../http/page-reply.js';
import { requireUser } from '../auth/auth-context.js';
import { displayName } from '../auth/auth-user.js';
import { AdminPage, AuditPage, type AdminPageData } from './admin-pages.js';
import { AdminService, AUDIT_PAGE, auditDocument, userDocument, USERS_PAGE, type UserChange } from './admin-service.js';
import { ModerationService, RESOLUTIONS, type Resolution } from './moderation-service.js';
import { ReportPage, ReportsPage } from './report-pages.js';
import { REPORT_REASONS, type ReportReason } from './reports.js';
import { ReportParams, UserParams } from './schema.js';
import { IdSchema } from '../../validation/common-schemas.js';

const PageQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
});
const NOTICES: Record<string, string> = {
  disabled: 'Account disabled: its sessions and tokens no longer work.',
  enabled: 'Account enabled.',
  granted: 'The account is now an administrator.',
  revoked: 'The account is no longer an administrator.',
  deleted: 'Account deleted.',
  unlisted: 'The roadmap was unlisted and its owner told why.',
  removed: 'The roadmap was removed and its owner told why.',
  dismissed: 'The report was dismissed.',
};
const ACTIONS: Record<string, { change: UserChange; notice: string }> = {
  disable: { change: { disabled: true }, notice: 'disabled' },
  enable: { change: { disabled: false }, notice: 'enabled' },
  'grant-admin': { change: { isAdmin: true }, notice: 'granted' },
  'revoke-admin': { change: { isAdmin: false }, notice: 'revoked' },
};

export async function adminPages(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const admin = new AdminService(services);
  const moderation = new ModerationService(services);
  const config = { access: 'admin' as const };
  const ctxFor = (request: FastifyRequest) => pageContextFor(services.pageContext, request);
  const accountOf = (request: FastifyRequest) => displayName(requireUser(request));

  async function sendReportsPage(request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200): Promise<FastifyReply> {
    const [open, resolved] = await Promise.all([moderation.list('open'), moderation.list('resolved')]);
    const notice = NOTICES[String((request.query as { notice?: unknown }).notice ?? '')] ?? null;
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      <ReportsPage ctx={ctxFor(request)} account={accountOf(request)} open={open} resolved={resolved} notice={notice} error={error} />,
      status,
    );
  }

  /** The community roadmap a reader may report, or the not-found page. */
  async function reportable(request: FastifyRequest, id: string) {
    const entry = await services.catalog.get(id, { userId: requireUser(request).id });
    if (!entry || entry.source !== 'user' || entry.visibility === 'private') throw new AppError('not_found');
    return { id: entry.id, title: entry.roadmap.meta.title, path: entry.roadmap.path };
  }

  async function sendAdminPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<Pick<AdminPageData, 'error' | 'reload' | 'notice'>> = {},
    status = 200,
  ): Promise<FastifyReply> {
    const query = request.query as { q?: string; page?: number; notice?: string };
    const q = (query.q ?? '').trim();
    const page = query.page ?? 1;
    const [instanceStatus, found] = await Promise.all([admin.instance(), admin.search(q, page)]);
    const data: AdminPageData = {
      instance: instanceStatus,
      users: found.rows.map(userDocument),
      total: found.total,
      page,
      pageSize: USERS_PAGE,
      q,
      selfId: requireUser(request).id,
      account: displayName(requireUser(request)),
      notice: extra.notice ?? NOTICES[query.notice ?? ''] ?? null,
      error: extra.error ?? null,
      reload: extra.reload ?? null,
    };
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <AdminPage ctx={pageContextFor(services.pageContext, request)} data={data} />, status);
  }

  /** Runs an action, then back to the list with a notice; a refused one shows the page with why. */
  async function act(request: FastifyRequest, reply: FastifyReply, run: () => Promise<unknown>, notice: string): Promise<FastifyReply> {
    try {
      await run();
    } catch (error) {
      const problem = asAppError(error);
      return sendAdminPage(request, reply, { error: problem.message }, problem.status);
    }
    return seeOther(reply, `/admin?notice=${notice}#accounts`);
  }

  app.get('/admin', { config, schema: { querystring: PageQuery } }, async (request, reply) => sendAdminPage(request, reply));

  app.get(
    '/admin/audit',
    { config, schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }) } },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const { rows, total } = await admin.auditLog(page);
      reply.header('cache-control', 'no-store');
      return sendPage(
        reply,
        <AuditPage
          ctx={pageContextFor(services.pageContext, request)}
          account={displayName(requireUser(request))}
          audit={{ entries: rows.map(auditDocument), total, page, pageSize: AUDIT_PAGE }}
        />,
      );
    },
  );

  app.post(
    '/admin/users/:userId/:action',
    { config, schema: { params: Type.Object({ userId: UserParams.properties.userId, action: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const found = ACTIONS[request.params.action];
      if (!found) throw new AppError('not_found');
      return act(request, reply, () => admin.change(requireUser(request), request.params.userId, found.change), found.notice);
    },
  );

  app.post(
    '/admin/users/:userId/delete',
    { config, schema: { params: UserParams, body: Type.Object({ confirm: Type.String({ maxLength: 320 }) }) } },
    async (request, reply) =>
      act(
        request,
        reply,
        async () => {
          const target = await admin.user(request.params.userId);
          if (request.body.confirm.trim().toLowerCase() !== target.email)
            throw new AppError('invalid_input', `Type ${target.email} exactly to delete that account.`);
          await admin.delete(requireUser(request), target.id);
        },
        'deleted',
      ),
  );

  app.post('/admin/content/reload', { config }, async (request, reply) => {
    const reload = await admin.reloadContent(requireUser(request));
    return sendAdminPage(request, reply, { reload });
  });

  app.get(
    '/admin/reports',
    { config, schema: { querystring: Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request, reply) => sendReportsPage(request, reply),
  );

  app.post(
    '/admin/reports/:reportId/resolve',
    {
      config,
      schema: {
        params: ReportParams,
        body: Type.Object({ action: Type.String({ maxLength: 20 }), note: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (request, reply) => {
      const action = request.body.action as Resolution;
      try {
        if (!RESOLUTIONS.includes(action)) throw new AppError('invalid_input', 'Choose what to do with the report.');
        const done = await moderation.resolve(requireUser(request), request.params.reportId, action, request.body.note ?? '');
        return seeOther(reply, `/admin/reports?notice=${done.status}`);
      } catch (error) {
        const problem = asAppError(error);
        return sendReportsPage(request, reply, problem.message, problem.status);
      }
    },
  );

  const RoadmapParams = Type.Object({ id: IdSchema });

  app.get('/r/:id/report', { config: { access: 'user' }, schema: { params: RoadmapParams } }, async (request, reply) => {
    const roadmap = await reportable(request, request.params.id);
    return sendPage(reply, <ReportPage ctx={ctxFor(request)} account={accountOf(request)} roadmap={roadmap} />);
  });

  app.post(
    '/r/:id/report',
    {
      config: { access: 'user' },
      schema: {
        params: RoadmapParams,
        body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 20 })), details: Type.Optional(Type.String({ maxLength: 4000 })) }),
      },
    },
    async (request, reply) => {
      const roadmap = await reportable(request, request.params.id);
      const form = { reason: request.body.reason ?? '', details: request.body.details ?? '' };
      try {
        if (!(form.reason in REPORT_REASONS)) throw new AppError('invalid_input', 'Choose what is wrong with the roadmap.');
        await moderation.report(requireUser(request), roadmap.id, form.reason as ReportReason, form.details);
      } catch (error) {
        const problem = asAppError(error);
        withRetryAfter(reply, problem);
        return sendPage(
          reply,
          <ReportPage ctx={ctxFor(request)} account={accountOf(request)} roadmap={roadmap} form={form} error={problem.message} />,
          problem.status,
        );
      }
      return sendPage(reply, <ReportPage ctx={ctxFor(request)} account={accountOf(request)} roadmap={roadmap} sent />);
    },
  );
}
