/**
 * Group commit for status writes. Writes that arrive while earlier ones are being committed
 * wait, and then go to the database together, as one statement (so one commit) for the lot.
 * A lone write goes out at once, so nobody waits when the server is quiet; under load the
 * batches grow with it, which is what keeps the cost per write down. Every caller is answered
 * only after the statement holding its row has committed.
 */
import type { Database } from '../../db/database.js';
import { ProgressRepository, type ProgressRow } from './progress-repository.js';

interface PendingWrite {
  row: ProgressRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Rows per statement at most (the repository's own chunk size). */
const MAX_BATCH = 500;

export class ProgressWriter {
  private queue: PendingWrite[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Statements run and rows they held, for tests and diagnostics. */
  readonly stats = { statements: 0, rows: 0 };

  /** `concurrency`: statements under way at once (1 for SQLite's single connection). */
  constructor(
    private readonly db: Database,
    private readonly concurrency: number,
  ) {}

  /** Resolves once the row is committed. */
  write(row: ProgressRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      // After the requests that arrived together have all been read, so that they go together.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /**
   * The oldest queued writes, at most one per topic: a second write of the same topic waits for
   * the next batch, so that both changes are stored (and logged) in the order they came.
   */
  private takeBatch(): PendingWrite[] {
    const topics = new Set<string>();
    const batch: PendingWrite[] = [];
    const later: PendingWrite[] = [];
    for (const pending of this.queue) {
      const topic = `${pending.row.user_id}\n${pending.row.roadmap_id}\n${pending.row.topic_id}`;
      if (batch.length < MAX_BATCH && !topics.has(topic)) {
        topics.add(topic);
        batch.push(pending);
      } else {
        later.push(pending);
      }
    }
    this.queue = later;
    return batch;
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    const repository = new ProgressRepository(this.db);
    try {
      await repository.upsert(batch.map((pending) => pending.row));
      this.stats.statements += 1;
      this.stats.rows += batch.length;
      for (const pending of batch) pending.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One failing row (say, of an account deleted meanwhile) must not fail the others.
      for (const pending of batch) await repository.upsert([pending.row]).then(pending.resolve, pending.reject);
    }
  }
}
