/** All SQL about the outbox: mail kept when no SMTP server is configured. */
import type { Database } from '../../db/database.js';

export class OutboxRepository {
  constructor(private readonly db: Database) {}

  /** Deletes mail kept since before `cutoff`; returns how many. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom('outbox').where('created_at', '<', cutoff.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
