/**
 * Everything that works by an emailed link: confirming an address, resetting a password, changing
 * the address (confirmed from the new one, revertible from the old one for 7 days), and the notice
 * to an address someone tried to sign up with. Mail is queued, never sent in the request; work
 * that depends on whether an account exists runs after the answer, so the answer takes the same
 * time either way. Every message counts against the mail limits.
 */
import type { AppServices } from '../../app-services.js';
import { isUniqueViolation, type Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { normalizeEmail } from '../../shared/email.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { MailLimits, type MailCause } from '../mail/mail-limits.js';
import type { AuthService } from './auth-service.js';
import { EmailTokenRepository, type EmailPurpose } from './email-token-repository.js';
import { passwordProblem, hashPassword } from './password.js';
import { hashToken, newToken } from './secret-token.js';
import { UserRepository, type UserRow } from './user-repository.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
export const LINK_LIFETIME_MS: Record<EmailPurpose, number> = { verify: 2 * DAY_MS, reset: HOUR_MS, change: 2 * DAY_MS, revert: 7 * DAY_MS };
export const RESETS_PER_EMAIL_PER_HOUR = 3;

/** Who asked: the client address counts against the mail limits. */
export interface RequestOrigin {
  ip: string;
  userAgent: string;
}

const TOO_MUCH_MAIL = 'Too many emails were sent for this account or address recently. Try again in an hour.';

export class EmailLinkService {
  private readonly users: UserRepository;
  private readonly tokens: EmailTokenRepository;
  private readonly limits: MailLimits;

  constructor(
    private readonly services: AppServices,
    private readonly auth: AuthService,
  ) {
    this.users = new UserRepository(services.db, services.credentials);
    this.tokens = new EmailTokenRepository(services.db);
    this.limits = new MailLimits(services.counters);
  }

  private link(path: string, token: string): string {
    return `${this.services.config.baseUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  /** Creates a token for `purpose` and queues its mail, both in `db` (a transaction when given one). */
  private async queueLink(
    db: Database,
    user: UserRow,
    purpose: EmailPurpose,
    to: string,
    mail: (token: string) => { subject: string; text: string },
  ) {
    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS[purpose]);
    await new EmailTokenRepository(db).create({ tokenHash: hash, userId: user.id, purpose, email: to, expiresAt: expiresAt.toISOString() });
    await this.services.mailer.send({ to, ...mail(token) }, { db, expiresAt });
  }

  /** Runs `work` in one transaction, then lets the mail queue send what it queued. */
  private async inTransaction<T>(work: (trx: Database) => Promise<T>): Promise<T> {
    const result = await this.services.db.transaction().execute(work);
    this.services.mailer.kick();
    return result;
  }

  /** Queues the verification mail of a new account, in the sign-up's transaction. */
  queueVerification(user: UserRow, db: Database): Promise<void> {
    return this.queueLink(db, user, 'verify', user.email, (token) => ({
      subject: 'Confirm your email for Milepost',
      text: `Welcome to Milepost.\n\nConfirm your email address by opening this link within two days:\n${this.link('/verify-email', token)}\n\nIf you did not create an account, ignore this message.`,
    }));
  }

  /** Sends a new verification link (older ones stop working); `rate_limited` past the mail limits. */
  async resendVerification(user: UserRow, origin: RequestOrigin): Promise<void> {
    if (user.email_verified_at) return;
    if (!(await this.limits.allow([user.email], this.cause(origin, user))))
      throw new AppError('rate_limited', TOO_MUCH_MAIL, { retryAfterSeconds: 3600 });
    await this.inTransaction(async (trx) => {
      await new EmailTokenRepository(trx).invalidate(user.id, ['verify']);
      await this.queueVerification(user, trx);
    });
  }

  /** Tells an address that someone tried to sign up with it; within the limits, after the answer. */
  noticeSignupAttempt(email: string, origin: RequestOrigin): void {
    this.services.background.run('sign-up notice', async () => {
      if (!(await this.limits.allow([email], this.cause(origin)))) return;
      await this.services.mailer.send({
        to: email,
        subject: 'Someone tried to sign up with your address',
        text: 'Someone tried to create a Milepost account with this email address, which already has one. If it was you, sign in instead or reset your password. If not, you can ignore this message.',
      });
    });
  }

  /**
   * Always answers the same way, in the same time: the per-address limit is counted for every
   * address, and the lookup and the mail happen after the answer. A new link makes older ones void.
   */
  async requestPasswordReset(rawEmail: string, origin: RequestOrigin): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const limit = 'Too many reset requests for this address. Try again later.';
    await consumeLimit(this.services.counters, `reset:${hashToken(email)}`, RESETS_PER_EMAIL_PER_HOUR, HOUR_MS, limit);
    this.services.background.run('password reset request', async () => {
      const user = await this.users.findByEmail(email);
      if (!user || !(await this.limits.allow([email], this.cause(origin)))) return;
      await this.inTransaction(async (trx) => {
        await new EmailTokenRepository(trx).invalidate(user.id, ['reset']);
        await this.queueLink(trx, user, 'reset', email, (token) => ({
          subject: 'Reset your Milepost password',
          text: `Someone asked to reset the password of your Milepost account.\n\nTo choose a new password, open this link within an hour:\n${this.link('/reset-password', token)}\n\nIf you did not ask for this, ignore this message; your password stays the same.`,
        }));
      });
    });
  }

  /**
   * Sets the new password. Every other reset link stops working, and every session and API token
   * of the account is ended: whoever might have been signed in is not any more.
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    // The policy is checked before the token is used up, so a refused password can be retried.
    const pending = await this.tokens.findUsable(hashToken(token), ['reset']);
    const problem = pending ? passwordProblem(password, pending.email) : null;
    if (problem) throw new AppError('weak_password', problem);
    const row = await this.tokens.consume(hashToken(token), ['reset']);
    const user = row ? await this.users.findById(row.user_id) : undefined;
    if (!row || !user || user.email !== row.email) throw new AppError('invalid_token');
    await this.users.update(user.id, {
      password_hash: await hashPassword(password),
      email_verified_at: user.email_verified_at ?? new Date().toISOString(),
    });
    await this.tokens.invalidate(user.id, ['reset']);
    await this.auth.signOutEverywhere(user.id);
  }

  /**
   * Uses a link from a verification or address-change mail. A change link makes the new address
   * the login address, if no other account took it meanwhile.
   */
  async verifyEmail(token: string): Promise<'verified' | 'changed'> {
    const row = await this.tokens.consume(hashToken(token), ['verify', 'change']);
    const user = row ? await this.users.findById(row.user_id) : undefined;
    if (!row || !user) throw new AppError('invalid_token');
    const now = new Date().toISOString();
    if (row.purpose === 'verify') {
      if (user.email !== row.email) throw new AppError('invalid_token');
      await this.users.update(user.id, { email_verified_at: now });
      return 'verified';
    }
    if (user.pending_email !== row.email) throw new AppError('invalid_token');
    try {
      await this.users.update(user.id, { email: row.email, pending_email: null, email_verified_at: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('email_taken', 'Another account now uses this address, so it cannot become yours.');
      throw error;
    }
    await this.tokens.invalidate(user.id, ['change', 'reset']);
    return 'changed';
  }

  /**
   * Starts an address change (the caller has checked the password): the new address gets a link that
   * makes it the login address, and the current one a notice with a link that undoes the change
   * for 7 days. Until the new address is confirmed, the current one stays the login address.
   */
  async requestEmailChange(user: UserRow, rawEmail: string, origin: RequestOrigin): Promise<void> {
    const email = normalizeEmail(rawEmail);
    if (email === user.email) {
      await this.cancelEmailChange(user.id);
      return;
    }
    const taken = await this.users.findByEmail(email);
    if (taken) throw new AppError('email_taken', 'Another account uses this email address.');
    if (!(await this.limits.allow([email, user.email], this.cause(origin, user)))) {
      throw new AppError('rate_limited', TOO_MUCH_MAIL, { retryAfterSeconds: 3600 });
    }
    await this.inTransaction(async (trx) => {
      await new UserRepository(trx).update(user.id, { pending_email: email });
      await new EmailTokenRepository(trx).invalidate(user.id, ['change']);
      await this.queueLink(trx, user, 'change', email, (token) => ({
        subject: 'Confirm your new email for Milepost',
        text: `Someone asked to make this the email address of a Milepost account.\n\nTo confirm, open this link within two days:\n${this.link('/verify-email', token)}\n\nUntil then the account keeps its current address. If you did not ask for this, ignore this message.`,
      }));
      await this.queueLink(trx, user, 'revert', user.email, (token) => ({
        subject: 'The email address of your Milepost account is changing',
        text: `Someone signed in to your Milepost account asked to change its email address to ${email}.\n\nIf that was you, there is nothing to do.\n\nIf it was not you, open this link within seven days to keep this address, sign out every session and revoke every API token:\n${this.link('/revert-email', token)}\n\nThen choose a new password with "Forgot password".`,
      }));
    });
    await this.services.credentials.userChanged(user.id);
  }

  /** Drops a pending address change; its links stop working. */
  async cancelEmailChange(userId: string): Promise<void> {
    await this.users.update(userId, { pending_email: null });
    await this.tokens.invalidate(userId, ['change']);
  }

  /**
   * Undoes an address change from the link mailed to the old address: the old address is the
   * login address again, pending links stop working, and every session and API token ends.
   */
  async revertEmailChange(token: string): Promise<void> {
    const row = await this.tokens.consume(hashToken(token), ['revert']);
    const user = row ? await this.users.findById(row.user_id) : undefined;
    if (!row || !user) throw new AppError('invalid_token');
    try {
      await this.users.update(user.id, { email: row.email, pending_email: null, email_verified_at: new Date().toISOString() });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('email_taken', 'Another account now uses your old address, so it cannot come back.');
      throw error;
    }
    await this.tokens.invalidate(user.id, ['change', 'reset', 'revert']);
    await this.auth.signOutEverywhere(user.id);
  }

  private cause(origin: RequestOrigin, user?: UserRow): MailCause {
    return user ? { ip: origin.ip, accountId: user.id } : { ip: origin.ip };
  }
}
