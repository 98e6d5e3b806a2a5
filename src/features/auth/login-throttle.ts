/**
 * Per-account protection against password guessing: after 5 failures each further attempt
 * waits twice as long (up to 15 minutes), and 100 failures in an hour lock the account's
 * sign-in until the hour ends. Counts live in the shared counter store.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { CounterStore } from '../../infra/counter-store.js';

const HOUR_MS = 60 * 60 * 1000;
export const FREE_FAILURES = 5;
export const HOURLY_FAILURES = 100;
const MAX_BACKOFF_MS = 15 * 60 * 1000;

const keyOf = (email: string) => createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);

export class LoginThrottle {
  constructor(private readonly store: CounterStore) {}

  /** Throws `rate_limited` (with Retry-After) while the account must wait. */
  async check(email: string): Promise<void> {
    const key = keyOf(email);
    const failures = await this.store.get(`login-fail:${key}`);
    if (failures.count >= HOURLY_FAILURES) {
      throw new AppError('rate_limited', 'Too many failed sign-ins for this account. Try again later.', {
        retryAfterSeconds: failures.resetInMs / 1000,
      });
    }
    const wait = await this.store.get(`login-wait:${key}`);
    if (wait.count > 0)
      throw new AppError('rate_limited', 'Too many failed sign-ins. Wait a moment and try again.', { retryAfterSeconds: wait.resetInMs / 1000 });
  }

  async recordFailure(email: string): Promise<void> {
    const key = keyOf(email);
    const { count } = await this.store.increment(`login-fail:${key}`, HOUR_MS);
    if (count >= FREE_FAILURES) {
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (count - FREE_FAILURES));
      await this.store.increment(`login-wait:${key}`, backoff);
    }
  }

  async recordSuccess(email: string): Promise<void> {
    const key = keyOf(email);
    await this.store.reset(`login-fail:${key}`);
    await this.store.reset(`login-wait:${key}`);
  }
}
