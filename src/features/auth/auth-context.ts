/**
 * Works out who is making each request, from the session cookie or an
 * `Authorization: Bearer` API token, and refuses cookie-borne changes from other sites.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { toAuthUser, type AuthUser } from './auth-user.js';
import type { CachedSession, CachedToken, CredentialCache } from './credential-cache.js';
import { hashToken } from './secret-token.js';
import { ApiTokenRepository, SessionRepository } from './session-repository.js';

export const SESSION_COOKIE = 'mp_session';
/** Readable by scripts: tells the client a session exists, so it can sync. Holds no secret. */
export const SIGNED_IN_COOKIE = 'mp_signed_in';

/** How often a session's last-seen time is written (at most). */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RequestAuth {
  user: AuthUser;
  via: 'session' | 'token';
  /** Hash of the session token when signed in by cookie. */
  sessionHash: string | null;
  /** Hash of the API token when signed in by one. */
  tokenHash: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** The route reads its own bearer token (the metrics'): no account is looked up for it. */
    ownBearer?: boolean;
  }
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
export function sessionExpired(session: { createdAt: string; lastSeenAt: string; expiresAt: string }, config: Config, now = Date.now()): boolean {
  return (
    Date.parse(session.expiresAt) <= now ||
    Date.parse(session.createdAt) + config.session.maxDays * DAY_MS <= now ||
    Date.parse(session.lastSeenAt) + config.session.idleDays * DAY_MS <= now
  );
}

/**
 * Whether the session or token a request was signed in with still works, read again from the
 * database: for what outlives its request (a stream), which must end with its sign-in.
 */
export async function stillSignedIn(db: Database, config: Config, auth: RequestAuth, now = Date.now()): Promise<boolean> {
  if (auth.tokenHash) {
    const row = await new ApiTokenRepository(db).findWithUser(auth.tokenHash);
    return row?.id === auth.user.id;
  }
  if (!auth.sessionHash) return false;
  const row = await new SessionRepository(db).findWithUser(auth.sessionHash);
  if (row?.id !== auth.user.id) return false;
  const session = { createdAt: row.session_created_at, lastSeenAt: row.session_last_seen_at, expiresAt: row.session_expires_at };
  return !sessionExpired(session, config, now);
}

async function plugin(app: FastifyInstance, opts: { db: Database; config: Config; credentials: CredentialCache }): Promise<void> {
  const { credentials } = opts;
  const sessions = new SessionRepository(opts.db, credentials);
  const tokens = new ApiTokenRepository(opts.db, credentials);
  app.decorateRequest('auth', null);

  async function readToken(hash: string): Promise<CachedToken | undefined> {
    const row = await tokens.findWithUser(hash);
    return row && { kind: 'token', user: toAuthUser(row), tokenId: row.token_id, lastUsedAt: row.token_last_used_at };
  }

  async function readSession(hash: string): Promise<CachedSession | undefined> {
    const row = await sessions.findWithUser(hash);
    return (
      row && {
        kind: 'session',
        user: toAuthUser(row),
        createdAt: row.session_created_at,
        lastSeenAt: row.session_last_seen_at,
        expiresAt: row.session_expires_at,
      }
    );
  }

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.ownBearer) return;
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
      const token = header.replace(/^Bearer\s+/i, '').trim();
      const hash = token ? hashToken(token) : '';
      const found = hash ? await credentials.token(hash, () => readToken(hash)) : undefined;
      if (!found) throw new AppError('unauthenticated', 'This API token is not valid.');
      const now = Date.now();
      if (!found.lastUsedAt || now - Date.parse(found.lastUsedAt) > TOUCH_INTERVAL_MS) {
        found.lastUsedAt = new Date(now).toISOString();
        await tokens.touch(found.tokenId, found.lastUsedAt);
      }
      request.auth = { user: found.user, via: 'token', sessionHash: null, tokenHash: hash };
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const hash = hashToken(cookie);
      const found = await credentials.session(hash, () => readSession(hash));
      if (found && !sessionExpired(found, opts.config)) {
        request.auth = { user: found.user, via: 'session', sessionHash: hash, tokenHash: null };
        if (Date.now() - Date.parse(found.lastSeenAt) > TOUCH_INTERVAL_MS) {
          found.lastSeenAt = new Date().toISOString();
          await sessions.touch(hash, found.lastSeenAt);
        }
      } else if (found) {
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
