/**
 * Counters with expiry, for rate limits and sign-in throttling: in process by default, in Redis
 * when REDIS_URL is set so every instance sees the same counts. They hold no user data. When
 * Redis does not answer, counting goes on in process (each instance counting alone) until it
 * is back: losing Redis resets counters, it never stops sign-ins.
 */
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';

export interface Count {
  count: number;
  /** Milliseconds until the counter expires (0 when it does not exist). */
  resetInMs: number;
}

export interface CounterStore {
  /** Adds one to `key` (created with `windowMs` to live) and returns the new count. Atomic. */
  increment(key: string, windowMs: number): Promise<Count>;
  /** Takes one away again (a reservation that was not used); never below zero. */
  decrement(key: string): Promise<void>;
  get(key: string): Promise<Count>;
  /** Sets `key` to `value` for `ttlMs`. */
  set(key: string, value: number, ttlMs: number): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Counts one use of `key` in a fixed window of `windowMs`, and throws `rate_limited` (with
 * Retry-After) once more than `max` uses fall in the window. `message` says what was limited.
 */
export async function consumeLimit(store: CounterStore, key: string, max: number, windowMs: number, message: string): Promise<void> {
  const used = await store.increment(key, windowMs);
  if (used.count > max) throw new AppError('rate_limited', message, { retryAfterSeconds: Math.max(1, used.resetInMs / 1000) });
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

  private live(key: string, now: number) {
    const current = this.counters.get(key);
    return current && current.resetAt > now ? current : undefined;
  }

  async increment(key: string, windowMs: number): Promise<Count> {
    const now = Date.now();
    const current = this.live(key, now);
    const entry = current ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: now + windowMs };
    this.counters.set(key, entry);
    return { count: entry.count, resetInMs: entry.resetAt - now };
  }

  async decrement(key: string): Promise<void> {
    const current = this.live(key, Date.now());
    if (current && current.count > 0) current.count -= 1;
  }

  async get(key: string): Promise<Count> {
    const now = Date.now();
    const current = this.live(key, now);
    return current ? { count: current.count, resetInMs: current.resetAt - now } : { count: 0, resetInMs: 0 };
  }

  async set(key: string, value: number, ttlMs: number): Promise<void> {
    this.counters.set(key, { count: value, resetAt: Date.now() + ttlMs });
  }

  async reset(key: string): Promise<void> {
    this.counters.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

// One round trip each, atomic on the server: increment and give the key its window when it is new.
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;
const DECREMENT = `if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end return 1`;

export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'milepost:',
  ) {}

  async increment(key: string, windowMs: number): Promise<Count> {
    const [count, ttl] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, String(windowMs))) as [number, number];
    return { count, resetInMs: Math.max(0, ttl) };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.eval(DECREMENT, 1, this.prefix + key);
  }

  async get(key: string): Promise<Count> {
    const k = this.prefix + key;
    const [[, value], [, ttl]] = (await this.redis.multi().get(k).pttl(k).exec()) as [[null, string | null], [null, number]];
    return { count: Number(value ?? 0), resetInMs: Math.max(0, ttl) };
  }

  async set(key: string, value: number, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, String(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  /** The connection belongs to the instance (infra/redis.ts), which closes it. */
  async close(): Promise<void> {}
}

export interface OutageLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * Redis counters while Redis answers, in-process ones while it does not. The outage is logged
 * once when it starts and once when it ends, not on every request.
 */
export class FallbackCounterStore implements CounterStore {
  private readonly local = new MemoryCounterStore();
  private down = false;

  constructor(
    private readonly remote: CounterStore,
    private readonly isReady: () => boolean,
    private readonly log: OutageLog,
  ) {}

  private async use<T>(run: (store: CounterStore) => Promise<T>): Promise<T> {
    if (this.isReady()) {
      try {
        const result = await run(this.remote);
        if (this.down) {
          this.down = false;
          this.log.info({}, 'Redis answers again: rate limits are shared between instances again');
        }
        return result;
      } catch (err) {
        this.markDown(err);
      }
    } else {
      this.markDown(undefined);
    }
    return run(this.local);
  }

  private markDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn({ err }, 'Redis does not answer: rate limits are counted in this process until it is back');
  }

  increment(key: string, windowMs: number): Promise<Count> {
    return this.use((store) => store.increment(key, windowMs));
  }

  decrement(key: string): Promise<void> {
    return this.use((store) => store.decrement(key));
  }

  get(key: string): Promise<Count> {
    return this.use((store) => store.get(key));
  }

  set(key: string, value: number, ttlMs: number): Promise<void> {
    return this.use((store) => store.set(key, value, ttlMs));
  }

  reset(key: string): Promise<void> {
    return this.use((store) => store.reset(key));
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}

export function createCounterStore(redis: Redis | null, prefix: string, log: OutageLog): CounterStore {
  if (!redis) return new MemoryCounterStore();
  return new FallbackCounterStore(new RedisCounterStore(redis, prefix), () => redis.status === 'ready', log);
}
