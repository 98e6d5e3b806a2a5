/** Account settings, personal API tokens, data export and deletion. No HTTP in here. */
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { isKnownTimeZone } from '../../shared/calendar-date.js';
import { AuthService } from '../auth/auth-service.js';
import type { RequestOrigin } from '../auth/email-link-service.js';
import { isUniqueViolation } from '../../db/database.js';
import { newToken } from '../auth/secret-token.js';
import { ApiTokenRepository } from '../auth/session-repository.js';
import { TeamService } from '../teams/team-service.js';
import { AccountExportRepository } from './account-export-repository.js';
import type { PatchMeBody } from './schema.js';
import { normalizeEmail } from '../../shared/email.js';
import { UserRepository, type UserRow } from '../auth/user-repository.js';

export class AccountService {
  private readonly users: UserRepository;
  private readonly tokens: ApiTokenRepository;
  private readonly exports: AccountExportRepository;
  private readonly teams: TeamService;
  readonly auth: AuthService;

  constructor(services: AppServices) {
    this.users = new UserRepository(services.db, services.credentials);
    this.tokens = new ApiTokenRepository(services.db, services.credentials);
    this.exports = new AccountExportRepository(services.db);
    this.teams = new TeamService(services);
    this.auth = new AuthService(services);
  }

  async get(userId: string): Promise<UserRow> {
    const user = await this.users.findById(userId);
    if (!user) throw new AppError('unauthenticated');
    return user;
  }

  /**
   * Changes profile fields. A new email address is not set here: it needs the current password and
   * starts an address change (see `EmailLinkService.requestEmailChange`), which ends with the new
   * address confirmed; until then the answer shows it as `pendingEmail`.
   */
  async update(userId: string, patch: PatchMeBody, origin: RequestOrigin): Promise<UserRow> {
    const user = await this.get(userId);
    const changes: Parameters<UserRepository['update']>[1] = {};
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.timeZone !== undefined) {
      if (!isKnownTimeZone(patch.timeZone)) throw new AppError('invalid_input', `Unknown time zone "${patch.timeZone}".`);
      changes.time_zone = patch.timeZone;
    }
    if (patch.publicProfile !== undefined) changes.public_profile = patch.publicProfile ? 1 : 0;
    if (patch.username !== undefined && patch.username !== user.username) {
      const taken = patch.username ? await this.users.findByUsername(patch.username) : undefined;
      if (taken && taken.id !== userId) throw new AppError('username_taken');
      changes.username = patch.username;
    }
    const newEmail = patch.email !== undefined && normalizeEmail(patch.email) !== user.email ? patch.email : null;
    if (newEmail !== null && patch.currentPassword === undefined) {
      throw new AppError('invalid_input', 'Changing the email address needs the current password (currentPassword).');
    }
    const finalUsername = changes.username !== undefined ? changes.username : user.username;
    const finalPublic = changes.public_profile ?? user.public_profile;
    if (finalPublic === 1 && !finalUsername) throw new AppError('invalid_input', 'A public profile needs a username.');
    // The password is checked first, so that a wrong one changes nothing at all.
    if (newEmail !== null) await this.auth.confirmPassword(user, patch.currentPassword ?? '');
    if (Object.keys(changes).length > 0) {
      try {
        await this.users.update(userId, changes);
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('username_taken');
        throw error;
      }
    }
    if (newEmail !== null) await this.auth.links.requestEmailChange(await this.get(userId), newEmail, origin);
    return this.get(userId);
  }

  /** Deletes the account and everything attached to it, after checking the password (throttled like sign-in). */
  async delete(userId: string, password: string): Promise<void> {
    const user = await this.get(userId);
    await this.auth.confirmPassword(user, password);
    await this.remove(userId);
  }

  /** Deletes the account once the caller has the right to (its owner's password, or an administrator). */
  async remove(userId: string): Promise<void> {
    await this.teams.handOverTeamsOf(userId);
    await this.users.delete(userId);
  }

  async export(userId: string) {
    const user = await this.get(userId);
    return this.exports.collect(user);
  }

  listTokens(userId: string) {
    return this.tokens.listForUser(userId);
  }

  /** Creates a personal API token; the token itself is returned once and never stored. */
  async createToken(userId: string, name: string) {
    const { token, hash } = newToken('mp_');
    const row = await this.tokens.create({ userId, name: name.trim(), tokenHash: hash, prefix: token.slice(0, 7) });
    return { token, row };
  }

  async revokeToken(userId: string, id: string): Promise<void> {
    if (!(await this.tokens.delete(userId, id))) throw new AppError('not_found', 'No such token.');
  }
}
