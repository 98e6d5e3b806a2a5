/**
 * What a learner keeps beside progress, in the browser: study plans, private notes and resource
 * checks. A guest's copies live in localStorage (`milepost:study:<kind>`, `{version: 1, items:
 * {key: {value, updatedAt}}}`); an account's live on the server. At sign-in each guest copy is sent
 * with its time (the server keeps the newer one, as for progress), then forgotten here.
 */
import { signal } from '@preact/signals';
import type { PlanSettings } from '../../shared/study-plan.js';

export interface StudyValues {
  plans: PlanSettings;
  notes: string;
  resources: string[];
}
export type StudyKind = keyof StudyValues;

export interface Copy<T> {
  value: T;
  /** ISO 8601 time it was last changed. */
  updatedAt: string;
}

const storageKey = (kind: StudyKind) => `milepost:study:${kind}`;

/** `roadmapId` for plans, `roadmapId/topicId` for notes and resource checks. */
export function copyKey(roadmapId: string, topicId?: string): string {
  return topicId === undefined ? roadmapId : `${roadmapId}/${topicId}`;
}

/** Where the account keeps each kind, and the body that stores one copy. */
const ACCOUNT: { [K in StudyKind]: { url: (key: string) => string; body: (copy: Copy<StudyValues[K]>) => unknown } } = {
  plans: { url: (key) => `/api/v1/me/plans/${key}`, body: (c) => ({ settings: c.value, updatedAt: c.updatedAt }) },
  notes: { url: (key) => `/api/v1/me/notes/${key}`, body: (c) => ({ markdown: c.value, updatedAt: c.updatedAt }) },
  resources: { url: (key) => `/api/v1/me/resources/${key}`, body: (c) => ({ checked: c.value, updatedAt: c.updatedAt }) },
};

/** Bumped whenever a guest copy changes (here or in another tab), so islands re-read. */
export const studyChanged = signal(0);

function read<K extends StudyKind>(kind: K): Map<string, Copy<StudyValues[K]>> {
  try {
    const data = JSON.parse(localStorage.getItem(storageKey(kind)) ?? 'null') as { items?: Record<string, Copy<StudyValues[K]>> } | null;
    const items = data?.items && typeof data.items === 'object' ? Object.entries(data.items) : [];
    return new Map(items.filter(([, c]) => c && typeof c.updatedAt === 'string' && c.value !== undefined));
  } catch {
    return new Map();
  }
}

function write<K extends StudyKind>(kind: K, items: Map<string, Copy<StudyValues[K]>>): boolean {
  try {
    if (items.size === 0) localStorage.removeItem(storageKey(kind));
    else localStorage.setItem(storageKey(kind), JSON.stringify({ version: 1, items: Object.fromEntries(items) }));
    studyChanged.value += 1;
    return true;
  } catch {
    return false;
  }
}

export function guestCopy<K extends StudyKind>(kind: K, key: string): Copy<StudyValues[K]> | undefined {
  return read(kind).get(key);
}

export function guestCopies<K extends StudyKind>(kind: K): Map<string, Copy<StudyValues[K]>> {
  return read(kind);
}

/**
 * Keeps (or, with null, forgets) a guest copy, changed now or at `updatedAt` (an imported copy
 * keeps its own time); false when the browser refuses to store it.
 */
export function keepGuestCopy<K extends StudyKind>(
  kind: K,
  key: string,
  value: StudyValues[K] | null,
  updatedAt = new Date().toISOString(),
): boolean {
  const items = read(kind);
  if (value === null) items.delete(key);
  else items.set(key, { value, updatedAt });
  return write(kind, items);
}

/** Storage changed in another tab. */
export function followOtherTabsStudy(): void {
  window.addEventListener('storage', (event) => {
    if (event.key?.startsWith('milepost:study:')) studyChanged.value += 1;
  });
}

export async function accountJson<T>(
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ status: number; data: T | null }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: text === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: text,
    // A save made as the page goes away (a note's last words) still arrives; browsers cap such bodies at 64 KB.
    keepalive: text !== undefined && text.length < 60_000,
  });
  const answer = await response.text();
  let data: T | null;
  try {
    data = answer ? (JSON.parse(answer) as T) : null;
  } catch {
    data = null;
  }
  return { status: response.status, data };
}

/** Stores a value on the account (the server's time is used); the stored copy's answer, or the error's. */
export function putAccountCopy<K extends StudyKind>(kind: K, key: string, value: StudyValues[K]) {
  const { updatedAt: _sent, ...body } = ACCOUNT[kind].body({ value, updatedAt: '' }) as Record<string, unknown>;
  return accountJson<Record<string, unknown> & { error?: { message: string } }>('PUT', ACCOUNT[kind].url(key), body);
}

/**
 * Once signed in: sends every guest copy to the account with its time (a newer one stored there
 * stays), then forgets those the server took or refused for good. Returns how many were sent.
 */
export async function mergeGuestStudy(): Promise<number> {
  let sent = 0;
  for (const kind of Object.keys(ACCOUNT) as StudyKind[]) {
    const items = read(kind);
    for (const [key, copy] of items) {
      let status: number;
      try {
        status = (await accountJson('PUT', ACCOUNT[kind].url(key), (ACCOUNT[kind].body as (c: typeof copy) => unknown)(copy))).status;
      } catch {
        return sent;
      }
      // Signed out, rate-limited or the server away: kept for the next page.
      if (status === 401 || status === 429 || status >= 500) continue;
      if (status >= 400) console.warn(`Milepost: the server refused this browser's ${kind} for ${key} (${status}); it was dropped.`);
      sent += 1;
      const now = read(kind);
      now.delete(key);
      write(kind, now);
    }
  }
  return sent;
}
