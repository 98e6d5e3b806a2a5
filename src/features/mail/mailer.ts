/**
 * Outgoing mail. With SMTP_URL it goes out through nodemailer; without it each message is kept
 * in the `outbox` table and its text is logged, so an operator can still follow a link.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

export class OutboxMailer implements Mailer {
  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({ id: randomUUID(), to_address: message.to, subject: message.subject, body_text: message.text, created_at: new Date().toISOString() })
      .execute();
    // Without SMTP the log is how an operator reads mail, links included (documented in the README).
    this.log.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'mail kept in the outbox (no SMTP_URL set)');
  }

  async close(): Promise<void> {}
}

export function createMailer(options: { smtpUrl: string | null; from: string; db: Database; log: FastifyBaseLogger }): Mailer {
  return options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.from) : new OutboxMailer(options.db, options.log);
}
