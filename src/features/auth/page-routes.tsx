/**
 * The sign-in pages: sign-up, log-in, log-out, and (in email-link-routes.tsx) password reset and
 * email verification. Plain HTML forms that work without JavaScript; each POST calls a service
 * directly and answers with a 303 redirect, or with the form again and the error next to its field.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { passwordProblem } from './password.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { LoginPage } from './views/login-page.js';
import { LogoutPage } from './views/logout-page.js';
import { noticeText } from '../../views/forms/notices.js';
import { SignupPage } from './views/signup-page.js';
import { displayName } from './auth-user.js';
import { requestOrigin } from '../../http/request-origin.js';
import type { PageRoutesOptions } from '../../http/page-routes-options.js';
import { AuthService } from './auth-service.js';
import { emailLinkRoutes } from './email-link-routes.js';
import { FORM_RATE_LIMIT, registerFormRateLimit } from './auth-rate-limit.js';
import { asAppError, pageContextFor, safeNext, seeOther, sendPage, withRetryAfter } from '../../http/page-reply.js';
import { emailProblem } from '../../shared/email.js';
import { LoginForm, NoticeQuery, SignupForm } from './form-schema.js';

/** Registers the sign-in pages and forms; the forms share one per-address rate limit. */
export async function authPagesPlugin(instance: FastifyInstance, opts: PageRoutesOptions): Promise<void> {
  await registerFormRateLimit(instance, opts.services.counters);
  await instance.register(signInRoutes, opts);
  await instance.register(emailLinkRoutes, opts);
}

async function signInRoutes(instance: FastifyInstance, { services }: PageRoutesOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const auth = new AuthService(services);
  const { config } = services;

  app.get('/signup', { config: { access: 'public' }, schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.auth) return seeOther(reply, next ?? '/account');
    return sendPage(reply, <SignupPage ctx={pageContextFor(services.pageContext, request)} next={next} />);
  });

  app.post('/signup', { config: { ...FORM_RATE_LIMIT, access: 'public' }, schema: { body: SignupForm } }, async (request, reply) => {
    const { name, email, password } = request.body;
    const next = safeNext(request.body.next);
    const render = (status: number, errors: Record<string, string | undefined>, message?: string) =>
      sendPage(
        reply,
        <SignupPage ctx={pageContextFor(services.pageContext, request)} next={next} values={{ name, email }} errors={errors} message={message} />,
        status,
      );
    const emailError = emailProblem(email) ?? undefined;
    const passwordError = passwordProblem(password, email.trim()) ?? undefined;
    if (emailError || passwordError) return render(400, { email: emailError, password: passwordError });
    try {
      const { sessionToken } = await auth.signup({ email, password, name }, requestOrigin(request));
      setSessionCookie(reply, config, sessionToken);
      return seeOther(reply, next ?? '/account?notice=welcome');
    } catch (error) {
      const failure = asAppError(error);
      if (failure.code === 'email_taken') return render(409, { email: 'An account with this email already exists. Log in, or reset its password.' });
      if (failure.code === 'weak_password') return render(400, { password: failure.message });
      withRetryAfter(reply, failure);
      return render(failure.status, {}, failure.message);
    }
  });

  app.get('/login', { config: { access: 'public' }, schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.auth) return seeOther(reply, next ?? '/account');
    return sendPage(reply, <LoginPage ctx={pageContextFor(services.pageContext, request)} next={next} notice={noticeText(request.query.notice)} />);
  });

  app.post('/login', { config: { ...FORM_RATE_LIMIT, access: 'public' }, schema: { body: LoginForm } }, async (request, reply) => {
    const { email, password } = request.body;
    const next = safeNext(request.body.next);
    const render = (status: number, errors: Record<string, string | undefined>, message?: string) =>
      sendPage(
        reply,
        <LoginPage ctx={pageContextFor(services.pageContext, request)} next={next} email={email} errors={errors} message={message} />,
        status,
      );
    const emailError = emailProblem(email);
    if (emailError) return render(400, { email: emailError });
    try {
      const { sessionToken } = await auth.login({ email, password }, requestOrigin(request).userAgent);
      setSessionCookie(reply, config, sessionToken);
      return seeOther(reply, next ?? '/');
    } catch (error) {
      const failure = asAppError(error);
      // One message for both fields: saying which one is wrong would tell who has an account.
      if (failure.code === 'invalid_credentials') return render(401, { password: 'The email or password is not correct.' });
      withRetryAfter(reply, failure);
      return render(failure.status, {}, failure.message);
    }
  });

  app.get('/logout', { config: { access: 'public' } }, async (request, reply) => {
    const user = request.auth?.user;
    return sendPage(reply, <LogoutPage ctx={pageContextFor(services.pageContext, request)} who={user ? displayName(user) : null} />);
  });

  app.post('/logout', { config: { access: 'public' } }, async (request, reply) => {
    if (request.auth?.sessionHash) await auth.logout(request.auth.sessionHash);
    clearSessionCookie(reply, config);
    return seeOther(reply, '/');
  });
}
