/**
 * Per-account throttling of password checks (sign-in, password change, account deletion). A check
 * is reserved atomically before the password is verified, so that however many guesses arrive at
 * once, at most the allowed number are checked: the first 5 freely, then one after each backoff
 * (1 s, doubling up to 15 minutes), and never more than 100 in an hour. The counts live in the
 * counter store, shared by every instance through Redis.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { CounterStore } from '../../infra/counter-store.js';

const HOUR_MS = 60 * 60 * 1000;
export const FREE_FAILURES = 5;
export const HOURLY_FAILURES = 100;
const MAX_BACKOFF_MS = 15 * 60 * 1000;

const keyOf = (subject: string) => createHash('sha256').update(subject.toLowerCase()).digest('hex').slice(0, 32);

/** A reserved password check: say how it went. */
export interface CheckReservation {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

export class LoginThrottle {
  constructor(private readonly store: CounterStore) {}

  /**
   * Reserves one password check for `subject` (an account's email), or throws `rate_limited` (with
   * Retry-After) when the account must wait. Checks reserved and not yet settled count as failures
   * in the meantime, which is what keeps parallel guesses from seeing a clean slate.
   */
  async reserve(subject: string): Promise<CheckReservation> {
    const key = keyOf(subject);
    const checks = `login-checks:${key}`;
    const allowed = `login-allowed:${key}`;
    const wait = `login-wait:${key}`;
    const waiting = await this.store.get(wait);
    if (waiting.count > 0) {
      throw new AppError('rate_limited', 'Too many failed sign-ins. Wait a moment and try again.', { retryAfterSeconds: waiting.resetInMs / 1000 });
    }
    const reserved = await this.store.increment(checks, HOUR_MS);
    const limit = Math.min(HOURLY_FAILURES, (await this.store.get(allowed)).count || FREE_FAILURES);
    if (reserved.count > limit) {
      // Not checked, so not counted: give the reservation back.
      await this.store.decrement(checks);
      const later = await this.store.get(wait);
      const hourly = reserved.count > HOURLY_FAILURES;
      throw new AppError(
        'rate_limited',
        hourly ? 'Too many failed sign-ins for this account. Try again later.' : 'Too many failed sign-ins. Wait a moment and try again.',
        {
          retryAfterSeconds: Math.max(1, (hourly ? reserved.resetInMs : later.resetInMs || 1000) / 1000),
        },
      );
    }
    const n = reserved.count;
    return {
      succeeded: async () => {
        await Promise.all([this.store.reset(checks), this.store.reset(allowed), this.store.reset(wait)]);
      },
      failed: async () => {
        if (n < FREE_FAILURES) return;
        // One more check after the backoff; the backoff doubles with each failure.
        await this.store.set(wait, 1, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (n - FREE_FAILURES)));
        await this.store.set(allowed, n + 1, HOUR_MS);
      },
    };
  }

  /** Runs `check` (a password verification) behind a reservation; `check` answers whether it passed. */
  async guard(subject: string, check: () => Promise<boolean>): Promise<boolean> {
    const reservation = await this.reserve(subject);
    const ok = await check();
    await (ok ? reservation.succeeded() : reservation.failed());
    return ok;
  }
}
