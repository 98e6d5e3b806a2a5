/** A short message at the top of the page, read out by screen readers (one at a time). */
export function announce(message: string): void {
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
  notice.textContent = message;
}

/** What a learner is told after their guest progress joined their account. */
export function mergedMessage(count: number, roadmapTitle: string): string {
  return count === 1
    ? `1 topic from this browser was added to your account (${roadmapTitle}).`
    : `${count} topics from this browser were added to your account (${roadmapTitle}).`;
}
