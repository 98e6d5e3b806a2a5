/**
 * How much mail anyone can make Milepost send: per recipient, per account and per client address,
 * each in the shared counter store (so every instance counts together through Redis). A mail over
 * any limit is not sent.
 */
import { createHash } from 'node:crypto';
import type { CounterStore } from '../../infra/counter-store.js';

const HOUR_MS = 60 * 60 * 1000;
/** Messages one address can receive in an hour, whatever asked for them. */
export const MAILS_PER_RECIPIENT_PER_HOUR = 5;
/** Messages one account can cause in an hour (email changes, verification links). */
export const MAILS_PER_ACCOUNT_PER_HOUR = 10;
/** Messages one client address can cause in an hour. */
export const MAILS_PER_CLIENT_PER_HOUR = 30;

export interface MailCause {
  /** The account that asked, when someone is signed in. */
  accountId?: string;
  /** The client address of the request. */
  ip: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

export class MailLimits {
  constructor(private readonly counters: CounterStore) {}

  /**
   * Counts one message to `recipients` (all or none) and answers whether it may go: false once any
   * limit is reached. A refused message still counts, so trying harder does not help.
   */
  async allow(recipients: readonly string[], cause: MailCause): Promise<boolean> {
    const keys: [string, number][] = [
      ...recipients.map((to): [string, number] => [`mail-to:${digest(to.toLowerCase())}`, MAILS_PER_RECIPIENT_PER_HOUR]),
      [`mail-ip:${digest(cause.ip)}`, MAILS_PER_CLIENT_PER_HOUR],
    ];
    if (cause.accountId) keys.push([`mail-account:${cause.accountId}`, MAILS_PER_ACCOUNT_PER_HOUR]);
    const counts = await Promise.all(keys.map(([key]) => this.counters.increment(key, HOUR_MS)));
    return counts.every((count, i) => count.count <= keys[i]![1]);
  }
}
