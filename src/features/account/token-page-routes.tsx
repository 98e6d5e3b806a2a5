/**
 * Personal API tokens from /account: create and revoke. Creating answers with a redirect
 * (POST-redirect-GET, so a reload cannot create a second token); the new secret travels to that
 * one GET in a short-lived HttpOnly cookie scoped to /account, which the page clears as it shows it.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AccountService } from './account-service.js';
import { LOGIN_FOR_ACCOUNT, sendAccountPage } from './account-page-reply.js';
import { seeOther } from '../../http/page-reply.js';
import type { PageRoutesOptions } from '../../http/page-routes-options.js';
import { TokenForm, TokenParams } from './form-schema.js';
import { setNewTokenCookie } from './new-token-cookie.js';

/** `/account/tokens` (create) and `/account/tokens/:id/revoke`. */
export async function tokenRoutes(instance: FastifyInstance, { services }: PageRoutesOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const accounts = new AccountService(services);
  const deps = { accounts, pageContext: services.pageContext, catalog: services.catalog };

  app.post('/account/tokens', { config: { access: 'session' }, schema: { body: TokenForm } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    const name = request.body.name.trim();
    if (!name) {
      const state = { form: 'token' as const, errors: { name: 'Give the token a name.' }, values: request.body };
      return sendAccountPage(request, reply, deps, user, { state }, 400);
    }
    const { token } = await accounts.createToken(user.id, name);
    setNewTokenCookie(reply, services.config, { name, token });
    return seeOther(reply, '/account?notice=token-created#tokens');
  });

  app.post('/account/tokens/:id/revoke', { config: { access: 'user' }, schema: { params: TokenParams } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    await accounts.revokeToken(user.id, request.params.id);
    return seeOther(reply, '/account?notice=token-revoked');
  });
}
