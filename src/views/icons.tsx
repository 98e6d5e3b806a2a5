/**
 * One inline sprite of symbols, referenced with `<use href="#…">`. Marks and statuses differ
 * in shape, not only in colour.
 */
import type { Mark } from '../content/content-schema.js';

export const MARK_LABELS: Record<Mark, string> = {
  recommended: 'Personal recommendation',
  alternative: 'Alternative option: pick this or another',
  'any-order': 'Order not strict: learn it any time',
  'not-recommended': 'Not recommended',
};

/** What the diagram's lines mean, in the legend of the page and of the PDF. */
export const EDGE_LABELS = {
  spine: 'Line: the order to learn in',
  extra: 'Dashed arrow: leads on to',
} as const;

export const MARK_SHORT: Record<Mark, string> = {
  recommended: 'Recommended',
  alternative: 'Alternative',
  'any-order': 'Any order',
  'not-recommended': 'Not recommended',
};

export function Icons() {
  return (
    <svg class="icon-sprite" aria-hidden="true" focusable="false" width="0" height="0">
      <symbol id="i-milepost" viewBox="0 0 24 24">
        <path d="M11 2h2v20h-2z" />
        <path d="M4 4h12l3.5 3.5L16 11H4z" />
        <path d="M20 13H9l-3 3 3 3h11z" opacity=".6" />
      </symbol>
      <symbol id="i-theme" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M12 3a9 9 0 0 1 0 18z" />
      </symbol>
      <symbol id="i-menu" viewBox="0 0 24 24">
        <path d="M4 6h16M4 12h16M4 18h16" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
      </symbol>
      <symbol id="i-close" viewBox="0 0 24 24">
        <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
      </symbol>
      <symbol id="s-box" viewBox="0 0 24 24">
        <rect x="2.5" y="2.5" width="19" height="19" rx="4.5" fill="none" stroke="currentColor" stroke-width="2" />
      </symbol>
      <symbol id="m-recommended" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="11" />
        <path class="glyph" d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
      </symbol>
      <symbol id="m-alternative" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="11" />
        <path class="glyph" d="M6 9h11l-3-3M18 15H7l3 3" fill="none" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
      </symbol>
      <symbol id="m-any-order" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="11" />
        <circle class="glyph-fill" cx="7" cy="12" r="1.8" />
        <circle class="glyph-fill" cx="12" cy="12" r="1.8" />
        <circle class="glyph-fill" cx="17" cy="12" r="1.8" />
      </symbol>
      <symbol id="m-not-recommended" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="11" />
        <path class="glyph" d="M7 7l10 10M17 7L7 17" fill="none" stroke-width="2.6" stroke-linecap="round" />
      </symbol>
      <symbol id="s-done" viewBox="0 0 24 24">
        <rect x="1.5" y="1.5" width="21" height="21" rx="5" />
        <path class="glyph" d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke-width="2.8" stroke-linecap="round" stroke-linejoin="round" />
      </symbol>
      <symbol id="s-learning" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2.5" />
        <path d="M12 2a10 10 0 0 1 0 20z" />
      </symbol>
      <symbol id="s-skipped" viewBox="0 0 24 24">
        <path d="M3 5l9 7-9 7zM11 5l9 7-9 7z" />
        <path d="M20.5 5v14" fill="none" stroke="currentColor" stroke-width="2.5" />
      </symbol>
      <symbol id="s-pending" viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
      </symbol>
    </svg>
  );
}

/** A small inline icon from the sprite. */
export function Icon({ id, label, class: className }: { id: string; label?: string; class?: string }) {
  return (
    <svg
      class={`icon ${className ?? ''}`}
      viewBox="0 0 24 24"
      aria-hidden={label ? undefined : 'true'}
      role={label ? 'img' : undefined}
      aria-label={label}
    >
      <use href={`#${id}`} />
    </svg>
  );
}
