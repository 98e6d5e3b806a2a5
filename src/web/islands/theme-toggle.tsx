/**
 * The theme choice: the system's (the default), light or dark. An explicit choice is kept in a
 * cookie so the server renders the next page in it; "system" forgets it. Useless without
 * JavaScript, so hidden until then.
 */
import { useEffect, useState } from 'preact/hooks';
import { THEME_COOKIE } from '../../shared/preference-cookies.js';
import { clearCookie, setCookie } from '../dom.js';
import { island, useHydrated } from './island.js';

type ThemeChoice = 'system' | 'light' | 'dark';

function currentChoice(): ThemeChoice {
  const explicit = document.documentElement.dataset.theme;
  return explicit === 'light' || explicit === 'dark' ? explicit : 'system';
}

function ThemeToggle() {
  const ready = useHydrated();
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(currentChoice()), []);
  const choose = (next: ThemeChoice) => {
    if (next === 'system') {
      delete document.documentElement.dataset.theme;
      clearCookie(THEME_COOKIE);
    } else {
      document.documentElement.dataset.theme = next;
      setCookie(THEME_COOKIE, next);
    }
    setChoice(next);
  };
  return (
    <label class="theme-toggle" hidden={!ready}>
      <svg aria-hidden="true" viewBox="0 0 24 24">
        <use href="#i-theme" />
      </svg>
      <span class="visually-hidden">Theme</span>
      <select data-theme-choice value={choice} onChange={(event) => choose(event.currentTarget.value as ThemeChoice)}>
        <option value="system">System theme</option>
        <option value="light">Light theme</option>
        <option value="dark">Dark theme</option>
      </select>
    </label>
  );
}

export const ThemeToggleIsland = island('theme-toggle', ThemeToggle);
