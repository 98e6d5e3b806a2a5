/**
 * The outline's checks: a tap marks a topic done, another tap takes it back, without opening the
 * drawer. Learning and skipped topics become done on the first tap.
 */
import { statusOf } from '../../shared/progress-rules.js';
import { progressOf, setStatus } from '../state/progress.js';
import type { ClientRoadmap } from '../state/roadmap-data.js';

export function checkFromOutline(roadmap: ClientRoadmap): void {
  const outline = document.querySelector('.outline');
  if (!outline) return;
  for (const check of outline.querySelectorAll<HTMLButtonElement>('[data-check-topic]')) check.hidden = false;
  outline.addEventListener('click', (event) => {
    const check = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-check-topic]');
    if (!check) return;
    const topicId = check.dataset.checkTopic ?? '';
    const done = statusOf(progressOf(roadmap.id).value, topicId) === 'done';
    setStatus(roadmap.id, topicId, done ? 'pending' : 'done');
  });
}
