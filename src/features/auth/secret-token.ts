/** Opaque random tokens (256 bits) for sessions, API tokens and emailed links; only hashes are stored. */
import { createHash, randomBytes } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new token and its hash. `prefix` makes tokens recognisable (e.g. `mp_` for API tokens). */
export function newToken(prefix = ''): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}
