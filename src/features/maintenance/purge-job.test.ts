import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { createSignedInUser } from '../../../test/helpers/signed-in-user.js';
import { useDatabase } from '../../../test/helpers/test-app.js';
import { loadConfig } from '../../config.js';
import { JobLeaseRepository } from '../../infra/job-lease-repository.js';
import { JobScheduler } from '../../infra/job-scheduler.js';
import { EmailTokenRepository } from '../auth/email-token-repository.js';
import { SessionRepository } from '../auth/session-repository.js';
import { purgeJob } from './purge-job.js';

const DAY = 24 * 60 * 60 * 1000;
const quiet = { info: () => undefined, error: () => undefined };

describe.each(DIALECTS)('scheduled clean-up on $name', ({ create }) => {
  const env = useDatabase(create, { migrated: true });

  it('deletes ended sessions, spent email tokens and mail whose links expired, and keeps the rest', async () => {
    const config = loadConfig({ DATABASE_URL: env.testDb.url });
    const user = await createSignedInUser(env.db);
    const sessions = new SessionRepository(env.db);
    const now = Date.now();
    const iso = (offset: number) => new Date(now + offset).toISOString();
    await sessions.create({ tokenHash: 'past-expiry', userId: user.row.id, expiresAt: iso(-1000), userAgent: '', createdAt: iso(-DAY) });
    await sessions.create({ tokenHash: 'idle', userId: user.row.id, expiresAt: iso(DAY), userAgent: '', createdAt: iso(-31 * DAY) });
    const tokens = new EmailTokenRepository(env.db);
    await tokens.create({ tokenHash: 'expired', userId: user.row.id, purpose: 'reset', email: user.row.email, expiresAt: iso(-1000) });
    await tokens.create({ tokenHash: 'live', userId: user.row.id, purpose: 'verify', email: user.row.email, expiresAt: iso(DAY) });
    const mail = (id: string, createdAt: string, expiresAt: string | null) => ({
      id,
      to_address: 'a@example.org',
      subject: 's',
      body_text: 'a link with a token',
      created_at: createdAt,
      expires_at: expiresAt,
    });
    await env.db
      .insertInto('outbox')
      .values([
        // A reset link mailed 2 hours ago expired an hour ago: its text must not stay in the database.
        mail('expired-link', iso(-2 * 60 * 60 * 1000), iso(-60 * 60 * 1000)),
        mail('live-link', iso(-1000), iso(DAY)),
        // Mail from before expiries were recorded goes after a week.
        mail('old', iso(-8 * DAY), null),
        mail('recent', iso(-3 * DAY), null),
      ])
      .execute();
    const attempt = (id: string, userId: string | null, createdAt: string, expiresAt: string, submittedAt: string | null) => ({
      id,
      user_id: userId,
      roadmap_id: 'backend',
      roadmap_hash: 'h',
      question_ids: '[]',
      created_at: createdAt,
      expires_at: expiresAt,
      submitted_at: submittedAt,
      result: submittedAt ? '{}' : null,
    });
    await env.db
      .insertInto('skill_tests')
      .values([
        attempt('abandoned', null, iso(-3 * 60 * 60 * 1000), iso(-60 * 60 * 1000), null),
        attempt('running', null, iso(-60 * 1000), iso(DAY), null),
        attempt('old-guest-result', null, iso(-31 * DAY), iso(-31 * DAY + 1000), iso(-31 * DAY + 500)),
        attempt('old-account-result', user.row.id, iso(-31 * DAY), iso(-31 * DAY + 1000), iso(-31 * DAY + 500)),
      ])
      .execute();

    const done = await new JobScheduler(env.db, quiet).runNow(purgeJob({ db: env.db, config }));
    // The test user's own session (from createSignedInUser) stays; so do the live token and the mail still of use.
    expect(done).toEqual({ sessions: 2, emailTokens: 1, outbox: 2, skillTests: 2 });
    expect((await env.db.selectFrom('skill_tests').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['old-account-result', 'running']);
    expect((await env.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.row.id).execute()).length).toBe(1);
    expect((await env.db.selectFrom('email_tokens').select('token_hash').execute()).map((r) => r.token_hash)).toEqual(['live']);
    expect((await env.db.selectFrom('outbox').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['live-link', 'recent']);
  });

  it('lets one instance run a job while its lease lasts, however many try at once', async () => {
    const leases = new JobLeaseRepository(env.db);
    const holders = ['a', 'b', 'c', 'd', 'e', 'f'];
    const taken = await Promise.all(holders.map((holder) => leases.tryAcquire('race', holder, 60_000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const winner = holders[taken.indexOf(true)] ?? '';
    expect(await leases.tryAcquire('race', 'late', 60_000)).toBe(false);
    expect(await leases.tryAcquire('race', winner, 60_000)).toBe(true);
    // Once the lease has run out, another instance may take the job over.
    expect(await leases.tryAcquire('race', 'late', 60_000, new Date(Date.now() + 61_000))).toBe(true);

    let runs = 0;
    const job = { name: 'counted', pattern: '0 0 1 1 *', leaseMs: 60_000, run: async () => ({ runs: ++runs }) };
    const schedulers = [new JobScheduler(env.db, quiet), new JobScheduler(env.db, quiet), new JobScheduler(env.db, quiet)];
    const results = await Promise.all(schedulers.map((s) => s.runNow(job)));
    expect(results.filter((r) => r !== null)).toEqual([{ runs: 1 }]);
    expect(runs).toBe(1);
  });
});
