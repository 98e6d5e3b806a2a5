/**
 * Sign-up, sign-in, sessions, email verification and password reset. Knows nothing of HTTP;
 * answers for known and unknown emails take the same path and the same time.
 */
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { normalizeEmail } from '../../shared/email.js';
import { UserRepository, type UserRow } from './user-repository.js';
import { EmailTokenRepository, type EmailPurpose } from './email-token-repository.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password.js';
import { newToken, hashToken } from './secret-token.js';
import { SessionRepository } from './session-repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_LIFETIME_MS: Record<EmailPurpose, number> = { verify: 2 * DAY_MS, reset: 60 * 60 * 1000 };
const RESETS_PER_EMAIL_PER_HOUR = 3;

export class AuthService {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  private readonly emailTokens: EmailTokenRepository;
  private readonly throttle: LoginThrottle;

  constructor(private readonly services: AppServices) {
    this.users = new UserRepository(services.db, services.credentials);
    this.sessions = new SessionRepository(services.db, services.credentials);
    this.emailTokens = new EmailTokenRepository(services.db);
    this.throttle = new LoginThrottle(services.counters);
  }

  /** Starts a session and returns its token (to be set as a cookie). */
  async createSession(userId: string, userAgent: string): Promise<string> {
    const { token, hash } = newToken();
    const now = Date.now();
    const expiresAt = new Date(now + this.services.config.session.maxDays * DAY_MS).toISOString();
    await this.sessions.create({ tokenHash: hash, userId, expiresAt, userAgent, createdAt: new Date(now).toISOString() });
    return token;
  }

  async signup(input: { email: string; password: string; name?: string }, userAgent: string): Promise<{ user: UserRow; sessionToken: string }> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AppError('weak_password', problem);
    const passwordHash = await hashPassword(input.password);
    if (await this.users.findByEmail(email)) {
      await this.sendMail(
        email,
        'Someone tried to sign up with your address',
        'Someone tried to create a Milepost account with this email address, which already has one. If it was you, sign in instead or reset your password. If not, you can ignore this message.',
      );
      throw new AppError('email_taken');
    }
    let user: UserRow;
    try {
      user = await this.users.insert({ email, passwordHash, name: input.name?.trim() ?? '' });
    } catch {
      throw new AppError('email_taken');
    }
    await this.sendVerification(user);
    return { user, sessionToken: await this.createSession(user.id, userAgent) };
  }

  async login(input: { email: string; password: string }, userAgent: string): Promise<{ user: UserRow; sessionToken: string }> {
    const email = normalizeEmail(input.email);
    await this.throttle.check(email);
    const user = await this.users.findByEmail(email);
    const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email);
      throw new AppError('invalid_credentials');
    }
    await this.throttle.recordSuccess(email);
    return { user, sessionToken: await this.createSession(user.id, userAgent) };
  }

  async logout(sessionHash: string): Promise<void> {
    await this.sessions.delete(sessionHash);
  }

  /** Ends every session of the user (keeping `keep` when given). */
  async signOutEverywhere(userId: string, keep?: string): Promise<void> {
    await this.sessions.deleteForUser(userId, keep);
  }

  async changePassword(user: UserRow, current: string, next: string, keepSession: string | null): Promise<void> {
    if (!(await verifyPassword(user.password_hash, current))) throw new AppError('invalid_credentials', 'The current password is not correct.');
    const problem = passwordProblem(next, user.email);
    if (problem) throw new AppError('weak_password', problem);
    await this.users.update(user.id, { password_hash: await hashPassword(next) });
    await this.sessions.deleteForUser(user.id, keepSession ?? undefined);
  }

  /** Always resolves the same way; mails a link only when the account exists. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const attempts = await this.services.counters.increment(`reset:${hashToken(email)}`, 60 * 60 * 1000);
    if (attempts.count > RESETS_PER_EMAIL_PER_HOUR) {
      throw new AppError('rate_limited', 'Too many reset requests for this address. Try again later.', {
        retryAfterSeconds: attempts.resetInMs / 1000,
      });
    }
    const user = await this.users.findByEmail(email);
    const { token, hash } = newToken();
    if (!user) {
      await hashPassword(token);
      return;
    }
    await this.emailTokens.create({
      tokenHash: hash,
      userId: user.id,
      purpose: 'reset',
      email,
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS.reset).toISOString(),
    });
    await hashPassword(token);
    const link = `${this.services.config.baseUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await this.sendMail(
      email,
      'Reset your Milepost password',
      `Someone asked to reset the password of your Milepost account.\n\nTo choose a new password, open this link within an hour:\n${link}\n\nIf you did not ask for this, ignore this message; your password stays the same.`,
    );
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    // The policy is checked before the token is used up, so a refused password can be retried.
    const pending = await this.emailTokens.findUsable(hashToken(token), 'reset');
    const problem = pending ? passwordProblem(password, pending.email) : null;
    if (problem) throw new AppError('weak_password', problem);
    const row = await this.emailTokens.consume(hashToken(token), 'reset');
    const user = row ? await this.users.findById(row.user_id) : undefined;
    if (!row || !user || user.email !== row.email) throw new AppError('invalid_token');
    await this.users.update(user.id, {
      password_hash: await hashPassword(password),
      email_verified_at: user.email_verified_at ?? new Date().toISOString(),
    });
    await this.sessions.deleteForUser(user.id);
  }

  async sendVerification(user: UserRow): Promise<void> {
    const { token, hash } = newToken();
    await this.emailTokens.create({
      tokenHash: hash,
      userId: user.id,
      purpose: 'verify',
      email: user.email,
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS.verify).toISOString(),
    });
    const link = `${this.services.config.baseUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await this.sendMail(
      user.email,
      'Confirm your email for Milepost',
      `Welcome to Milepost.\n\nConfirm your email address by opening this link within two days:\n${link}\n\nIf you did not create an account, ignore this message.`,
    );
  }

  async verifyEmail(token: string): Promise<void> {
    const row = await this.emailTokens.consume(hashToken(token), 'verify');
    const user = row ? await this.users.findById(row.user_id) : undefined;
    if (!row || !user || user.email !== row.email) throw new AppError('invalid_token');
    await this.users.update(user.id, { email_verified_at: new Date().toISOString() });
  }

  private async sendMail(to: string, subject: string, text: string): Promise<void> {
    await this.services.mailer.send({ to, subject, text });
  }
}
