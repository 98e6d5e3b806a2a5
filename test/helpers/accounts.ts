/**
 * Accounts through the HTTP API, as a browser or a script would use them: sign-up, sign-in,
 * cookies, API tokens and the mail a user receives.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, vi } from 'vitest';
import type { Database } from '../../src/db/database.js';

/** The default BASE_URL's origin: what a page of the site sends as `Origin`. */
export const ORIGIN = 'http://localhost:3000';
/** A password the policy accepts. */
export const PASSWORD = 'correct horse battery staple 42';

let lastIp = 0;

/** A client address no other request of this test process has used, so per-address limits never couple tests. */
export function nextIp(): string {
  lastIp += 1;
  return `10.${process.pid % 250}.${(lastIp >> 8) & 255}.${lastIp & 255}`;
}

/** An email address nobody has signed up with. */
export function uniqueEmail(label = 'learner'): string {
  return `${label}-${randomBytes(6).toString('hex')}@example.org`;
}

/** The session token a response sets as the `mp_session` cookie; undefined when none (or when cleared). */
export function sessionTokenOf(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === 'mp_session');
  return cookie?.value ? cookie.value : undefined;
}

/** Headers of a request from a page of the site, carrying the session cookie. */
export function browser(sessionToken: string, origin = ORIGIN): Record<string, string> {
  return { cookie: `mp_session=${sessionToken}`, origin };
}

/** Headers of a script using a personal API token. */
export function bearer(apiToken: string): Record<string, string> {
  return { authorization: `Bearer ${apiToken}` };
}

export interface SignedUp {
  id: string;
  email: string;
  password: string;
  /** The session token from the sign-up's cookie. */
  session: string;
}

/** Creates an account through POST /auth/signup (from a fresh address) and returns its session. */
export async function signUp(app: FastifyInstance, input: { email?: string; password?: string; name?: string } = {}): Promise<SignedUp> {
  const email = input.email ?? uniqueEmail();
  const password = input.password ?? PASSWORD;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    remoteAddress: nextIp(),
    payload: { email, password, ...(input.name === undefined ? {} : { name: input.name }) },
  });
  expect(response.statusCode, response.body).toBe(201);
  const session = sessionTokenOf(response);
  if (!session) throw new Error('sign-up set no session cookie');
  return { id: response.json().user.id, email, password, session };
}

/** POST /auth/login from the given address (a fresh one by default). */
export function logIn(app: FastifyInstance, email: string, password: string, remoteAddress = nextIp()): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });
}

/** GET /me with the given headers. */
export function getMe(app: FastifyInstance, headers: Record<string, string>): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url: '/api/v1/me', headers });
}

/** Creates a personal API token for a signed-in user and returns the secret and its id. */
export async function createApiToken(app: FastifyInstance, sessionToken: string, name = 'script'): Promise<{ token: string; id: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: browser(sessionToken), payload: { name } });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  return { token: body.token, id: body.info.id };
}

/** Asserts the documented error shape and code. */
export function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/json');
  const { issues: _issues, ...error } = (response.json() as { error: { issues?: unknown } }).error;
  expect({ error }).toEqual({ error: { code, message: expect.any(String) } });
}

/** Mail kept in the outbox table (no SMTP_URL) for one address, oldest first. */
export function outboxFor(db: Database, to: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
}

/** The `token` query parameter of the first link to `path` (e.g. `/verify-email`) in a mail's text. */
export function linkToken(text: string, path: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === path);
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`no ${path} link in:\n${text}`);
  return token;
}

/**
 * The token of the newest outbox mail to `to` whose link goes to `path`, waiting (up to 5 s) for it:
 * mail is queued by work that may finish after the answer.
 */
export function mailedToken(db: Database, to: string, path: string): Promise<string> {
  return vi.waitFor(
    async () => {
      const mails = await outboxFor(db, to);
      const mail = mails.reverse().find((m) => m.body_text.includes(path));
      if (!mail) throw new Error(`no mail to ${to} with a ${path} link`);
      return linkToken(mail.body_text, path);
    },
    { timeout: 5000, interval: 20 },
  );
}

/** Waits (up to 5 s) until `to` has `count` mails in the outbox, and returns them, oldest first. */
export function outboxCount(db: Database, to: string, count: number) {
  return vi.waitFor(
    async () => {
      const mails = await outboxFor(db, to);
      if (mails.length < count) throw new Error(`${mails.length} of ${count} mails to ${to}`);
      return mails;
    },
    { timeout: 5000, interval: 20 },
  );
}
