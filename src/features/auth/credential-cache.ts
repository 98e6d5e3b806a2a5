/**
 * Who a session cookie or an API token belongs to, kept in memory so that a signed-in request
 * costs no database read. Whatever changes a user's sessions, tokens or account (sign-out,
 * revocation, a profile edit, deletion) forgets that user's entries here and, through the change
 * feed, in every other instance, before the change is acknowledged.
 */
import type { ChangeFeed } from '../../infra/change-feed.js';
import { UserCache } from '../../infra/user-cache.js';
import type { AuthUser } from './auth-user.js';

export interface CachedSession {
  kind: 'session';
  user: AuthUser;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface CachedToken {
  kind: 'token';
  user: AuthUser;
  tokenId: string;
  lastUsedAt: string | null;
}

export type CachedCredential = CachedSession | CachedToken;

/** Told by repositories whenever a user's credentials or account row change. */
export interface UserChanges {
  /** Resolves once the other instances have been told (through Redis), so a revocation is answered only then. */
  userChanged(userId: string): Promise<void>;
}

const MAX_ENTRIES = 10_000;
/** A safety net only: changes are announced, so an entry is never trusted longer than this. */
const TTL_MS = 60_000;

export class CredentialCache implements UserChanges {
  private readonly cache = new UserCache<CachedCredential>({ max: MAX_ENTRIES, ttlMs: TTL_MS, ownerOf: (c) => c.user.id });

  /** Hits and misses since start. */
  get stats(): { hits: number; misses: number } {
    return this.cache.stats;
  }

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe((change) => {
      if (!change) this.cache.clear();
      else if (change.topic === 'credentials') this.cache.forgetUser(change.userId);
    });
  }

  session(tokenHash: string, read: () => Promise<CachedSession | undefined>): Promise<CachedSession | undefined> {
    if (!this.feed.live()) return read();
    return this.cache.load(`session:${tokenHash}`, read) as Promise<CachedSession | undefined>;
  }

  token(tokenHash: string, read: () => Promise<CachedToken | undefined>): Promise<CachedToken | undefined> {
    if (!this.feed.live()) return read();
    return this.cache.load(`token:${tokenHash}`, read) as Promise<CachedToken | undefined>;
  }

  async userChanged(userId: string): Promise<void> {
    this.cache.forgetUser(userId);
    await this.feed.publish({ topic: 'credentials', userId });
  }

  get size(): number {
    return this.cache.size;
  }
}
