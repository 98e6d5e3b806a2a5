/**
 * Group commit: items that arrive while earlier ones are being committed wait, then go to the
 * database together, in one commit for the lot. A lone item goes out at once, so nobody waits
 * when the server is quiet; under load the batches grow with it, which keeps the cost per item
 * down. Each caller is answered only once the commit holding its item is done. Two items with
 * the same key are never committed together or side by side, so they apply in the order they came.
 */
interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<T, R> {
  /** Commits under way at once (1 for SQLite's single connection). */
  concurrency: number;
  maxBatch: number;
  keyOf: (item: T) => string;
  /** Commits the items together and returns one result per item, in order. */
  commit: (items: T[]) => Promise<R[]>;
  /** Told the size of each batch as it goes out (the metrics). */
  onBatch?: (size: number) => void;
}

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Keys of the items in commits under way: another item of one of them waits until it is done. */
  private readonly busyKeys = new Set<string>();

  constructor(private readonly options: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
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
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const keys = batch.map((p) => this.options.keyOf(p.item));
      for (const key of keys) this.busyKeys.add(key);
      this.inFlight += 1;
      this.options.onBatch?.(batch.length);
      void this.run(batch).finally(() => {
        for (const key of keys) this.busyKeys.delete(key);
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /**
   * The oldest queued items, at most one per key and none of a key in a commit under way: a
   * second item of a key waits, so it is applied after the first, never beside it.
   */
  private takeBatch(): Pending<T, R>[] {
    const keys = new Set<string>();
    const batch: Pending<T, R>[] = [];
    const later: Pending<T, R>[] = [];
    for (const pending of this.queue) {
      const key = this.options.keyOf(pending.item);
      if (batch.length < this.options.maxBatch && !keys.has(key) && !this.busyKeys.has(key)) {
        keys.add(key);
        batch.push(pending);
      } else {
        later.push(pending);
      }
    }
    this.queue = later;
    return batch;
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.options.commit(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One failing item (say, of an account deleted meanwhile) must not fail the others.
      for (const p of batch) {
        await this.options.commit([p.item]).then(([result]) => p.resolve(result!), p.reject);
      }
    }
  }
}
