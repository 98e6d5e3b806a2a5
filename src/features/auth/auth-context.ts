/**
 * Works out who is making each request, from the session cookie or an
 * `Authorization: Bearer` API token, and refuses cookie-borne changes from other sites.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { UserRepository, type UserRow } from '../users/user-repository.js';
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

/** Reads the session expiry rules: idle timeout from last use, absolute limit from sign-in. */
export function sessionExpired(session: { created_at: string; last_seen_at: string; expires_at: string }, config: Config, now = Date.now()): boolean {
  return Date.parse(session.expires_at) <= now || Date.parse(session.last_seen_at) + config.session.idleDays * DAY_MS <= now;
}

async function plugin(app: FastifyInstance, opts: { db: Database; config: Config }): Promise<void> {
  const sessions = new SessionRepository(opts.db);
  const tokens = new ApiTokenRepository(opts.db);
  const users = new UserRepository(opts.db);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
      const token = header.replace(/^Bearer\s+/i, '').trim();
      const row = token ? await tokens.findByHash(hashToken(token)) : undefined;
      const user = row ? await users.findById(row.user_id) : undefined;
      if (!row || !user) throw new AppError('unauthenticated', 'This API token is not valid.');
      const now = new Date().toISOString();
      if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) await tokens.touch(row.id, now);
      request.auth = { user: toAuthUser(user), via: 'token', sessionHash: null };
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const hash = hashToken(cookie);
      const session = await sessions.find(hash);
      if (session && !sessionExpired(session, opts.config)) {
        const user = await users.findById(session.user_id);
        if (user) {
          request.auth = { user: toAuthUser(user), via: 'session', sessionHash: hash };
          if (Date.now() - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) await sessions.touch(hash, new Date().toISOString());
        }
      } else if (session) {
        await sessions.delete(hash);
      }
    }
    // A change riding on a cookie must come from our own pages (CSRF); so must a sign-in from a
    // browser (login CSRF). Bearer requests are exempt, and so are cookie-less scripts.
    if (MUTATING.has(request.method) && !isSameOrigin(request, opts.config.baseUrl)) {
      const fromBrowser = request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined;
      if (cookie || fromBrowser) throw new AppError('cross_origin');
    }
  });
}

export const authContextPlugin = fp(plugin, { name: 'auth-context', dependencies: ['@fastify/cookie'] });
