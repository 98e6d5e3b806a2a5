/**
 * The one-time hand-over of a new API token from its POST to the page that shows it: an HttpOnly,
 * SameSite=Strict cookie on /account that lives five minutes at most and is cleared when read.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';

const NEW_TOKEN_COOKIE = 'mp_new_token';
const OPTIONS = (config: Config) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: config.baseUrl.startsWith('https://'),
  path: '/account',
});

export interface NewToken {
  name: string;
  token: string;
}

export function setNewTokenCookie(reply: FastifyReply, config: Config, value: NewToken): void {
  reply.setCookie(NEW_TOKEN_COOKIE, Buffer.from(JSON.stringify(value)).toString('base64url'), { ...OPTIONS(config), maxAge: 300 });
}

/** The token waiting to be shown, if any; the cookie is cleared either way. */
export function takeNewToken(request: FastifyRequest, reply: FastifyReply, config: Config): NewToken | undefined {
  const raw = (request.cookies as Record<string, string | undefined>)[NEW_TOKEN_COOKIE];
  if (raw === undefined) return undefined;
  reply.clearCookie(NEW_TOKEN_COOKIE, OPTIONS(config));
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<NewToken>;
    if (typeof value.name === 'string' && typeof value.token === 'string' && /^mp_[A-Za-z0-9_-]+$/.test(value.token))
      return { name: value.name, token: value.token };
  } catch {
    // A malformed cookie shows nothing.
  }
  return undefined;
}
