/** The signed-in user as every feature and page sees it: the account row without its secrets. */
import type { UserRow } from './user-repository.js';

export interface AuthUser {
  id: string;
  email: string;
  emailVerified: boolean;
  /** A new address waiting for confirmation; `email` signs in until then. */
  pendingEmail: string | null;
  name: string;
  username: string | null;
  timeZone: string;
  publicProfile: boolean;
  isAdmin: boolean;
  createdAt: string;
}

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    pendingEmail: row.pending_email,
    name: row.name,
    username: row.username,
    timeZone: row.time_zone,
    publicProfile: row.public_profile === 1,
    isAdmin: row.is_admin === 1,
    createdAt: row.created_at,
  };
}

/** The name to show for a user: their name, or their email when they gave none. */
export function displayName(user: Pick<AuthUser, 'name' | 'email'>): string {
  return user.name.trim() || user.email;
}
