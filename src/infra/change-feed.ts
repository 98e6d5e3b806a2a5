/**
 * Tells the other instances of a deployment that a user's data changed, so that what they keep in
 * memory about that user (signed-in credentials, progress) is dropped. Without Redis there is no
 * other instance to tell; with `REDIS_URL` the news goes out on one pub/sub channel.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export type ChangeTopic = 'credentials' | 'progress';

export interface Change {
  topic: ChangeTopic;
  userId: string;
}

/** Called with null when news may have been missed (a lost connection): forget everything. */
export type ChangeListener = (change: Change | null) => void;

export interface ChangeFeed {
  /** Announces a change to the other instances (never to this one: its caches update themselves). */
  publish(topic: ChangeTopic, userId: string): void;
  /** Listens for changes announced by the other instances. */
  subscribe(listener: ChangeListener): void;
  close(): Promise<void>;
}

/** A single instance: nobody else to tell. */
export class LocalChangeFeed implements ChangeFeed {
  publish(): void {}
  subscribe(): void {}
  async close(): Promise<void> {}
}

interface Message extends Change {
  from: string;
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.from === 'string' && (m.topic === 'credentials' || m.topic === 'progress') && typeof m.userId === 'string';
}

export class RedisChangeFeed implements ChangeFeed {
  private readonly instance = randomUUID();
  private readonly listeners: ChangeListener[] = [];
  private readonly channel: string;
  private connectedBefore = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    prefix: string,
  ) {
    this.channel = `${prefix}changes`;
    // A subscription is lost with its connection and messages sent meanwhile are gone: after any
    // (re)connection every listener forgets everything, then hears news again.
    this.subscriber.on('ready', () => {
      if (this.connectedBefore) this.notify(null);
      this.connectedBefore = true;
      void this.subscriber.subscribe(this.channel).catch(() => this.notify(null));
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return;
      }
      if (isMessage(message) && message.from !== this.instance) this.notify({ topic: message.topic, userId: message.userId });
    });
    // Errors are retried by ioredis; without a listener Node would treat them as fatal.
    this.subscriber.on('error', () => undefined);
  }

  publish(topic: ChangeTopic, userId: string): void {
    const message: Message = { from: this.instance, topic, userId };
    this.publisher.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
  }

  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private notify(change: Change | null): void {
    for (const listener of this.listeners) listener(change);
  }

  async close(): Promise<void> {
    await Promise.all([this.subscriber.quit().catch(() => undefined), this.publisher.quit().catch(() => undefined)]);
  }
}

export function createChangeFeed(redisUrl: string | null, prefix: string): ChangeFeed {
  if (!redisUrl) return new LocalChangeFeed();
  const options = { maxRetriesPerRequest: 2 };
  return new RedisChangeFeed(new Redis(redisUrl, options), new Redis(redisUrl, options), prefix);
}
