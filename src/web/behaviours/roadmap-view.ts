/** The Diagram / Outline switch: without JavaScript the links reload with `?view=`; with it the view changes in place and is remembered. */
import { $, $$, setCookie } from '../dom.js';
import { VIEW_COOKIE } from '../../shared/preference-cookies.js';

export function switchViewsInPlace(): void {
  const root = $('.roadmap');
  for (const link of $$<HTMLAnchorElement>('[data-view-link]')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const view = link.getAttribute('data-view-link') ?? 'auto';
      root?.setAttribute('data-view', view);
      setCookie(VIEW_COOKIE, view);
      for (const each of $$('[data-view-link]')) {
        if (each === link) each.setAttribute('aria-current', 'true');
        else each.removeAttribute('aria-current');
      }
    });
  }
}
