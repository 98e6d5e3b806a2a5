/** The theme toggle: follows the system until the visitor picks, then remembers the choice in a cookie. */
import { $, setCookie } from './dom.js';

function effectiveTheme(): 'light' | 'dark' {
  const explicit = document.documentElement.dataset.theme;
  if (explicit === 'light' || explicit === 'dark') return explicit;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function setupThemeToggle(): void {
  const button = $<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  // A toggle button named "Dark mode": pressed means the dark theme is showing.
  const sync = () => button.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
  button.hidden = false;
  button.addEventListener('click', () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    setCookie('mp_theme', next);
    sync();
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
  sync();
}
