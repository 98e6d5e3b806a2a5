/**
 * Guest progress in localStorage, one document per roadmap, keyed by stable topic id with an
 * update time per entry. Reading is defensive: corrupt data is set aside, never fatal.
 */
export const STATUSES = ['pending', 'learning', 'done', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

export interface ProgressEntry {
  status: Status;
  updatedAt: string;
}

export interface ProgressDoc {
  topics: Record<string, ProgressEntry>;
}

export interface RoadmapInfo {
  id: string;
  /** Retired id → successor (or null when removed). */
  retired: Record<string, string | null>;
}

export const storageKey = (roadmapId: string) => `milepost:progress:${roadmapId}`;

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Topic ids are kebab-case; anything else (including `__proto__`) is dropped. */
export function isTopicId(value: string): boolean {
  return value.length <= 64 && ID_RE.test(value);
}

function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

function time(entry: ProgressEntry): number {
  const t = Date.parse(entry.updatedAt);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Cleans an untrusted progress document: drops entries with unknown statuses, moves retired
 * ids to their successors (the newer entry wins), and keeps ids it does not know.
 */
export function normalizeProgress(raw: unknown, info: RoadmapInfo): ProgressDoc {
  const topics: Record<string, ProgressEntry> = {};
  const source = raw && typeof raw === 'object' && 'topics' in raw ? (raw as { topics: unknown }).topics : null;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return { topics };
  for (const [id, value] of Object.entries(source as Record<string, unknown>)) {
    if (!isTopicId(id) || !value || typeof value !== 'object') continue;
    const { status, updatedAt } = value as Record<string, unknown>;
    if (!isStatus(status)) continue;
    const entry: ProgressEntry = {
      status,
      updatedAt: typeof updatedAt === 'string' && !Number.isNaN(Date.parse(updatedAt)) ? updatedAt : new Date(0).toISOString(),
    };
    const successor = Object.prototype.hasOwnProperty.call(info.retired, id) ? info.retired[id] : id;
    const target = successor ?? id;
    const existing = topics[target];
    if (!existing || time(entry) > time(existing)) topics[target] = entry;
  }
  return { topics };
}

/** Merges two documents per topic: the newer update wins. */
export function mergeProgress(a: ProgressDoc, b: ProgressDoc): ProgressDoc {
  const topics = { ...a.topics };
  for (const [id, entry] of Object.entries(b.topics)) {
    if (!isTopicId(id)) continue;
    const existing = topics[id];
    if (!existing || time(entry) > time(existing)) topics[id] = entry;
  }
  return { topics };
}

export function loadProgress(info: RoadmapInfo, storage: Storage = localStorage): ProgressDoc {
  const key = storageKey(info.id);
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return { topics: {} };
  }
  if (text === null) return { topics: {} };
  try {
    return normalizeProgress(JSON.parse(text), info);
  } catch {
    // Keep unreadable data aside rather than overwrite it on the next change.
    try {
      storage.setItem(`${key}:unreadable`, text);
    } catch {
      /* storage full or blocked: nothing more to do */
    }
    return { topics: {} };
  }
}

export function saveProgress(info: RoadmapInfo, doc: ProgressDoc, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(storageKey(info.id), JSON.stringify({ version: 1, topics: doc.topics }));
    return true;
  } catch {
    return false;
  }
}

export interface Counts {
  done: number;
  learning: number;
  skipped: number;
  /** Done plus skipped: what counts toward "N of M done". */
  complete: number;
  total: number;
  percent: number;
}

/** Counts statuses over the given ids only; progress on unknown ids is kept but not counted. */
export function countProgress(doc: ProgressDoc, ids: readonly string[]): Counts {
  let done = 0;
  let learning = 0;
  let skipped = 0;
  for (const id of ids) {
    const status = doc.topics[id]?.status;
    if (status === 'done') done++;
    else if (status === 'learning') learning++;
    else if (status === 'skipped') skipped++;
  }
  const complete = done + skipped;
  const total = ids.length;
  return { done, learning, skipped, complete, total, percent: total === 0 ? 0 : Math.round((complete / total) * 100) };
}
