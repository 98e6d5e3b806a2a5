/** The home page's roadmap cards: "Your progress" from this browser, updated once the account's is synced. */
import type { SyncTarget } from './account.js';
import { $, $$ } from './dom.js';
import { loadProgress, type ProgressDoc } from './progress-store.js';

function renderCard(card: HTMLElement, doc: ProgressDoc): void {
  const total = Number(card.getAttribute('data-total')) || 0;
  const marked = Object.values(doc.topics).filter((e) => e.status !== 'pending');
  const complete = marked.filter((e) => e.status === 'done' || e.status === 'skipped').length;
  const learning = marked.filter((e) => e.status === 'learning').length;
  const el = $('[data-card-progress]', card);
  if (!el) return;
  el.textContent = `Your progress: ${Math.min(complete, total)} of ${total} done, ${learning} learning`;
  el.hidden = marked.length === 0;
}

/** Progress on each roadmap card; returns one sync target per card. */
export function setupHomePage(): SyncTarget[] {
  return $$('[data-roadmap-card]').map((card) => {
    const info = { id: card.getAttribute('data-roadmap-card') ?? '', retired: {} };
    renderCard(card, loadProgress(info));
    return { info, adopt: (doc) => renderCard(card, doc) };
  });
}
