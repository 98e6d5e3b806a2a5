/**
 * Signed-in users for HTTP tests, written straight to the database: a user row, a session
 * (sent as the `mp_session` cookie with a same-site Origin) and a personal API token.
 */
import type { Database } from '../../src/db/database.js';
import { newToken } from '../../src/features/auth/secret-token.js';
import { ApiTokenRepository, SessionRepository } from '../../src/features/auth/session-repository.js';
import { UserRepository, type UserRow } from '../../src/features/auth/user-repository.js';

export const TEST_ORIGIN = 'http://localhost:3000';

export interface TestUser {
  row: UserRow;
  /** Headers of a browser request riding on the session cookie (the Origin passes the CSRF check). */
  session: Record<string, string>;
  /** Headers of an API client using a personal token. */
  bearer: Record<string, string>;
}

let serial = 0;

export interface TestUserOptions {
  name?: string;
  username?: string;
  timeZone?: string;
  publicProfile?: boolean;
}

export async function createSignedInUser(db: Database, options: TestUserOptions = {}): Promise<TestUser> {
  serial += 1;
  const users = new UserRepository(db);
  const inserted = await users.insert({
    email: `learner-${serial}-${Date.now()}@example.org`,
    passwordHash: 'not-a-real-hash',
    name: options.name ?? '',
    emailVerified: true,
  });
  await users.update(inserted.id, {
    username: options.username ?? null,
    time_zone: options.timeZone ?? 'UTC',
    public_profile: options.publicProfile ? 1 : 0,
  });
  const row = await users.findById(inserted.id);
  if (!row) throw new Error('test user vanished');

  const session = newToken();
  await new SessionRepository(db).create({
    tokenHash: session.hash,
    userId: row.id,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    userAgent: 'vitest',
  });
  const api = newToken('mp_');
  await new ApiTokenRepository(db).create({ userId: row.id, name: 'tests', tokenHash: api.hash, prefix: api.token.slice(0, 8) });
  return {
    row,
    session: { cookie: `mp_session=${session.token}`, origin: TEST_ORIGIN },
    bearer: { authorization: `Bearer ${api.token}` },
  };
}
