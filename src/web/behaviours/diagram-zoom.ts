/**
 * Zoom for the diagram: buttons on any device, pinch on touch screens. The gesture is handled
 * inside the diagram's own box so it does not zoom the page. A box narrower than the diagram
 * opens it fitted to its width, and "Fit" goes back to that view.
 */
import { $, $$ } from '../dom.js';

const MIN = 0.3;
const MAX = 2.5;

/** Enables zoom on the page's diagram section, when there is one. */
export function diagramZoomSection(): void {
  const section = $('.diagram');
  if (!section) return;
  const viewport = $('[data-diagram-viewport]', section);
  const svg = viewport?.querySelector('svg');
  if (!viewport || !svg) return;
  const baseWidth = Number(svg.getAttribute('width')) || 1000;
  const baseHeight = Number(svg.getAttribute('height')) || 1000;
  let scale = 1;
  /** Set once the reader zooms: from then on the view stays as they left it. */
  let zoomed = false;
  const apply = (next: number, focusX = viewport.clientWidth / 2, focusY = viewport.clientHeight / 2) => {
    const clamped = Math.min(MAX, Math.max(MIN, next));
    const ratio = clamped / scale;
    const left = (viewport.scrollLeft + focusX) * ratio - focusX;
    const top = (viewport.scrollTop + focusY) * ratio - focusY;
    scale = clamped;
    svg.style.width = `${baseWidth * scale}px`;
    svg.style.height = `${baseHeight * scale}px`;
    viewport.scrollLeft = left;
    viewport.scrollTop = top;
    const reset = $('[data-zoom="reset"]', section);
    if (reset) reset.textContent = `${Math.round(scale * 100)}%`;
  };
  for (const el of $$('[data-needs-js]', section)) el.hidden = false;
  const zoom = (next: number) => {
    zoomed = true;
    apply(next);
  };
  const fitScale = () => Math.min(1, viewport.clientWidth / baseWidth);
  const fit = () => {
    apply(fitScale(), 0, 0);
    viewport.scrollLeft = 0;
  };
  $('[data-zoom="in"]', section)?.addEventListener('click', () => zoom(scale * 1.25));
  $('[data-zoom="out"]', section)?.addEventListener('click', () => zoom(scale / 1.25));
  $('[data-zoom="reset"]', section)?.addEventListener('click', () => zoom(1));
  $('[data-zoom="fit"]', section)?.addEventListener('click', () => {
    zoomed = false;
    fit();
  });
  // The box gets its width when the diagram is shown (on a phone the outline comes first) and when the screen turns.
  new ResizeObserver(() => {
    if (!zoomed && viewport.clientWidth > 0 && Math.abs(fitScale() - scale) > 0.001) fit();
  }).observe(viewport);

  let pinch: { distance: number; scale: number } | null = null;
  const distance = (touches: TouchList) => {
    const [a, b] = [touches[0], touches[1]];
    return a && b ? Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) : 0;
  };
  viewport.addEventListener(
    'touchstart',
    (event) => {
      if (event.touches.length === 2) {
        pinch = { distance: distance(event.touches), scale };
        zoomed = true;
      }
    },
    { passive: true },
  );
  viewport.addEventListener(
    'touchmove',
    (event) => {
      if (!pinch || event.touches.length !== 2) return;
      event.preventDefault();
      const [a, b] = [event.touches[0], event.touches[1]];
      if (!a || !b) return;
      const rect = viewport.getBoundingClientRect();
      apply(
        pinch.scale * (distance(event.touches) / pinch.distance),
        (a.clientX + b.clientX) / 2 - rect.left,
        (a.clientY + b.clientY) / 2 - rect.top,
      );
    },
    { passive: false },
  );
  viewport.addEventListener('touchend', () => {
    pinch = null;
  });
}
