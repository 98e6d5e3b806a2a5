/**
 * The hourly clean-up: ended sessions, used or expired emailed tokens, and kept mail whose links
 * can no longer work (the longest-lived link, email verification, lasts two days).
 */
import type { AppServices } from '../../app-services.js';
import type { JobDefinition } from '../../infra/job-scheduler.js';
import { EmailTokenRepository } from '../auth/email-token-repository.js';
import { SessionRepository } from '../auth/session-repository.js';
import { OutboxRepository } from '../mail/outbox-repository.js';

/** Kept mail older than this holds only dead links. */
export const OUTBOX_KEEP_MS = 2 * 24 * 60 * 60 * 1000;

export function purgeJob(services: Pick<AppServices, 'db' | 'config'>): JobDefinition {
  return {
    name: 'purge',
    pattern: '17 * * * *',
    leaseMs: 10 * 60 * 1000,
    run: async () => {
      const now = new Date();
      return {
        sessions: await new SessionRepository(services.db).purgeExpired(services.config.session, now),
        emailTokens: await new EmailTokenRepository(services.db).purgeSpent(now),
        outbox: await new OutboxRepository(services.db).purgeBefore(new Date(now.getTime() - OUTBOX_KEEP_MS)),
      };
    },
  };
}
