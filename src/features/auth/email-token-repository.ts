/** All SQL about single-use emailed tokens. */
import type { Database } from '../../db/database.js';

export type EmailPurpose = 'verify' | 'reset';

export class EmailTokenRepository {
  constructor(private readonly db: Database) {}

  async create(input: { tokenHash: string; userId: string; purpose: EmailPurpose; email: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto('email_tokens')
      .values({
        token_hash: input.tokenHash,
        user_id: input.userId,
        purpose: input.purpose,
        email: input.email,
        created_at: new Date().toISOString(),
        expires_at: input.expiresAt,
        used_at: null,
      })
      .execute();
  }

  /** A valid, unused, unexpired token, without using it up; undefined otherwise. */
  findUsable(tokenHash: string, purpose: EmailPurpose) {
    return this.db
      .selectFrom('email_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
  }

  /** Marks a valid, unused, unexpired token as used and returns it; undefined otherwise. */
  async consume(tokenHash: string, purpose: EmailPurpose) {
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable('email_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.db.selectFrom('email_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Deletes tokens that were used or have expired; returns how many. */
  async purgeSpent(now = new Date()): Promise<number> {
    const result = await this.db
      .deleteFrom('email_tokens')
      .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now.toISOString())]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
