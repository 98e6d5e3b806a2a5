/**
 * Status writes, committed in groups (infra/group-commit.ts): one statement, so one commit, for
 * the writes that arrive together. Every caller is answered only after its row has committed.
 */
import type { Database } from '../../db/database.js';
import { GroupCommit } from '../../infra/group-commit.js';
import { ProgressRepository, type ProgressRow } from './progress-repository.js';

/** Rows per statement at most (the repository's own chunk size). */
const MAX_BATCH = 500;

export class ProgressWriter {
  private readonly group: GroupCommit<ProgressRow, void>;
  /** Statements run and rows they held, for tests and diagnostics. */
  readonly stats = { statements: 0, rows: 0 };

  /** `concurrency`: statements under way at once (1 for SQLite's single connection); `onBatch` is told each batch's size. */
  constructor(db: Database, concurrency: number, onBatch?: (size: number) => void) {
    const repository = new ProgressRepository(db);
    this.group = new GroupCommit<ProgressRow, void>({
      concurrency,
      maxBatch: MAX_BATCH,
      ...(onBatch ? { onBatch } : {}),
      // At most one write per topic in a statement, so both changes are stored (and logged) in order.
      keyOf: (row) => `${row.user_id}\n${row.roadmap_id}\n${row.topic_id}`,
      commit: async (rows) => {
        await repository.upsert(rows);
        this.stats.statements += 1;
        this.stats.rows += rows.length;
        return rows.map(() => undefined);
      },
    });
  }

  /** Resolves once the row is committed. */
  write(row: ProgressRow): Promise<void> {
    return this.group.submit(row);
  }
}
