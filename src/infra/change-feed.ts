/**
 * Tells the other instances of a deployment what changed, so that what they keep in memory is
 * dropped or reloaded: a user's credentials or progress, a user roadmap, a team, or the official
 * content.
 * Without Redis there is no other instance to tell; with `REDIS_URL` the news goes out on one
 * pub/sub channel.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export type Change =
  /** `study`: a user's plans, notes or resource checks. */
  | { topic: 'credentials' | 'progress' | 'reviews' | 'study'; userId: string }
  /** A user roadmap was saved, changed visibility or was deleted. */
  | { topic: 'roadmap'; roadmapId: string }
  /** A team's members, roles, roadmaps or settings changed, or it was deleted. */
  | { topic: 'team'; teamId: string }
  /** The official content was reloaded: re-read it from disk. */
  | { topic: 'content' };

/** Called with null when news may have been missed (a lost connection): forget everything. */
export type ChangeListener = (change: Change | null) => void;

export interface ChangeFeed {
  /**
   * Announces a change to the other instances (never to this one: its caches update themselves).
   * Resolves once the message has reached Redis, or failed to.
   */
  publish(change: Change): Promise<void>;
  /**
   * Listens for changes announced by the other instances; with `ownChanges`, also for those this
   * instance publishes (told synchronously, before they go out), for caches nothing else updates.
   */
  subscribe(listener: ChangeListener, options?: { ownChanges?: boolean }): void;
  /**
   * False while news from the other instances may be missed (Redis away): caches then read
   * through instead of keeping what another instance may have revoked meanwhile.
   */
  live(): boolean;
  /**
   * Resolves once news from the other instances is heard (true), or after `timeoutMs` without it
   * (false): an instance starts either way, reading through until the feed is live.
   */
  whenLive(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A single instance: nobody else to tell, only its own listeners. */
export class LocalChangeFeed implements ChangeFeed {
  private readonly own: ChangeListener[] = [];

  async publish(change: Change): Promise<void> {
    for (const listener of this.own) listener(change);
  }

  subscribe(listener: ChangeListener, options: { ownChanges?: boolean } = {}): void {
    if (options.ownChanges) this.own.push(listener);
  }

  live(): boolean {
    return true;
  }
  async whenLive(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}
}

function isChange(value: unknown): value is Change & { from: string } {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.from !== 'string') return false;
  if (m.topic === 'credentials' || m.topic === 'progress' || m.topic === 'reviews' || m.topic === 'study') return typeof m.userId === 'string';
  if (m.topic === 'roadmap') return typeof m.roadmapId === 'string';
  if (m.topic === 'team') return typeof m.teamId === 'string';
  return m.topic === 'content';
}

export class RedisChangeFeed implements ChangeFeed {
  private readonly instance = randomUUID();
  private readonly listeners: ChangeListener[] = [];
  private readonly own: ChangeListener[] = [];
  private readonly channel: string;
  private connectedBefore = false;
  private subscribed = false;
  private readonly waiting: Array<() => void> = [];

  /** `publisher` is the instance's command connection; `subscriber` is used for nothing else. */
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
      this.subscriber.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
          for (const wake of this.waiting.splice(0)) wake();
        },
        () => this.notify(null),
      );
    });
    // From the moment the connection drops, news may be missed: forget at once, and read through until it is back.
    this.subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.notify(null);
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return;
      }
      if (!isChange(message) || message.from === this.instance) return;
      const { from: _from, ...change } = message;
      this.notify(change as Change);
    });
  }

  async publish(change: Change): Promise<void> {
    for (const listener of this.own) listener(change);
    await this.publisher.publish(this.channel, JSON.stringify({ ...change, from: this.instance })).catch(() => undefined);
  }

  subscribe(listener: ChangeListener, options: { ownChanges?: boolean } = {}): void {
    this.listeners.push(listener);
    if (options.ownChanges) this.own.push(listener);
  }

  live(): boolean {
    return this.subscribed && this.subscriber.status === 'ready';
  }

  whenLive(timeoutMs: number): Promise<boolean> {
    if (this.live()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private notify(change: Change | null): void {
    for (const listener of this.listeners) listener(change);
  }

  async close(): Promise<void> {}
}
