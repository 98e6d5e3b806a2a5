/**
 * Counters with expiry, for rate limits and login backoff: in process by default, in Redis
 * when REDIS_URL is set so every instance sees the same counts. They hold no user data.
 */
import type { Redis } from 'ioredis';

export interface CounterStore {
  /** Adds one to `key` and returns the new count and the ms until the window resets. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  get(key: string): Promise<{ count: number; resetInMs: number }>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [key, value] of this.counters) if (value.resetAt <= now) this.counters.delete(key);
    }, 60_000);
    this.sweeper.unref();
  }

  async increment(key: string, windowMs: number) {
    const now = Date.now();
    const current = this.counters.get(key);
    const entry = current && current.resetAt > now ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: now + windowMs };
    this.counters.set(key, entry);
    return { count: entry.count, resetInMs: entry.resetAt - now };
  }

  async get(key: string) {
    const now = Date.now();
    const current = this.counters.get(key);
    return current && current.resetAt > now ? { count: current.count, resetInMs: current.resetAt - now } : { count: 0, resetInMs: 0 };
  }

  async reset(key: string) {
    this.counters.delete(key);
  }

  async close() {
    clearInterval(this.sweeper);
  }
}

export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'milepost:',
  ) {}

  async increment(key: string, windowMs: number) {
    const k = this.prefix + key;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(k).pttl(k).exec()) as [[null, number], [null, number]];
    if (ttl < 0) {
      await this.redis.pexpire(k, windowMs);
      return { count, resetInMs: windowMs };
    }
    return { count, resetInMs: ttl };
  }

  async get(key: string) {
    const k = this.prefix + key;
    const [[, value], [, ttl]] = (await this.redis.multi().get(k).pttl(k).exec()) as [[null, string | null], [null, number]];
    return { count: Number(value ?? 0), resetInMs: Math.max(0, ttl) };
  }

  async reset(key: string) {
    await this.redis.del(this.prefix + key);
  }

  /** The connection belongs to the instance (infra/redis.ts), which closes it. */
  async close() {}
}

export function createCounterStore(redis: Redis | null, prefix?: string): CounterStore {
  return redis ? new RedisCounterStore(redis, prefix) : new MemoryCounterStore();
}
