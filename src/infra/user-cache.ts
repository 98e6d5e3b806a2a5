/**
 * An in-process cache of database reads that belong to one user each (their credentials, their
 * progress), bounded in entries and in age. Everything a user owns can be forgotten at once, and
 * a read that was under way while that user's data changed is used for its own request but never
 * kept: a value read before a write cannot outlive the write.
 */
import { LRUCache } from 'lru-cache';

export interface UserCacheOptions<V> {
  /** Entries kept; the least recently used goes first. */
  max: number;
  /** Age after which an entry is read again, whatever happened. */
  ttlMs: number;
  /** The user a value belongs to. */
  ownerOf: (value: V) => string;
}

interface PendingRead<V> {
  /** Undefined while the owner is not known yet (it comes with the value): any change voids the read. */
  owner: string | undefined;
  stale: boolean;
  value: Promise<V | undefined>;
}

export class UserCache<V extends object> {
  private readonly values: LRUCache<string, V>;
  private readonly keysOf = new Map<string, Set<string>>();
  /** Reads under way, by key: concurrent misses of one key share one read. */
  private readonly reads = new Map<string, PendingRead<V>>();
  private readonly ownerOf: (value: V) => string;
  /** Loads answered from memory and loads that had to read, since start (for the metrics). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(options: UserCacheOptions<V>) {
    this.ownerOf = options.ownerOf;
    this.values = new LRUCache<string, V>({
      max: options.max,
      ttl: options.ttlMs,
      dispose: (value, key) => this.unindex(this.ownerOf(value), key),
    });
  }

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  /**
   * The cached value, or what `read` returns (kept unless the owner's data changed meanwhile).
   * `owner`, when known before the read, narrows which changes void it.
   */
  load(key: string, read: () => Promise<V | undefined>, owner?: string): Promise<V | undefined> {
    const hit = this.values.get(key);
    if (hit !== undefined) {
      this.stats.hits++;
      return Promise.resolve(hit);
    }
    this.stats.misses++;
    const under = this.reads.get(key);
    if (under) return under.value;
    const pending: PendingRead<V> = { owner, stale: false, value: read() };
    this.reads.set(key, pending);
    return pending.value.then(
      (value) => {
        this.reads.delete(key);
        if (value !== undefined && !pending.stale) this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.reads.delete(key);
        throw error;
      },
    );
  }

  set(key: string, value: V): void {
    this.values.set(key, value);
    const owner = this.ownerOf(value);
    let keys = this.keysOf.get(owner);
    if (!keys) this.keysOf.set(owner, (keys = new Set()));
    keys.add(key);
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  /** The user's data changed and the caller updated what is cached: reads under way are not kept. */
  changed(userId: string): void {
    for (const read of this.reads.values()) if (read.owner === undefined || read.owner === userId) read.stale = true;
  }

  /** Drops everything cached for the user. */
  forgetUser(userId: string): void {
    this.changed(userId);
    for (const key of [...(this.keysOf.get(userId) ?? [])]) this.values.delete(key);
  }

  clear(): void {
    for (const read of this.reads.values()) read.stale = true;
    this.values.clear();
  }

  get size(): number {
    return this.values.size;
  }

  private unindex(owner: string, key: string): void {
    const keys = this.keysOf.get(owner);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.keysOf.delete(owner);
  }
}
