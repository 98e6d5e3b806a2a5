/**
 * Account sync for signed-in visitors. Every change is applied locally first and queued in
 * localStorage, then sent; the queue survives reloads and offline spells, so a click is never
 * lost. A roadmap page first flushes the queue, then merges this browser's guest progress into
 * the account once (per user and roadmap), or else adopts the account's progress.
 */
import { entriesOfRecord, MAX_PROGRESS_ENTRIES, type ProgressEntry, type TopicEntries } from '../shared/progress-rules.js';
import { loadEntries, saveEntries } from './state/progress-storage.js';
import type { ClientRoadmap } from './state/roadmap-data.js';
import { announce, mergedMessage, NOTICE_SLOTS } from './behaviours/announce.js';
import {
  applyQueued,
  claim,
  clearMergeMarks,
  dequeue,
  enqueue,
  forgetAccountData,
  isMerged,
  markMerged,
  ownerOf,
  readQueue,
  type NewQueueItem,
  type QueueItem,
} from './sync-state.js';

export interface SyncUser {
  id: string;
  name: string;
  email: string;
  /** Set once the user picked one; with `publicProfile`, progress can be shared. */
  username: string | null;
  publicProfile: boolean;
}

const API = '/api/v1/me/progress';
const MAX_BACKOFF_MS = 60_000;

type Outcome = 'sent' | 'drop' | 'retry' | 'stop';

function outcomeOf(status: number): Outcome {
  if (status < 400) return 'sent';
  if (status === 401) return 'stop';
  if (status === 429 || status >= 500) return 'retry';
  return 'drop';
}

function requestOf(item: QueueItem): { method: string; url: string; body?: unknown } {
  const base = `${API}/${encodeURIComponent(item.roadmapId)}`;
  if (item.op === 'put') return { method: 'PUT', url: `${base}/topics/${encodeURIComponent(item.topicId)}`, body: { status: item.status } };
  if (item.op === 'reset') return { method: 'DELETE', url: base };
  return { method: 'POST', url: `${base}/merge`, body: { topics: forServer(item.topics) } };
}

/** Entries in the form the API accepts: ISO times, and no more than it takes (the newest first). */
function forServer(topics: Record<string, ProgressEntry> | TopicEntries): Record<string, ProgressEntry> {
  const entries = (topics instanceof Map ? [...topics] : Object.entries(topics)).map(
    ([id, e]) => [id, { status: e.status, updatedAt: new Date(Date.parse(e.updatedAt) || 0).toISOString() }] as const,
  );
  entries.sort((a, b) => b[1].updatedAt.localeCompare(a[1].updatedAt));
  return Object.fromEntries(entries.slice(0, MAX_PROGRESS_ENTRIES));
}

async function send(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export class ProgressSync {
  active = true;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;

  constructor(
    readonly user: SyncUser,
    /** Called once when the server says the session is gone. */
    private readonly onStop: () => void,
    private readonly storage: Storage = localStorage,
  ) {
    // Local documents that mirror another account are not this person's: they must not be merged into this account.
    const owner = ownerOf(storage);
    if (owner && owner.userId !== user.id) forgetAccountData(storage);
    window.addEventListener('online', () => void this.flush(true));
  }

  /** Queues a change (already applied locally) and starts sending. */
  queue(item: NewQueueItem): void {
    if (!this.active) return;
    enqueue(this.storage, this.user.id, item);
    void this.flush();
  }

  /** Sends queued changes in order until the queue is empty, the network fails, or the session is gone. */
  flush(now = false): Promise<void> {
    if (now) this.failures = 0;
    if (!this.flushing) this.flushing = this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    while (this.active) {
      const item = readQueue(this.storage, this.user.id)[0];
      if (!item) {
        this.failures = 0;
        return;
      }
      const { method, url, body } = requestOf(item);
      let outcome: Outcome;
      let retryAfter = 0;
      try {
        const response = await send(method, url, body);
        outcome = outcomeOf(response.status);
        retryAfter = Number(response.headers.get('retry-after')) || 0;
        if (outcome === 'drop') console.warn(`Milepost: the server refused a progress change (${response.status}); it was dropped.`, item);
      } catch {
        outcome = 'retry';
      }
      if (outcome === 'stop') return this.stop();
      if (outcome === 'retry') return this.retryLater(retryAfter * 1000);
      dequeue(this.storage, this.user.id, item.id);
    }
  }

  private retryLater(atLeastMs: number): void {
    this.failures += 1;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
    this.timer = setTimeout(() => void this.flush(), Math.max(atLeastMs, backoff * (0.75 + Math.random() / 2)));
  }

  /** The session is gone: stop sending, keep local progress, and merge it again at the next sign-in. */
  private stop(): void {
    if (!this.active) return;
    this.active = false;
    clearTimeout(this.timer);
    clearMergeMarks(this.storage, this.user.id);
    this.onStop();
  }

  /**
   * Brings one roadmap's local document in line with the account, stores it and returns it; null
   * when it could not (offline, signed out), in which case local progress stays as it was.
   */
  async syncRoadmap(info: ClientRoadmap): Promise<TopicEntries | null> {
    await this.flush();
    if (!this.active) return null;
    const base = `${API}/${encodeURIComponent(info.id)}`;
    const merging = !isMerged(this.storage, this.user.id, info.id);
    let response: Response;
    try {
      response = merging
        ? await send('POST', `${base}/merge`, { topics: forServer(loadEntries(info.id, info.index, this.storage)) })
        : await send('GET', base);
      // A document the server refuses to merge is not retried on every visit: the account's copy is adopted instead.
      if (merging && outcomeOf(response.status) === 'drop') {
        console.warn(`Milepost: could not merge this browser's progress (${response.status}).`);
        response = await send('GET', base);
      }
    } catch {
      return null;
    }
    if (response.status === 401) this.stop();
    if (!response.ok) return null;
    const body = (await response.json()) as { topics?: unknown; merged?: unknown };
    const server = entriesOfRecord(body.topics, info.index);
    if (merging) markMerged(this.storage, this.user.id, info.id);
    if (merging && typeof body.merged === 'number' && body.merged > 0) announce(mergedMessage(body.merged, info.title), NOTICE_SLOTS.progress);
    const entries = applyQueued(server, readQueue(this.storage, this.user.id), info.id, info.index);
    saveEntries(info.id, entries, this.storage);
    claim(this.storage, this.user.id, info.id);
    return entries;
  }
}
