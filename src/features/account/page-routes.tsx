/**
 * `/account` and its forms: profile, email, password, sign out everywhere and
 * deletion. Each action is a small POST that redirects back with a notice, or re-renders the
 * page with the refused form's errors.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { requestOrigin } from '../../http/request-origin.js';
import type { FieldErrors } from '../../views/forms/form-parts.js';
import { noticeText } from '../../views/forms/notices.js';
import { isKnownTimeZone } from '../../shared/calendar-date.js';
import { AccountService } from './account-service.js';
import { USERNAME_PATTERN } from './schema.js';
import { LOGIN_FOR_ACCOUNT, sendAccountPage } from './account-page-reply.js';
import { FORM_RATE_LIMIT, registerFormRateLimit } from '../auth/auth-rate-limit.js';
import { tokenRoutes } from './token-page-routes.js';
import { asAppError, seeOther, withRetryAfter } from '../../http/page-reply.js';
import { emailProblem } from '../../shared/email.js';
import type { PageRoutesOptions } from '../../http/page-routes-options.js';
import { NoticeQuery } from '../auth/form-schema.js';
import { DeleteForm, EmailForm, PasswordForm, ProfileForm } from './form-schema.js';
import { takeNewToken } from './new-token-cookie.js';

const USERNAME_RE = new RegExp(USERNAME_PATTERN);
const hasErrors = (errors: FieldErrors) => Object.values(errors).some(Boolean);

/** `/account` and its forms, including personal API tokens; forms that send mail or delete share a per-address limit. */
export async function accountPagesPlugin(instance: FastifyInstance, opts: PageRoutesOptions): Promise<void> {
  await registerFormRateLimit(instance, opts.services.counters);
  await instance.register(accountRoutes, opts);
  await instance.register(tokenRoutes, opts);
}

async function accountRoutes(instance: FastifyInstance, { services }: PageRoutesOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const accounts = new AccountService(services);
  const deps = { accounts, pageContext: services.pageContext, catalog: services.catalog };

  app.get('/account', { config: { access: 'user' }, schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    const newToken = takeNewToken(request, reply, services.config);
    return sendAccountPage(request, reply, deps, user, { notice: noticeText(request.query.notice), newToken });
  });

  app.post('/account/profile', { config: { access: 'user' }, schema: { body: ProfileForm } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    const body = request.body;
    const username = body.username.trim().toLowerCase();
    const publicProfile = body.publicProfile !== undefined;
    const refuse = (status: number, errors: FieldErrors, message?: string) =>
      sendAccountPage(request, reply, deps, user, { state: { form: 'profile', errors, message, values: body } }, status);
    const errors: FieldErrors = {
      username:
        username && !USERNAME_RE.test(username)
          ? 'Use 1 to 30 lower-case letters, digits or hyphens, not starting or ending with a hyphen.'
          : undefined,
      timeZone: isKnownTimeZone(body.timeZone) ? undefined : 'Choose a time zone from the list.',
      publicProfile: publicProfile && !username ? 'A public profile needs a username: choose one above.' : undefined,
    };
    if (hasErrors(errors)) return refuse(400, errors);
    try {
      await accounts.update(user.id, { name: body.name, username: username || null, timeZone: body.timeZone, publicProfile }, requestOrigin(request));
      return seeOther(reply, '/account?notice=profile-saved');
    } catch (error) {
      const failure = asAppError(error);
      if (failure.code === 'username_taken') return refuse(409, { username: 'This username is taken. Choose another.' });
      return refuse(failure.status, {}, failure.message);
    }
  });

  // A browser session only, like every change a stolen API token must not make.
  app.post('/account/email', { config: { ...FORM_RATE_LIMIT, access: 'session' }, schema: { body: EmailForm } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    const { email, currentPassword } = request.body;
    const refuse = (status: number, errors: FieldErrors, message?: string) =>
      sendAccountPage(request, reply, deps, user, { state: { form: 'email', errors, message, values: { email } } }, status);
    const problem = emailProblem(email);
    if (problem) return refuse(400, { email: problem });
    try {
      await accounts.update(user.id, { email: email.trim(), currentPassword }, requestOrigin(request));
    } catch (error) {
      const failure = asAppError(error);
      withRetryAfter(reply, failure);
      if (failure.code === 'invalid_credentials') return refuse(401, { currentPassword: 'Your current password is not correct.' });
      if (failure.code === 'email_taken') return refuse(409, { email: 'Another account uses this email address.' });
      return refuse(failure.status, {}, failure.message);
    }
    const changed = email.trim().toLowerCase() !== user.email;
    return seeOther(reply, changed ? '/account?notice=email-change-sent' : '/account?notice=email-change-cancelled');
  });

  app.post('/account/email/cancel', { config: { access: 'session' } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    await accounts.auth.links.cancelEmailChange(user.id);
    return seeOther(reply, '/account?notice=email-change-cancelled');
  });

  app.post('/account/password', { config: { access: 'session' }, schema: { body: PasswordForm } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    const { currentPassword, newPassword } = request.body;
    try {
      const row = await accounts.get(user.id);
      const session = await accounts.auth.changePassword(row, currentPassword, newPassword, requestOrigin(request).userAgent);
      setSessionCookie(reply, services.config, session);
      return seeOther(reply, '/account?notice=password-changed');
    } catch (error) {
      const failure = asAppError(error);
      withRetryAfter(reply, failure);
      const errors: FieldErrors =
        failure.code === 'invalid_credentials'
          ? { currentPassword: 'Your current password is not correct.' }
          : failure.code === 'weak_password'
            ? { newPassword: failure.message }
            : {};
      const message = hasErrors(errors) ? undefined : failure.message;
      return sendAccountPage(request, reply, deps, user, { state: { form: 'password', errors, message } }, failure.status);
    }
  });

  app.post('/account/verification', { config: { ...FORM_RATE_LIMIT, access: 'user' } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    if (user.emailVerified) return seeOther(reply, '/account?notice=email-verified');
    try {
      await accounts.auth.links.resendVerification(await accounts.get(user.id), requestOrigin(request));
    } catch (error) {
      const failure = asAppError(error);
      withRetryAfter(reply, failure);
      return sendAccountPage(request, reply, deps, user, { state: { form: 'email', errors: {}, message: failure.message } }, failure.status);
    }
    return seeOther(reply, '/account?notice=verification-sent');
  });

  app.post('/account/sessions', { config: { access: 'public' } }, async (request, reply) => {
    const user = request.auth?.user;
    if (user) await accounts.auth.signOutEverywhere(user.id);
    clearSessionCookie(reply, services.config);
    return seeOther(reply, '/login?notice=signed-out-everywhere');
  });

  app.post('/account/delete', { config: { ...FORM_RATE_LIMIT, access: 'session' }, schema: { body: DeleteForm } }, async (request, reply) => {
    const user = request.auth?.user;
    if (!user) return seeOther(reply, LOGIN_FOR_ACCOUNT);
    const { password, confirm } = request.body;
    const refuse = (status: number, errors: FieldErrors, message?: string) =>
      sendAccountPage(request, reply, deps, user, { state: { form: 'delete', errors, message } }, status);
    const errors: FieldErrors = {
      password: password ? undefined : 'Enter your password to confirm.',
      confirm: confirm ? undefined : 'Tick this box to confirm that you want to delete your account.',
    };
    if (hasErrors(errors)) return refuse(400, errors);
    try {
      await accounts.delete(user.id, password);
    } catch (error) {
      const failure = asAppError(error);
      withRetryAfter(reply, failure);
      if (failure.code === 'invalid_credentials') return refuse(401, { password: 'This password is not correct.' });
      return refuse(failure.status, {}, failure.message);
    }
    clearSessionCookie(reply, services.config);
    return seeOther(reply, '/login?notice=account-deleted');
  });
}
