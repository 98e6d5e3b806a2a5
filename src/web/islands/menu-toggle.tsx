/**
 * The header's menu button on narrow screens: shows and hides the site menu (`#site-menu`).
 * Without JavaScript the button stays hidden and the menu simply wraps under the brand.
 */
import { useEffect, useState } from 'preact/hooks';
import { island, useHydrated } from './island.js';

function MenuToggle() {
  const ready = useHydrated();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    document.getElementById('site-menu')?.classList.toggle('is-open', open);
  }, [open]);
  return (
    <button
      type="button"
      class="menu-toggle"
      aria-controls="site-menu"
      aria-expanded={open}
      hidden={!ready}
      onClick={() => setOpen(!open)}
      data-menu-toggle
    >
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
        <use href={open ? '#i-close' : '#i-menu'} />
      </svg>
      Menu
    </button>
  );
}

export const MenuToggleIsland = island('menu-toggle', MenuToggle);
