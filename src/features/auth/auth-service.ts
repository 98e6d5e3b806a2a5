/**
 * Sign-up, sign-in, sessions and passwords. Knows nothing of HTTP. Every password check goes
 * through the per-account throttle, reserved before the password is verified; answers for known and
 * unknown emails take the same path. The emailed links (verification, reset, address change) are
 * in `email-link-service.ts`.
 */
import type { AppServices } from '../../app-services.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { normalizeEmail } from '../../shared/email.js';
import { EmailLinkService, type RequestOrigin } from './email-link-service.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password.js';
import { newToken } from './secret-token.js';
import { ApiTokenRepository, SessionRepository } from './session-repository.js';
import { UserRepository, type UserRow } from './user-repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SignedIn {
  user: UserRow;
  /** The new session's token, to be set as the cookie. */
  sessionToken: string;
}

export class AuthService {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly links: EmailLinkService;
  private readonly tokens: ApiTokenRepository;
  private readonly throttle: LoginThrottle;

  constructor(private readonly services: AppServices) {
    this.users = new UserRepository(services.db, services.credentials);
    this.sessions = new SessionRepository(services.db, services.credentials);
    this.tokens = new ApiTokenRepository(services.db, services.credentials);
    this.throttle = new LoginThrottle(services.counters);
    this.links = new EmailLinkService(services, this);
  }

  /** Starts a session and returns its token (to be set as a cookie). */
  async createSession(userId: string, userAgent: string, sessions = this.sessions): Promise<string> {
    const { token, hash } = newToken();
    const now = Date.now();
    const expiresAt = new Date(now + this.services.config.session.maxDays * DAY_MS).toISOString();
    await sessions.create({ tokenHash: hash, userId, expiresAt, userAgent, createdAt: new Date(now).toISOString() });
    return token;
  }

  /**
   * Creates the account, its first session and its verification mail in one transaction: either
   * all of it exists afterwards or none of it. An address that has an account gets a notice
   * instead (within the mail limits) and the caller gets `email_taken`.
   */
  async signup(input: { email: string; password: string; name?: string }, origin: RequestOrigin): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    const problem = passwordProblem(input.password, email);
    if (problem) throw new AppError('weak_password', problem);
    const passwordHash = await hashPassword(input.password);
    if (await this.users.findByEmail(email)) {
      this.links.noticeSignupAttempt(email, origin);
      throw new AppError('email_taken');
    }
    try {
      const signedIn = await this.services.db.transaction().execute(async (trx) => {
        const user = await new UserRepository(trx).insert({ email, passwordHash, name: input.name?.trim() ?? '' });
        const sessionToken = await this.createSession(user.id, origin.userAgent, new SessionRepository(trx));
        await this.links.queueVerification(user, trx);
        return { user, sessionToken };
      });
      this.services.mailer.kick();
      return signedIn;
    } catch (error) {
      // Two sign-ups with one address at once: the second finds it taken.
      if (isUniqueViolation(error)) throw new AppError('email_taken');
      throw error;
    }
  }

  async login(input: { email: string; password: string }, userAgent: string): Promise<SignedIn> {
    const email = normalizeEmail(input.email);
    let user: UserRow | undefined;
    const ok = await this.throttle.guard(email, async () => {
      user = await this.users.findByEmail(email);
      return user ? verifyPassword(user.password_hash, input.password) : verifyAgainstDummy(input.password);
    });
    if (!ok || !user) throw new AppError('invalid_credentials');
    // Only after the password: the refusal tells nothing to someone who does not know it.
    if (user.disabled_at !== null) throw new AppError('account_disabled');
    return { user, sessionToken: await this.createSession(user.id, userAgent) };
  }

  /**
   * Checks the password of a signed-in user before a sensitive change, under the same per-account
   * throttle as sign-in; throws `invalid_credentials` (or `rate_limited`).
   */
  async confirmPassword(user: UserRow, password: string, message = 'The password is not correct.'): Promise<void> {
    const ok = await this.throttle.guard(user.email, () => verifyPassword(user.password_hash, password));
    if (!ok) throw new AppError('invalid_credentials', message);
  }

  async logout(sessionHash: string): Promise<void> {
    await this.sessions.delete(sessionHash);
  }

  /** Ends every session and revokes every API token of the user: nothing signed in survives. */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.sessions.deleteForUser(userId);
    await this.tokens.deleteForUser(userId);
  }

  /**
   * Changes the password after checking the current one. Every session ends, the current one
   * included, and a new session replaces it: its token is returned for the cookie. API tokens stay
   * (they are listed on the account page, and "sign out everywhere" revokes them).
   */
  async changePassword(user: UserRow, current: string, next: string, userAgent: string): Promise<string> {
    await this.confirmPassword(user, current, 'The current password is not correct.');
    const problem = passwordProblem(next, user.email);
    if (problem) throw new AppError('weak_password', problem);
    await this.users.update(user.id, { password_hash: await hashPassword(next) });
    await this.sessions.deleteForUser(user.id);
    return this.createSession(user.id, userAgent);
  }
}
