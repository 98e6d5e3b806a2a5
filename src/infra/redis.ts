/**
 * The Redis connections of one instance: one for commands (counters, rate limits, publishing)
 * and one for subscriptions, which Redis dedicates to listening once it subscribes.
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisConnections {
  commands: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

const OPTIONS: RedisOptions = {
  // Fail fast rather than hold requests while Redis is away; callers fall back or answer 503.
  connectTimeout: 2_000,
  commandTimeout: 1_000,
  maxRetriesPerRequest: 1,
  // While disconnected, commands fail at once (and callers fall back) instead of queueing.
  enableOfflineQueue: false,
};

export function connectRedis(url: string): RedisConnections {
  const commands = new Redis(url, OPTIONS);
  const subscriber = new Redis(url, OPTIONS);
  // ioredis reconnects by itself; without a listener Node would treat its errors as fatal.
  commands.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  return {
    commands,
    subscriber,
    close: async () => {
      await Promise.all([commands.quit().catch(() => commands.disconnect()), subscriber.quit().catch(() => subscriber.disconnect())]);
    },
  };
}
