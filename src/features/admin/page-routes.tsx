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
import { asAppError, pageContextFor, seeOther, sendPage } from '../../http/page-reply.js';
import { requireUser } from '../auth/auth-context.js';
import { displayName } from '../auth/auth-user.js';
import { AdminPage, AuditPage, type AdminPageData } from './admin-pages.js';
import { AdminService, AUDIT_PAGE, auditDocument, userDocument, USERS_PAGE, type UserChange } from './admin-service.js';
import { UserParams } from './schema.js';

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
  const config = { access: 'admin' as const };

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
}
