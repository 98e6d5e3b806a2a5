/**
 * The header's account area. Cached pages are the same for everyone and show "Log in" / "Sign up";
 * when the `mp_signed_in` hint cookie is present and the session still answers, they are swapped
 * for a link to the account (the same markup as AccountLink in src/views/layout.tsx).
 */
import { $, $$ } from './dom.js';
import type { SyncUser } from './sync.js';

const HINT_COOKIE = 'mp_signed_in';
/** Pages where returning to them after signing in makes no sense. */
const NO_RETURN = new Set(['/', '/login', '/signup', '/logout', '/forgot-password', '/reset-password', '/verify-email']);

let guestLinks: Node[] | null = null;

/** True when the server said at sign-in that this browser has a session (the cookie holds no secret). */
export function hasSignedInHint(): boolean {
  return document.cookie.split(/;\s*/).some((part) => part.startsWith(`${HINT_COOKIE}=`));
}

/** Deletes the hint, so later pages do not ask for a session that is gone. */
export function dropSignedInHint(): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

/** Points "Log in" and "Sign up" back at this page, so signing in returns here. */
export function setupGuestLinks(): void {
  if (NO_RETURN.has(location.pathname)) return;
  const next = encodeURIComponent(location.pathname);
  for (const link of $$<HTMLAnchorElement>('[data-login-link], [data-signup-link]')) {
    link.href = `${link.pathname}?next=${next}`;
  }
}

/** Replaces "Log in" / "Sign up" with the link to the account. */
export function showAccount(user: SyncUser): void {
  const nav = $('[data-account-nav]');
  if (!nav || $('[data-account-link]', nav)) return;
  guestLinks = [...nav.childNodes];
  const link = document.createElement('a');
  link.className = 'account-link';
  link.href = '/account';
  link.setAttribute('data-account-link', '');
  const name = document.createElement('span');
  name.className = 'account-name';
  name.textContent = user.name.trim() || user.email;
  link.append('Account ', name);
  nav.replaceChildren(link);
}

/** Back to "Log in" / "Sign up" (the session ended while the page was open). */
export function showGuest(): void {
  const nav = $('[data-account-nav]');
  if (nav && guestLinks) nav.replaceChildren(...guestLinks);
  guestLinks = null;
}

/** The signed-in user, or null for a guest (no hint, session gone, or offline). */
export async function loadAccount(): Promise<SyncUser | null> {
  if (!hasSignedInHint()) return null;
  let response: Response;
  try {
    response = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    return null;
  }
  if (response.status === 401) {
    dropSignedInHint();
    return null;
  }
  if (!response.ok) return null;
  const { user } = (await response.json()) as { user: SyncUser };
  return user;
}
