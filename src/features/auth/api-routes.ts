/** `/api/v1/auth/*`: sign-up, sign-in, sign-out, password reset and email verification. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { requestOrigin } from '../../http/request-origin.js';
import { toAuthUser } from './auth-user.js';
import { AUTH_RATE_LIMIT, registerAuthRateLimit } from './auth-rate-limit.js';
import { AuthService } from './auth-service.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { LoginBody, ResetConfirmBody, ResetRequestBody, SignupBody, UserResponse, VerifyBody } from './schema.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

export async function authApiRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const auth = new AuthService(services);
  await registerAuthRateLimit(app, services.counters, 'rl:');
  const perIp = AUTH_RATE_LIMIT;
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 409: ErrorRef, 429: ErrorRef };

  app.post(
    '/auth/signup',
    {
      config: { ...perIp, access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account and sign in',
        body: SignupBody,
        response: { 201: Type.Object({ user: UserResponse }), ...errors },
      },
    },
    async (request, reply) => {
      const { user, sessionToken } = await auth.signup(request.body, requestOrigin(request));
      setSessionCookie(reply, services.config, sessionToken);
      return reply.code(201).send({ user: toAuthUser(user) });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { ...perIp, access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: Type.Object({ user: UserResponse }), ...errors },
      },
    },
    async (request, reply) => {
      const { user, sessionToken } = await auth.login(request.body, requestOrigin(request).userAgent);
      setSessionCookie(reply, services.config, sessionToken);
      return { user: toAuthUser(user) };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      if (request.auth?.sessionHash) await auth.logout(request.auth.sessionHash);
      clearSessionCookie(reply, services.config);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { ...perIp, access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Email a password-reset link (same answer whether or not the account exists)',
        body: ResetRequestBody,
        response: { 202: Type.Object({ status: Type.Literal('accepted') }), ...errors },
      },
    },
    async (request, reply) => {
      await auth.links.requestPasswordReset(request.body.email, requestOrigin(request));
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { ...perIp, access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with an emailed token; ends every session and revokes every API token',
        body: ResetConfirmBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.links.confirmPasswordReset(request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/verify-email',
    {
      config: { ...perIp, access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address (a new account, or a new address) with an emailed token',
        body: VerifyBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.links.verifyEmail(request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/email-revert',
    {
      config: { ...perIp, access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Undo an email change with the link mailed to the old address; ends every session and revokes every API token',
        body: VerifyBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.links.revertEmailChange(request.body.token);
      clearSessionCookie(reply, services.config);
      return reply.code(204).send(null);
    },
  );
}
