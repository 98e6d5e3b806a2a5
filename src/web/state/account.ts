/**
 * The signed-in side of the client: who is signed in (a signal the header shows), account sync of
 * the page's roadmaps through ProgressSync, and handing the browser back to a guest on logout.
 * Cached pages are the same for everyone; the `mp_signed_in` hint cookie (no secret) says whether
 * to ask the server who is there.
 */
import { signal } from '@preact/signals';
import type { TopicEntries } from '../../shared/progress-rules.js';
import { ProgressSync, type SyncUser } from '../sync.js';
import { forgetAccountData, type NewQueueItem } from '../sync-state.js';
import { syncAccountCards } from './review-cards.js';
import { mergeGuestStudy } from './study-store.js';
import type { ClientRoadmap } from './roadmap-data.js';

const HINT_COOKIE = 'mp_signed_in';
/** How long logging out waits for queued changes to reach the server. */
const LOGOUT_FLUSH_MS = 3000;

/** The signed-in user; undefined until known, null for a guest. */
export const currentUser = signal<SyncUser | null | undefined>(undefined);

/**
 * True once the account's plans, notes and resource checks can be read from the server: this
 * browser's guest copies have been merged into it. Stays false for guests.
 */
export const accountStudyReady = signal(false);

let sync: ProgressSync | null = null;
/** Changes made before we know who is signed in; sent once we do. */
let early: NewQueueItem[] = [];
let waiting = typeof document !== 'undefined' && hasSignedInHint();

/** True when the server said at sign-in that this browser has a session. */
export function hasSignedInHint(): boolean {
  return document.cookie.split(/;\s*/).some((part) => part.startsWith(`${HINT_COOKIE}=`));
}

/** Deletes the hint, so later pages do not ask for a session that is gone. */
function dropSignedInHint(): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

/** The signed-in user, or null for a guest (no hint, session gone, or offline). */
async function loadAccount(): Promise<SyncUser | null> {
  if (!hasSignedInHint()) return null;
  let response: Response;
  try {
    response = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    return null;
  }
  if (response.status === 401) {
    dropSignedInHint();
    return null;
  }
  if (!response.ok) return null;
  return ((await response.json()) as { user: SyncUser }).user;
}

/** Sends a change (already applied locally) to the account, when there is one. */
export function queueChange(item: NewQueueItem): void {
  if (sync) sync.queue(item);
  else if (waiting) early.push(item);
}

/**
 * Run once per page: finds out who is signed in, then for each roadmap on the page flushes the
 * queue, merges this browser's guest progress once or adopts the account's, and shows it.
 */
export async function startAccount(roadmaps: ClientRoadmap[], adopt: (roadmapId: string, entries: TopicEntries) => void): Promise<void> {
  setupLogoutForms();
  const user = await loadAccount();
  waiting = false;
  currentUser.value = user;
  if (!user) {
    early = [];
    return;
  }
  const started = new ProgressSync(user, () => {
    sync = null;
    dropSignedInHint();
    currentUser.value = null;
  });
  sync = started;
  void syncAccountCards();
  void mergeGuestStudy().finally(() => (accountStudyReady.value = true));
  for (const item of early.splice(0)) started.queue(item);
  for (const roadmap of roadmaps) {
    const entries = await started.syncRoadmap(roadmap);
    if (entries) adopt(roadmap.id, entries);
  }
  await started.flush();
}

/** Logout, "sign out everywhere" and account deletion: send what is queued, then forget the account's local copy. */
function setupLogoutForms(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-logout-form]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      for (const button of form.querySelectorAll('button')) button.disabled = true;
      const current = sync;
      const flushed = current ? Promise.race([current.flush(), new Promise((resolve) => setTimeout(resolve, LOGOUT_FLUSH_MS))]) : Promise.resolve();
      void flushed.then(() => {
        if (current) current.active = false;
        sync = null;
        forgetAccountData(localStorage);
        form.submit();
      });
    });
  }
}
