/**
 * Review cards in the browser. A guest's cards live in localStorage (`milepost:review-cards`,
 * `{version: 1, cards: [...]}`) and are scheduled by the server with every answer; an account's
 * live on the server, and a guest's are merged into it at sign-in (the later review wins per
 * card), then forgotten here. The due count in the header reads from here for both.
 */
import { signal } from '@preact/signals';
import type { TopicQuestions } from '../../features/quiz/schema.js';
import { cardKey, dueToday, emptyCard, type ReviewCard } from '../../shared/review-cards.js';
import { announce, NOTICE_SLOTS } from '../behaviours/announce.js';

export const REVIEW_STORAGE_KEY = 'milepost:review-cards';

/** The browser's time zone: a guest's day ends at their own midnight. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function load(storage: Storage): Map<string, ReviewCard> {
  try {
    const data = JSON.parse(storage.getItem(REVIEW_STORAGE_KEY) ?? 'null') as { cards?: ReviewCard[] } | null;
    const cards = Array.isArray(data?.cards) ? data.cards.filter((c) => typeof c?.questionId === 'string' && typeof c?.due === 'string') : [];
    return new Map(cards.map((c) => [cardKey(c), c]));
  } catch {
    return new Map();
  }
}

/** The guest's cards (empty for an account, whose cards are on the server). */
export const guestCards = signal<Map<string, ReviewCard>>(typeof localStorage === 'undefined' ? new Map() : load(localStorage));

/** Cards due today: the guest's counted here, an account's as the server said (undefined until known). */
export const accountDueCount = signal<number | undefined>(undefined);

function save(cards: Map<string, ReviewCard>): void {
  guestCards.value = cards;
  try {
    if (cards.size === 0) localStorage.removeItem(REVIEW_STORAGE_KEY);
    else localStorage.setItem(REVIEW_STORAGE_KEY, JSON.stringify({ version: 1, cards: [...cards.values()] }));
  } catch {
    /* storage full or blocked: the cards stay for this page */
  }
}

export function guestCard(roadmapId: string, questionId: string): ReviewCard | undefined {
  return guestCards.value.get(cardKey({ roadmapId, questionId }));
}

export function keepGuestCards(cards: readonly ReviewCard[]): void {
  const next = new Map(guestCards.value);
  for (const card of cards) next.set(cardKey(card), card);
  save(next);
}

/** A guest marked a topic done: its questions join the queue, due now; cards already there stay. */
export async function addGuestTopic(roadmapId: string, topicId: string): Promise<void> {
  let doc: TopicQuestions;
  try {
    const response = await fetch(`/api/v1/roadmaps/${encodeURIComponent(roadmapId)}/topics/${encodeURIComponent(topicId)}/questions`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return;
    doc = (await response.json()) as TopicQuestions;
  } catch {
    return;
  }
  const now = new Date();
  const next = new Map(guestCards.value);
  for (const q of doc.questions) {
    const card = emptyCard({ roadmapId, questionId: q.id, topicId }, now);
    if (!next.has(cardKey(card))) next.set(cardKey(card), card);
  }
  save(next);
}

/** The guest's cards due by their midnight, soonest first. */
export function guestDue(now = new Date()): ReviewCard[] {
  return dueToday([...guestCards.value.values()], now, browserTimeZone());
}

/** Storage changed in another tab. */
export function followOtherTabsCards(): void {
  window.addEventListener('storage', (event) => {
    if (event.key === REVIEW_STORAGE_KEY) guestCards.value = load(localStorage);
  });
}

/**
 * Once signed in: sends this browser's guest cards to the account and forgets them here, then
 * learns the account's due count. A merge the server refuses (a wrong clock, say) is not retried.
 */
export async function syncAccountCards(): Promise<void> {
  const cards = [...guestCards.value.values()];
  if (cards.length > 0) {
    try {
      const response = await fetch('/api/v1/me/reviews/merge', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ cards }),
      });
      if (response.ok) {
        const { merged } = (await response.json()) as { merged: number };
        save(new Map());
        if (merged > 0)
          announce(
            merged === 1 ? '1 review card from this browser joined your account.' : `${merged} review cards from this browser joined your account.`,
            NOTICE_SLOTS.reviews,
          );
      } else if (response.status !== 401 && response.status !== 429 && response.status < 500) {
        console.warn(`Milepost: the server refused this browser's review cards (${response.status}); they were dropped.`);
        save(new Map());
      }
    } catch {
      /* offline: merged at the next page */
    }
  }
  await refreshAccountDue();
}

export async function refreshAccountDue(): Promise<void> {
  try {
    const response = await fetch('/api/v1/me/reviews/due', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.ok) accountDueCount.value = ((await response.json()) as { count: number }).count;
  } catch {
    /* offline: the count stays as it was */
  }
}
