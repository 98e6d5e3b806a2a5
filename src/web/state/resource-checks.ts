/**
 * Which resources of a topic the learner checked off: a guest's in this browser, an account's on
 * the server (read once per roadmap and page, after the guest copies are merged). Synced like
 * progress: per topic, the newer copy wins.
 */
import { signal, type Signal } from '@preact/signals';
import { accountStudyReady, currentUser } from './account.js';
import { accountJson, copyKey, guestCopies, keepGuestCopy, putAccountCopy, studyChanged } from './study-store.js';

const docs = new Map<string, Signal<Map<string, string[]>>>();

/** Topic id → checked URLs, for one roadmap. */
export function checksOf(roadmapId: string): Signal<Map<string, string[]>> {
  const known = docs.get(roadmapId);
  if (known) return known;
  const made = signal<Map<string, string[]>>(new Map());
  docs.set(roadmapId, made);
  const readGuest = () => {
    const prefix = `${roadmapId}/`;
    made.value = new Map(
      [...guestCopies('resources')].filter(([key]) => key.startsWith(prefix)).map(([key, c]) => [key.slice(prefix.length), c.value]),
    );
  };
  studyChanged.subscribe(() => {
    if (currentUser.value === null) readGuest();
  });
  currentUser.subscribe((user) => {
    if (user === null) readGuest();
  });
  accountStudyReady.subscribe((ready) => {
    if (!ready) return;
    void accountJson<{ topics: Record<string, { checked: string[] }> }>('GET', `/api/v1/me/resources/${encodeURIComponent(roadmapId)}`).then(
      ({ status, data }) => {
        if (status === 200 && data) made.value = new Map(Object.entries(data.topics).map(([id, c]) => [id, c.checked]));
      },
      () => undefined,
    );
  });
  return made;
}

/** Sets a topic's checked URLs where the learner's checks live; the error's message when refused. */
export async function setChecks(roadmapId: string, topicId: string, checked: string[]): Promise<string | null> {
  const doc = checksOf(roadmapId);
  const before = doc.value;
  doc.value = new Map(before).set(topicId, checked);
  if (currentUser.value) {
    try {
      const { status, data } = await putAccountCopy('resources', copyKey(roadmapId, topicId), checked);
      if (status === 200) return null;
      doc.value = before;
      return (data?.error as { message?: string } | undefined)?.message ?? `The server answered ${status}.`;
    } catch {
      doc.value = before;
      return 'Not saved: you seem to be offline.';
    }
  }
  return keepGuestCopy('resources', copyKey(roadmapId, topicId), checked.length > 0 ? checked : null)
    ? null
    : 'This browser refused to store it (storage full or blocked).';
}
