/**
 * Shows statuses on the page: diagram nodes, outline entries, status buttons, counters and
 * per-section counts. Status is conveyed by icon, text decoration and text, never colour alone.
 */
import { $$ } from './dom.js';
import { countProgress, type ProgressDoc, type Status } from './progress-store.js';

const ICONS: Record<Status, string> = { pending: '#s-none', done: '#s-done', learning: '#s-learning', skipped: '#s-skipped' };
const OUTLINE_ICONS: Record<Status, string> = { ...ICONS, pending: '#s-pending' };
const WORDS: Record<Status, string> = { pending: 'not started', done: 'done', learning: 'learning', skipped: 'skipped' };

export interface SectionInfo {
  id: string;
  nodeIds: string[];
}

export function statusOf(doc: ProgressDoc, id: string): Status {
  return doc.topics[id]?.status ?? 'pending';
}

const SVG_NS = 'http://www.w3.org/2000/svg';

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

function applyToLink(el: Element, status: Status): void {
  el.classList.remove('is-done', 'is-learning', 'is-skipped');
  if (status !== 'pending') el.classList.add(`is-${status}`);
  if (el.classList.contains('node')) {
    if (status !== 'pending' || el.querySelector('use.node-status')) statusIcon(el).setAttribute('href', ICONS[status]);
    const base = el.getAttribute('data-label') ?? el.getAttribute('aria-label') ?? '';
    if (!el.hasAttribute('data-label')) el.setAttribute('data-label', base);
    el.setAttribute('aria-label', status === 'pending' ? base : `${base}, ${WORDS[status]}`);
  } else if (el.classList.contains('outline-link')) {
    el.querySelector('.status-icon use')?.setAttribute('href', OUTLINE_ICONS[status]);
    const text = el.querySelector('[data-status-text]');
    if (text) text.textContent = status === 'pending' ? '' : `, ${WORDS[status]}`;
  }
}

export function renderStatuses(doc: ProgressDoc, allIds: readonly string[], sections: readonly SectionInfo[]): void {
  for (const el of $$('a.node[data-topic-id], a.outline-link[data-topic-id]')) {
    applyToLink(el, statusOf(doc, el.getAttribute('data-topic-id') ?? ''));
  }
  for (const group of $$('[data-status-for]')) {
    const status = statusOf(doc, group.getAttribute('data-status-for') ?? '');
    for (const button of $$<HTMLButtonElement>('button[data-set-status]', group)) {
      button.disabled = false;
      button.setAttribute('aria-pressed', String(button.getAttribute('data-set-status') === status && status !== 'pending'));
    }
    group.classList.add('is-ready');
  }
  const counts = countProgress(doc, allIds);
  for (const el of $$('[data-count]')) {
    const key = el.getAttribute('data-count') as keyof typeof counts;
    if (key in counts) el.textContent = String(counts[key]);
  }
  const bar = (name: string, value: number) => {
    for (const el of $$(`[data-bar="${name}"]`)) el.style.width = `${counts.total ? (value / counts.total) * 100 : 0}%`;
  };
  bar('done', counts.complete);
  bar('learning', counts.learning);
  for (const section of sections) {
    const c = countProgress(doc, section.nodeIds);
    for (const el of $$(`[data-section-count="${section.id}"]`)) el.textContent = `${c.complete} / ${c.total} done`;
  }
}
