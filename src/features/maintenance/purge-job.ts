/**
 * The hourly clean-up: ended sessions, used or expired emailed tokens, mail whose links can no
 * longer work (each queued mail carries its links' expiry; older rows without one go after a week),
 * skill tests nobody can submit any more, and guests' skill-test results after 30 days.
 */
import type { AppServices } from '../../app-services.js';
import type { JobDefinition } from '../../infra/job-scheduler.js';
import { EmailTokenRepository } from '../auth/email-token-repository.js';
import { SessionRepository } from '../auth/session-repository.js';
import { OutboxRepository } from '../mail/outbox-repository.js';
import { SkillTestRepository } from '../quiz/skill-tests.js';

/** Mail without an expiry of its own is kept this long. */
export const OUTBOX_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

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
        outbox: await new OutboxRepository(services.db).purgeExpired(now, new Date(now.getTime() - OUTBOX_KEEP_MS)),
        skillTests: await new SkillTestRepository(services.db).purge(now),
      };
    },
  };
}
