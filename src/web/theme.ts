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
  const label = $('.theme-toggle-label', button);
  const sync = () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    button.setAttribute('aria-label', `Switch to ${next} theme`);
    button.title = `Switch to ${next} theme`;
    button.setAttribute('aria-pressed', String(effectiveTheme() === 'dark'));
    if (label) label.textContent = effectiveTheme() === 'dark' ? 'Dark' : 'Light';
  };
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
