/**
 * Works out who is making each request, from the session cookie or an
 * `Authorization: Bearer` API token, and refuses cookie-borne changes from other sites.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { UserRow } from '../users/user-repository.js';
import { hashToken } from './secret-token.js';
import { ApiTokenRepository, SessionRepository } from './session-repository.js';

export const SESSION_COOKIE = 'mp_session';
/** Readable by scripts: tells the client a session exists, so it can sync. Holds no secret. */
export const SIGNED_IN_COOKIE = 'mp_signed_in';

/** How often a session's last-seen time is written (at most). */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuthUser {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  username: string | null;
  timeZone: string;
  publicProfile: boolean;
  isAdmin: boolean;
  createdAt: string;
}

export interface RequestAuth {
  user: AuthUser;
  via: 'session' | 'token';
  /** Hash of the session token when signed in by cookie. */
  sessionHash: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    name: row.name,
    username: row.username,
    timeZone: row.time_zone,
    publicProfile: row.public_profile === 1,
    isAdmin: row.is_admin === 1,
    createdAt: row.created_at,
  };
}

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.auth) throw new AppError('unauthenticated');
  return request.auth.user;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the browser says the request comes from a page of this site. */
export function isSameOrigin(request: FastifyRequest, baseUrl: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    try {
      const url = new URL(origin);
      return url.origin === new URL(baseUrl).origin || url.host === request.headers.host;
    } catch {
      return false;
    }
  }
  return request.headers['sec-fetch-site'] === 'same-origin';
}

/**
 * Reads the session expiry rules: idle timeout from last use, absolute limit from sign-in. The
 * limit is checked against the current SESSION_MAX_DAYS too, so lowering it ends older sessions.
 */
export function sessionExpired(session: { created_at: string; last_seen_at: string; expires_at: string }, config: Config, now = Date.now()): boolean {
  return (
    Date.parse(session.expires_at) <= now ||
    Date.parse(session.created_at) + config.session.maxDays * DAY_MS <= now ||
    Date.parse(session.last_seen_at) + config.session.idleDays * DAY_MS <= now
  );
}

/** True for routes that belong to the signed-in user (`/api/v1/me` and everything under it). */
export function isAccountRoute(routeUrl: string | undefined): boolean {
  return routeUrl === '/api/v1/me' || (routeUrl?.startsWith('/api/v1/me/') ?? false);
}

async function plugin(app: FastifyInstance, opts: { db: Database; config: Config }): Promise<void> {
  const sessions = new SessionRepository(opts.db);
  const tokens = new ApiTokenRepository(opts.db);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
      const token = header.replace(/^Bearer\s+/i, '').trim();
      const row = token ? await tokens.findWithUser(hashToken(token)) : undefined;
      if (!row) throw new AppError('unauthenticated', 'This API token is not valid.');
      const now = new Date().toISOString();
      if (!row.token_last_used_at || Date.parse(now) - Date.parse(row.token_last_used_at) > TOUCH_INTERVAL_MS) await tokens.touch(row.token_id, now);
      request.auth = { user: toAuthUser(row), via: 'token', sessionHash: null };
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const hash = hashToken(cookie);
      const row = await sessions.findWithUser(hash);
      const session = row && { created_at: row.session_created_at, last_seen_at: row.session_last_seen_at, expires_at: row.session_expires_at };
      if (row && session && !sessionExpired(session, opts.config)) {
        request.auth = { user: toAuthUser(row), via: 'session', sessionHash: hash };
        if (Date.now() - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) await sessions.touch(hash, new Date().toISOString());
      } else if (row) {
        await sessions.delete(hash);
      }
    }
    // A change riding on a cookie must come from our own pages (CSRF); so must a sign-in from a
    // browser (login CSRF). Bearer requests are exempt, and so are cookie-less scripts.
    if (MUTATING.has(request.method) && !isSameOrigin(request, opts.config.baseUrl)) {
      const fromBrowser = request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
      if (cookie || fromBrowser) throw new AppError('cross_origin');
    }
    // Refused before body validation: a missing credential is a 401 whatever the body says, and a
    // new route under /api/v1/me is protected even if its handler forgets requireUser().
    if (!request.auth && isAccountRoute(request.routeOptions.url)) throw new AppError('unauthenticated');
  });
}

export const authContextPlugin = fp(plugin, { name: 'auth-context', dependencies: ['@fastify/cookie'] });
