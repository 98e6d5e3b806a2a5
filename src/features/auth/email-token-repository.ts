/** All SQL about single-use emailed tokens. */
import type { Database } from '../../db/database.js';

/**
 * What a token does: confirm the address an account was made with (`verify`), set a new password
 * (`reset`), confirm a new address (`change`, sent to the new address), or undo an address change
 * (`revert`, sent to the old address).
 */
export type EmailPurpose = 'verify' | 'reset' | 'change' | 'revert';

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
  findUsable(tokenHash: string, purposes: readonly EmailPurpose[]) {
    return this.db
      .selectFrom('email_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', 'in', purposes)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
  }

  /** Marks a valid, unused, unexpired token as used and returns it; undefined otherwise. */
  async consume(tokenHash: string, purposes: readonly EmailPurpose[]) {
    const now = new Date().toISOString();
    const result = await this.db
      .updateTable('email_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', 'in', purposes)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.db.selectFrom('email_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Uses up every unused token of the user with one of `purposes`: older links stop working. */
  async invalidate(userId: string, purposes: readonly EmailPurpose[]): Promise<void> {
    await this.db
      .updateTable('email_tokens')
      .set({ used_at: new Date().toISOString() })
      .where('user_id', '=', userId)
      .where('purpose', 'in', purposes)
      .where('used_at', 'is', null)
      .execute();
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
