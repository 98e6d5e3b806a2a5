/**
 * `/api/v1/me` and its tokens: the signed-in user's account. Every route requires a user; changes a
 * stolen API token must not make (new tokens, email, password, deletion) require a browser session.
 * Every answer is private: `Cache-Control: no-store`.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppServices } from '../../app-services.js';
import { requestOrigin } from '../../http/request-origin.js';
import { requireUser } from '../auth/auth-context.js';
import { toAuthUser } from '../auth/auth-user.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { UserResponse } from '../auth/schema.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { AppError } from '../../errors.js';
import { AccountService } from './account-service.js';
import { DeleteMeBody, PasswordChangeBody, PatchMeBody, TokenCreateBody, TokenIdParams, TokenInfo } from './schema.js';

export const ME_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

export async function accountApiRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const accounts = new AccountService(services);
  const errors = { 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef, 429: ErrorRef };
  const common = { tags: ['me'], security: ME_SECURITY };
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  const tokenInfo = (t: { id: string; name: string; prefix: string; created_at: string; last_used_at: string | null }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
  });

  app.get(
    '/me',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'The signed-in user', response: { 200: Type.Object({ user: UserResponse }), ...errors } },
    },
    async (request) => {
      const user = await accounts.get(requireUser(request).id);
      return { user: toAuthUser(user) };
    },
  );

  app.patch(
    '/me',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary:
          'Change name, username, time zone or profile visibility; or start an email change (needs currentPassword and a browser session; the new address becomes the login email once confirmed)',
        body: PatchMeBody,
        response: { 200: Type.Object({ user: UserResponse }), ...errors },
      },
    },
    async (request) => {
      if (request.body.email !== undefined && request.auth?.via !== 'session') throw new AppError('session_required');
      const user = await accounts.update(requireUser(request).id, request.body, requestOrigin(request));
      return { user: toAuthUser(user) };
    },
  );

  app.delete(
    '/me',
    {
      config: { access: 'session' },
      schema: {
        ...common,
        summary: 'Delete the account and all its data (needs the password)',
        body: DeleteMeBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.delete(requireUser(request).id, request.body.password);
      clearSessionCookie(reply, services.config);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/export',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Everything stored about the user, as JSON',
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errors },
      },
    },
    async (request, reply) => {
      const data = await accounts.export(requireUser(request).id);
      reply.header('content-disposition', `attachment; filename="milepost-account-${new Date().toISOString().slice(0, 10)}.json"`);
      return data;
    },
  );

  app.post(
    '/me/password',
    {
      config: { access: 'session' },
      schema: {
        ...common,
        summary: 'Change the password; every other session ends and this one gets a new cookie',
        body: PasswordChangeBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = await accounts.get(requireUser(request).id);
      const session = await accounts.auth.changePassword(
        user,
        request.body.currentPassword,
        request.body.newPassword,
        requestOrigin(request).userAgent,
      );
      setSessionCookie(reply, services.config, session);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/me/sessions',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Sign out everywhere: every session ends and every API token is revoked, this one included',
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await accounts.auth.signOutEverywhere(requireUser(request).id);
      clearSessionCookie(reply, services.config);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/tokens',
    {
      config: { access: 'user' },
      schema: {
        ...common,
        summary: 'Personal API tokens (without their secret)',
        response: { 200: Type.Object({ tokens: Type.Array(TokenInfo) }), ...errors },
      },
    },
    async (request) => {
      const tokens = await accounts.listTokens(requireUser(request).id);
      return { tokens: tokens.map(tokenInfo) };
    },
  );

  app.post(
    '/me/tokens',
    {
      config: { access: 'session' },
      schema: {
        ...common,
        summary: 'Create a personal API token; the token is shown only in this answer',
        body: TokenCreateBody,
        response: { 201: Type.Object({ token: Type.String(), info: TokenInfo }), ...errors },
      },
    },
    async (request, reply) => {
      const { token, row } = await accounts.createToken(requireUser(request).id, request.body.name);
      return reply.code(201).send({ token, info: tokenInfo(row) });
    },
  );

  app.delete(
    '/me/tokens/:id',
    {
      config: { access: 'user' },
      schema: { ...common, summary: 'Revoke a personal API token', params: TokenIdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await accounts.revokeToken(requireUser(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/me/pending-email',
    {
      config: { access: 'session' },
      schema: {
        ...common,
        summary: 'Cancel an email change waiting for confirmation',
        response: { 200: Type.Object({ user: UserResponse }), ...errors },
      },
    },
    async (request) => {
      const userId = requireUser(request).id;
      await accounts.auth.links.cancelEmailChange(userId);
      return { user: toAuthUser(await accounts.get(userId)) };
    },
  );
}
