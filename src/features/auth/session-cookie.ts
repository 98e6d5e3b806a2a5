import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.js';
import { SESSION_COOKIE, SIGNED_IN_COOKIE } from './auth-context.js';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure behind https, and a script-readable hint. */
export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  const secure = config.baseUrl.startsWith('https://');
  const maxAge = Math.round(config.session.maxDays * 24 * 60 * 60);
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  reply.setCookie(SIGNED_IN_COOKIE, '1', { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  const secure = config.baseUrl.startsWith('https://');
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  reply.clearCookie(SIGNED_IN_COOKIE, { sameSite: 'lax', secure, path: '/' });
}
