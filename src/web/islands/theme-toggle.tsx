/** The theme toggle: follows the system until the visitor picks, then remembers the choice in a cookie. */
import { useEffect, useState } from 'preact/hooks';
import { setCookie } from '../dom.js';
import { island, useHydrated } from './island.js';

function effectiveTheme(): 'light' | 'dark' {
  const explicit = document.documentElement.dataset.theme;
  if (explicit === 'light' || explicit === 'dark') return explicit;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function ThemeToggle() {
  const ready = useHydrated();
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  useEffect(() => {
    setTheme(effectiveTheme());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => setTheme(effectiveTheme());
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, []);
  const toggle = () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    setCookie('mp_theme', next);
    setTheme(next);
  };
  // A toggle button named "Dark mode": pressed means the dark theme is showing. Useless without JavaScript, so hidden until then.
  return (
    <button type="button" class="theme-toggle" data-theme-toggle hidden={!ready} aria-pressed={ready && theme === 'dark'} onClick={toggle}>
      <svg aria-hidden="true" viewBox="0 0 24 24">
        <use href="#i-theme" />
      </svg>
      <span class="theme-toggle-label">Dark mode</span>
    </button>
  );
}

export const ThemeToggleIsland = island('theme-toggle', ThemeToggle);
