/** All SQL about job leases: taken atomically, so two instances never both hold one. */
import { sql } from 'kysely';
import type { Database } from '../db/database.js';

export class JobLeaseRepository {
  constructor(private readonly db: Database) {}

  /**
   * Takes the lease on `name` for `holder` until `ttlMs` from now, when nobody holds it or the last
   * holder's lease ran out. One statement, so it is atomic on both databases. True when taken.
   */
  async tryAcquire(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
    const expires = new Date(now.getTime() + ttlMs).toISOString();
    await sql`
      insert into job_leases (name, holder, expires_at) values (${name}, ${holder}, ${expires})
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where job_leases.expires_at <= ${now.toISOString()} or job_leases.holder = excluded.holder`.execute(this.db);
    const row = await this.db.selectFrom('job_leases').select(['holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
    return row?.holder === holder && row.expires_at === expires;
  }
}
