/**
 * Outgoing mail, through a queue: a request only adds a row to the `outbox` table (inside its own
 * transaction when it has one), so mail never slows a request down, never makes it fail, and never
 * tells by its timing whether an account exists. A background sender delivers each row: by SMTP
 * with SMTP_URL, retrying with backoff, or without it to the log, where an operator can read it.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';
import { OutboxRepository, type OutboxRow } from './outbox-repository.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailOptions {
  /** When the mail's links stop working; the row is deleted after that (default: one week). */
  expiresAt?: Date;
  /** The transaction the mail belongs to: it is sent only if that transaction commits. */
  db?: Database;
}

export interface Mailer {
  /** Queues a message; resolves once the row is written (not once the mail is sent). */
  send(message: MailMessage, options?: MailOptions): Promise<void>;
  /** Looks for due mail now (after a transaction that queued some has committed). */
  kick(): void;
  /** Mail waiting and mail that could not be sent, for /readyz and operators. */
  depth(): Promise<{ pending: number; failed: number }>;
  close(): Promise<void>;
}

/** Where a queued message finally goes. */
export interface MailTransport {
  deliver(message: MailMessage): Promise<void>;
  /** The status a delivered row gets: `sent` by SMTP, `kept` in the log. */
  readonly deliveredStatus: 'sent' | 'kept';
  close(): Promise<void>;
}

export class SmtpTransport implements MailTransport {
  readonly deliveredStatus = 'sent';
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Short timeouts: a stuck server delays the queue, never a request, but should not hold a sender for minutes.
    const url = new URL(smtpUrl);
    for (const [name, ms] of [
      ['connectionTimeout', '10000'],
      ['greetingTimeout', '10000'],
      ['socketTimeout', '20000'],
    ] as const) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, ms);
    }
    this.transport = nodemailer.createTransport(url.href);
  }

  async deliver(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

export class LogTransport implements MailTransport {
  readonly deliveredStatus = 'kept';

  constructor(private readonly log: FastifyBaseLogger) {}

  async deliver(message: MailMessage): Promise<void> {
    // Without SMTP the log is how an operator reads mail, links included (documented in the README).
    this.log.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'mail kept in the outbox (no SMTP_URL set)');
  }

  async close(): Promise<void> {}
}

const DEFAULT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** How often the sender looks for due mail when nothing told it to. */
const POLL_MS = 5_000;
/** Rows fetched per look. */
const BATCH = 20;
/** Attempts before a message is given up as failed. */
const MAX_ATTEMPTS = 8;
/** The first retry waits this long; each further one twice as long, up to an hour. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60 * 1000;
/** A row claimed for this long without an outcome belonged to a sender that died: it is due again. */
const CLAIM_TIMEOUT_MS = 10 * 60 * 1000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export class QueuedMailer implements Mailer {
  private readonly outbox: OutboxRepository;
  private readonly timer: NodeJS.Timeout;
  private draining: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly transport: MailTransport,
    private readonly log: FastifyBaseLogger,
  ) {
    this.outbox = new OutboxRepository(db);
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  async send(message: MailMessage, options: MailOptions = {}): Promise<void> {
    const now = new Date();
    await new OutboxRepository(options.db ?? this.db).insert({
      id: randomUUID(),
      to_address: message.to,
      subject: message.subject,
      body_text: message.text,
      created_at: now.toISOString(),
      status: 'pending',
      next_attempt_at: now.toISOString(),
      expires_at: (options.expiresAt ?? new Date(now.getTime() + DEFAULT_LIFETIME_MS)).toISOString(),
    });
    // Inside a transaction the row is not visible yet: the caller kicks after it commits.
    if (!options.db) this.kick();
  }

  kick(): void {
    if (this.closed) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  depth(): Promise<{ pending: number; failed: number }> {
    return this.outbox.depth();
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const now = new Date();
        const due = await this.outbox.due(now, new Date(now.getTime() - CLAIM_TIMEOUT_MS), BATCH);
        if (due.length === 0) return;
        for (const row of due) {
          if (this.closed) return;
          if (await this.outbox.claim(row.id, row.claimed_at, now)) await this.deliver(row);
        }
      }
    } catch (err) {
      // The database is away: the next look tries again; nothing is lost, the rows wait.
      this.log.warn({ err }, 'mail queue could not be read');
    }
  }

  private async deliver(row: OutboxRow): Promise<void> {
    try {
      await this.transport.deliver({ to: row.to_address, subject: row.subject, text: row.body_text });
      await this.outbox.delivered(row.id, this.transport.deliveredStatus, new Date());
    } catch (err) {
      const attempts = row.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      const reason = err instanceof Error ? err.message.slice(0, 300) : 'unknown error';
      await this.outbox.retryLater(row.id, attempts, failed ? null : new Date(Date.now() + retryDelayMs(attempts)), reason);
      // The address is personal and the text holds links: neither goes to the log.
      this.log.warn({ mailId: row.id, attempts, reason }, failed ? 'mail could not be sent and was given up' : 'mail could not be sent; will retry');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.draining;
    await this.transport.close();
  }
}

export function createMailer(options: { smtpUrl: string | null; from: string; db: Database; log: FastifyBaseLogger }): Mailer {
  const transport = options.smtpUrl ? new SmtpTransport(options.smtpUrl, options.from) : new LogTransport(options.log);
  return new QueuedMailer(options.db, transport, options.log);
}
