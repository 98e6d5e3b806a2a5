/**
 * Shows statuses and search matches on the server-rendered diagram and outline, which are plain
 * HTML and SVG rather than islands (hundreds of nodes): marks by icon, strike-through, dimming and
 * text, never colour alone. Runs whenever the progress or the search changes.
 */
import { effect } from '@preact/signals';
import { countEntries, statusOf, type Status } from '../../shared/progress-rules.js';
import { progressOf } from '../state/progress.js';
import type { ClientRoadmap } from '../state/roadmap-data.js';
import { searchQuery } from '../state/ui.js';
import { matchingTopics } from '../islands/topic-search.js';

const ICONS: Record<Status, string> = { pending: '#s-none', done: '#s-done', learning: '#s-learning', skipped: '#s-skipped' };
const OUTLINE_ICONS: Record<Status, string> = { ...ICONS, pending: '#s-box' };
const WORDS: Record<Status, string> = { pending: 'not started', done: 'done', learning: 'learning', skipped: 'skipped' };
const SVG_NS = 'http://www.w3.org/2000/svg';
const LINKS = 'a.node[data-topic-id], a.outline-link[data-topic-id]';

/** The status icon of a diagram node, created on first use in its box's top-right corner. */
function statusIcon(node: Element): SVGUseElement {
  const existing = node.querySelector<SVGUseElement>('use.node-status');
  if (existing) return existing;
  const box = node.querySelector('rect');
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('class', 'node-status');
  use.setAttribute('x', String(Number(box?.getAttribute('x')) + Number(box?.getAttribute('width')) - 13));
  use.setAttribute('y', String(Number(box?.getAttribute('y')) - 8));
  use.setAttribute('width', '20');
  use.setAttribute('height', '20');
  node.append(use);
  return use;
}

function paintLink(el: Element, status: Status): void {
  el.classList.remove('is-done', 'is-learning', 'is-skipped');
  if (status !== 'pending') el.classList.add(`is-${status}`);
  if (el.classList.contains('node')) {
    if (status !== 'pending' || el.querySelector('use.node-status')) statusIcon(el).setAttribute('href', ICONS[status]);
    const base = el.getAttribute('data-label') ?? el.getAttribute('aria-label') ?? '';
    if (!el.hasAttribute('data-label')) el.setAttribute('data-label', base);
    el.setAttribute('aria-label', status === 'pending' ? base : `${base}, ${WORDS[status]}`);
  } else {
    const check = el.previousElementSibling;
    if (check?.matches('[data-check-topic]')) {
      check.setAttribute('aria-pressed', String(status === 'done'));
      check.classList.remove('is-done', 'is-learning', 'is-skipped');
      if (status !== 'pending') check.classList.add(`is-${status}`);
      check.querySelector('use')?.setAttribute('href', OUTLINE_ICONS[status]);
    }
    const text = el.querySelector('[data-status-text]');
    if (text) text.textContent = status === 'pending' ? '' : `, ${WORDS[status]}`;
  }
}

export function paintStatuses(roadmap: ClientRoadmap): void {
  const links = [...document.querySelectorAll(LINKS)];
  effect(() => {
    const entries = progressOf(roadmap.id).value;
    for (const el of links) paintLink(el, statusOf(entries, el.getAttribute('data-topic-id') ?? ''));
    for (const section of roadmap.sections) {
      const counts = countEntries(roadmap.index, entries, section.nodeIds);
      for (const el of document.querySelectorAll(`[data-section-count="${section.id}"]`))
        el.textContent = `${counts.complete} / ${counts.total} done`;
    }
  });
  effect(() => {
    const query = searchQuery.value;
    const matched = new Set(matchingTopics(roadmap.id, query));
    const active = query.trim() !== '';
    document.querySelector('.roadmap')?.classList.toggle('is-searching', active);
    for (const el of links) el.classList.toggle('is-match', active && matched.has(el.getAttribute('data-topic-id') ?? ''));
  });
}
