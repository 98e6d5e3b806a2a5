/**
 * What account sync keeps in localStorage: the queue of changes not yet on the server, which
 * roadmaps this browser's guest progress was already merged into which account, and whose account
 * progress the local documents mirror (so logging out can hand the browser back to a guest).
 */
import { entriesOfRecord, mergeEntries, type ProgressEntry, type Status, type TopicEntries, type TopicIndex } from '../shared/progress-rules.js';
import { storageKey } from './state/progress-storage.js';

const PREFIX = 'milepost:sync:';
const OWNER_KEY = `${PREFIX}owner`;
const queueKey = (userId: string) => `${PREFIX}queue:${userId}`;
const mergedKey = (userId: string, roadmapId: string) => `${PREFIX}merged:${userId}:${roadmapId}`;

export type QueueItem = { id: string; roadmapId: string; at: string } & (
  { op: 'put'; topicId: string; status: Status } | { op: 'reset' } | { op: 'merge'; topics: Record<string, ProgressEntry> }
);

/** Distributes `Omit` over the union, so each kind of item keeps its own fields. */
export type NewQueueItem = QueueItem extends infer T ? (T extends QueueItem ? Omit<T, 'id'> : never) : never;

interface Owner {
  userId: string;
  roadmaps: string[];
}

function read<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const text = storage.getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

function write(storage: Storage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

function remove(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    /* storage blocked: nothing to remove */
  }
}

/** The user's unsent changes, oldest first. */
export function readQueue(storage: Storage, userId: string): QueueItem[] {
  const items = read<unknown>(storage, queueKey(userId), []);
  return Array.isArray(items) ? (items as QueueItem[]) : [];
}

/**
 * Appends a change. An unsent status change to the same topic is replaced rather than kept, so a
 * burst of clicks offline sends one request per topic.
 */
export function enqueue(storage: Storage, userId: string, item: NewQueueItem): boolean {
  const full = { ...item, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` } as QueueItem;
  const items = readQueue(storage, userId).filter(
    (old) => !(full.op === 'put' && old.op === 'put' && old.roadmapId === full.roadmapId && old.topicId === full.topicId),
  );
  return write(storage, queueKey(userId), [...items, full]);
}

/** Removes one item once the server has it (or has refused it for good). */
export function dequeue(storage: Storage, userId: string, id: string): void {
  const items = readQueue(storage, userId).filter((item) => item.id !== id);
  if (items.length === 0) remove(storage, queueKey(userId));
  else write(storage, queueKey(userId), items);
}

/** The server's entries with the still-queued changes of that roadmap replayed on top: local changes not yet sent win. */
export function applyQueued(server: TopicEntries, items: readonly QueueItem[], roadmapId: string, index: TopicIndex): TopicEntries {
  let entries: TopicEntries = new Map(server);
  for (const item of items) {
    if (item.roadmapId !== roadmapId) continue;
    if (item.op === 'put') entries.set(item.topicId, { status: item.status, updatedAt: item.at });
    else if (item.op === 'reset') entries = new Map();
    else mergeEntries(entries, entriesOfRecord(item.topics, index));
  }
  return entries;
}

/** True when this browser's progress on the roadmap was already merged into the user's account. */
export function isMerged(storage: Storage, userId: string, roadmapId: string): boolean {
  return read<unknown>(storage, mergedKey(userId, roadmapId), null) !== null;
}

/** Records that the merge happened, so later visits adopt the account's progress instead. */
export function markMerged(storage: Storage, userId: string, roadmapId: string): void {
  write(storage, mergedKey(userId, roadmapId), new Date().toISOString());
}

/** Forgets that guest progress was merged for this user, so the next sign-in merges again (newer wins, nothing is lost). */
export function clearMergeMarks(storage: Storage, userId: string): void {
  for (const key of keysWithPrefix(storage, `${PREFIX}merged:${userId}:`)) remove(storage, key);
}

/** The account whose progress the local documents mirror, or null when they are a guest's. */
export function ownerOf(storage: Storage): Owner | null {
  const owner = read<Owner | null>(storage, OWNER_KEY, null);
  return owner && typeof owner.userId === 'string' && Array.isArray(owner.roadmaps) ? owner : null;
}

/** Records that the local document of `roadmapId` now mirrors this user's account. */
export function claim(storage: Storage, userId: string, roadmapId: string): void {
  const owner = ownerOf(storage);
  const roadmaps = owner?.userId === userId ? owner.roadmaps : [];
  if (!roadmaps.includes(roadmapId)) write(storage, OWNER_KEY, { userId, roadmaps: [...roadmaps, roadmapId] });
}

/**
 * Hands the browser back to a guest: removes the local documents that came from an account, the
 * merge marks and the queue. Guest progress never synced is left alone.
 */
export function forgetAccountData(storage: Storage): void {
  for (const roadmapId of ownerOf(storage)?.roadmaps ?? []) remove(storage, storageKey(roadmapId));
  for (const key of keysWithPrefix(storage, PREFIX)) remove(storage, key);
}

function keysWithPrefix(storage: Storage, prefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch {
    /* storage blocked */
  }
  return keys;
}
