import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { createMailer } from '../../src/features/mail/mailer.js';
import { browser, getMe, linkToken, logIn, nextIp, outboxFor, signUp } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { buildTestApp, useDatabase } from '../helpers/test-app.js';

const MAIL_FROM = 'Milepost <no-reply@example.org>';

describe.each(DIALECTS)('mail on $name', ({ create }) => {
  const env = useDatabase(create);

  describe('with SMTP_URL', () => {
    let smtp: SmtpSink;
    let app: FastifyInstance;
    beforeAll(async () => {
      smtp = await startSmtpSink();
      app = await buildTestApp({ db: env.testDb, env: { SMTP_URL: smtp.url, MAIL_FROM } });
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    const mailTo = (to: string, subject: string) => smtp.messages.filter((m) => m.envelopeTo.includes(to) && m.subject === subject);
    /** Waits for the background sender to deliver a message to `to` with `subject`. */
    const delivered = (to: string, subject: string) =>
      vi.waitFor(
        () => {
          const found = mailTo(to, subject);
          if (found.length === 0) throw new Error(`no "${subject}" to ${to} yet`);
          return found;
        },
        { timeout: 5000, interval: 20 },
      );

    it('sends the verification mail on sign-up, and its link verifies the address', async () => {
      const user = await signUp(app);
      const [mail, ...more] = await delivered(user.email, 'Confirm your email for Milepost');
      expect(more).toEqual([]);
      expect(mail?.headers.get('to')).toContain(user.email);
      expect(mail?.headers.get('from')).toBe(MAIL_FROM);
      expect(mail?.envelopeFrom).toBe('no-reply@example.org');
      const token = linkToken(mail?.text ?? '', '/verify-email');
      expect(mail?.text).toContain(`http://localhost:3000/verify-email?token=${token}`);
      const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', remoteAddress: nextIp(), payload: { token } });
      expect(verify.statusCode).toBe(204);
      expect((await getMe(app, browser(user.session))).json().user.emailVerified).toBe(true);
      // The queue row stays for the record, marked sent, without the text and its link.
      const rows = await outboxFor(env.db, user.email);
      expect(rows.map((r) => ({ subject: r.subject, status: r.status, body_text: r.body_text, attempts: r.attempts }))).toEqual([
        { subject: 'Confirm your email for Milepost', status: 'sent', body_text: '', attempts: 0 },
      ]);
    });

    it('sends the password-reset link, which sets a new password', async () => {
      const user = await signUp(app);
      const request = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        remoteAddress: nextIp(),
        payload: { email: user.email },
      });
      expect(request.statusCode).toBe(202);
      const [mail] = await delivered(user.email, 'Reset your Milepost password');
      expect(mail?.headers.get('to')).toContain(user.email);
      const token = linkToken(mail?.text ?? '', '/reset-password');
      const password = 'reset by mail passphrase 5';
      const confirm = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        remoteAddress: nextIp(),
        payload: { token, password },
      });
      expect(confirm.statusCode).toBe(204);
      expect((await logIn(app, user.email, password)).statusCode).toBe(200);
    });

    it('sends nothing for a reset of an unknown address', async () => {
      const before = smtp.messages.length;
      const email = 'nobody-here@example.org';
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: nextIp(), payload: { email } });
      expect(response.statusCode).toBe(202);
      await app.settle();
      expect(smtp.messages.length).toBe(before);
    });
  });

  describe('without SMTP_URL', () => {
    it('keeps the mail in the outbox table and logs it with its link', async () => {
      const lines: string[] = [];
      const logSource = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
      const appDb = openDatabase(env.testDb.config);
      const mailer = createMailer({ smtpUrl: null, from: MAIL_FROM, db: appDb, log: logSource.log });
      const app = await buildTestApp({ db: env.testDb, deps: { db: appDb, mailer } });
      try {
        const user = await signUp(app);
        const [row] = await outboxFor(env.db, user.email);
        expect(row).toMatchObject({ to_address: user.email, subject: 'Confirm your email for Milepost' });
        await vi.waitFor(() => expect(lines.some((line) => line.includes(user.email))).toBe(true), { timeout: 5000, interval: 20 });
        const token = linkToken(row?.body_text ?? '', '/verify-email');

        const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.mail?.to === user.email);
        expect(logged).toMatchObject({
          level: 30,
          msg: 'mail kept in the outbox (no SMTP_URL set)',
          mail: { subject: 'Confirm your email for Milepost' },
        });
        expect(linkToken(logged.mail.text, '/verify-email')).toBe(token);
      } finally {
        await app.close();
        await appDb.destroy();
        await logSource.close();
      }
    });
  });
});
