/** What the page says now, by slot: messages that arrive together (two merges at sign-up) show together, in slot order. */
const shown = new Map<number, string>();

/** Where each kind of message goes in the notice, whichever arrives first. */
export const NOTICE_SLOTS = { progress: 0, reviews: 1 } as const;

/** A short message at the top of the page, read out by screen readers; a later one in the same slot replaces it. */
export function announce(message: string, slot = 0): void {
  const main = document.getElementById('main');
  if (!main) return;
  let notice = document.getElementById('page-notice');
  if (!notice) {
    notice = document.createElement('p');
    notice.id = 'page-notice';
    notice.className = 'notice';
    notice.setAttribute('role', 'status');
    main.prepend(notice);
  }
  shown.set(slot, message);
  notice.textContent = [...shown.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, text]) => text)
    .join(' ');
}

/** What a learner is told after their guest progress joined their account. */
export function mergedMessage(count: number, roadmapTitle: string): string {
  return count === 1
    ? `1 topic from this browser was added to your account (${roadmapTitle}).`
    : `${count} topics from this browser were added to your account (${roadmapTitle}).`;
}
