/**
 * Forgot password, reset password, verify email and undo an email change. The emailed links land on GET pages that
 * only show a form: mail scanners open links, so a token is used up by the POST alone.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { passwordProblem } from './password.js';
import { clearSessionCookie } from './session-cookie.js';
import { displayName } from './auth-user.js';
import { ForgotPasswordPage, ResetPasswordPage, RevertEmailPage, VerifyEmailPage } from './views/email-link-pages.js';
import { requestOrigin } from '../../http/request-origin.js';
import { noticeText } from '../../views/forms/notices.js';
import { AuthService } from './auth-service.js';
import { FORM_RATE_LIMIT } from './auth-rate-limit.js';
import { asAppError, pageContextFor, seeOther, sendPage, withRetryAfter } from '../../http/page-reply.js';
import { emailProblem } from '../../shared/email.js';
import type { PageRoutesOptions } from '../../http/page-routes-options.js';
import { ForgotPasswordForm, NoticeQuery, ResetPasswordForm, TokenQuery, VerifyEmailForm } from './form-schema.js';

const EXPIRED_LINK = 'This link is invalid, was already used, or has expired.';

/** The token is in the URL: keep it out of Referer headers and out of search engines. */
const privateLink = (reply: FastifyReply) => reply.header('referrer-policy', 'no-referrer');

/** `/forgot-password`, `/reset-password`, `/verify-email` and `/revert-email`. */
export async function emailLinkRoutes(instance: FastifyInstance, { services }: PageRoutesOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const auth = new AuthService(services);

  app.get('/forgot-password', { config: { access: 'public' }, schema: { querystring: NoticeQuery } }, async (request, reply) =>
    sendPage(reply, <ForgotPasswordPage ctx={pageContextFor(services.pageContext, request)} notice={noticeText(request.query.notice)} />),
  );

  app.post('/forgot-password', { config: { ...FORM_RATE_LIMIT, access: 'public' }, schema: { body: ForgotPasswordForm } }, async (request, reply) => {
    const { email } = request.body;
    const render = (status: number, errors: Record<string, string | undefined>, message?: string) =>
      sendPage(
        reply,
        <ForgotPasswordPage ctx={pageContextFor(services.pageContext, request)} email={email} errors={errors} message={message} />,
        status,
      );
    const problem = emailProblem(email);
    if (problem) return render(400, { email: problem });
    try {
      await auth.links.requestPasswordReset(email, requestOrigin(request));
    } catch (error) {
      const failure = asAppError(error);
      withRetryAfter(reply, failure);
      return render(failure.status, {}, failure.message);
    }
    // The same answer whether or not the account exists.
    return seeOther(reply, '/forgot-password?notice=reset-sent');
  });

  app.get('/reset-password', { config: { access: 'public' }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token || null;
    privateLink(reply);
    const ctx = pageContextFor(services.pageContext, request);
    if (!token) return sendPage(reply, <ResetPasswordPage ctx={ctx} token={null} message={EXPIRED_LINK} />, 400);
    return sendPage(reply, <ResetPasswordPage ctx={ctx} token={token} />);
  });

  app.post('/reset-password', { config: { ...FORM_RATE_LIMIT, access: 'public' }, schema: { body: ResetPasswordForm } }, async (request, reply) => {
    const { token, password } = request.body;
    privateLink(reply);
    const ctx = pageContextFor(services.pageContext, request);
    // Checked before the service uses the token up, so a weak first try does not cost the link.
    const problem = passwordProblem(password);
    if (problem) return sendPage(reply, <ResetPasswordPage ctx={ctx} token={token} errors={{ password: problem }} />, 400);
    try {
      await auth.links.confirmPasswordReset(token, password);
    } catch (error) {
      const failure = asAppError(error);
      const message = failure.code === 'invalid_token' ? EXPIRED_LINK : `${failure.message} This link is now used up: ask for a new one.`;
      withRetryAfter(reply, failure);
      return sendPage(reply, <ResetPasswordPage ctx={ctx} token={null} message={message} />, failure.status);
    }
    // Every session of the account ended with the reset, this browser's included.
    clearSessionCookie(reply, services.config);
    return seeOther(reply, '/login?notice=password-reset');
  });

  app.get('/verify-email', { config: { access: 'public' }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token || null;
    privateLink(reply);
    const user = request.auth?.user;
    const page = (
      <VerifyEmailPage
        ctx={pageContextFor(services.pageContext, request)}
        token={token}
        message={token ? undefined : EXPIRED_LINK}
        account={user ? displayName(user) : undefined}
      />
    );
    return sendPage(reply, page, token ? 200 : 400);
  });

  app.post('/verify-email', { config: { ...FORM_RATE_LIMIT, access: 'public' }, schema: { body: VerifyEmailForm } }, async (request, reply) => {
    privateLink(reply);
    let outcome: 'verified' | 'changed';
    try {
      outcome = await auth.links.verifyEmail(request.body.token);
    } catch (error) {
      const failure = asAppError(error);
      const user = request.auth?.user;
      withRetryAfter(reply, failure);
      const message = failure.code === 'invalid_token' ? EXPIRED_LINK : failure.message;
      const page = (
        <VerifyEmailPage
          ctx={pageContextFor(services.pageContext, request)}
          token={null}
          message={message}
          account={user ? displayName(user) : undefined}
        />
      );
      return sendPage(reply, page, failure.status);
    }
    const notice = outcome === 'changed' ? 'email-change-confirmed' : 'email-verified';
    return seeOther(reply, request.auth ? `/account?notice=${notice}` : `/login?notice=${notice}`);
  });

  app.get('/revert-email', { config: { access: 'public' }, schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token || null;
    privateLink(reply);
    const page = <RevertEmailPage ctx={pageContextFor(services.pageContext, request)} token={token} message={token ? undefined : EXPIRED_LINK} />;
    return sendPage(reply, page, token ? 200 : 400);
  });

  app.post('/revert-email', { config: { ...FORM_RATE_LIMIT, access: 'public' }, schema: { body: VerifyEmailForm } }, async (request, reply) => {
    privateLink(reply);
    try {
      await auth.links.revertEmailChange(request.body.token);
    } catch (error) {
      const failure = asAppError(error);
      withRetryAfter(reply, failure);
      const message = failure.code === 'invalid_token' ? EXPIRED_LINK : failure.message;
      return sendPage(reply, <RevertEmailPage ctx={pageContextFor(services.pageContext, request)} token={null} message={message} />, failure.status);
    }
    // Every session ended, this browser's included: choose a new password next.
    clearSessionCookie(reply, services.config);
    return seeOther(reply, '/forgot-password?notice=email-kept');
  });
}
