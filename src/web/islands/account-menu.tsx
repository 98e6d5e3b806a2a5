/**
 * The header's account area: "Log in" and "Sign up" (pointing back at this page), or links to
 * the account and its notes. Pages rendered per request know the user; cached pages learn it in the browser.
 */
import { island, useHydrated } from './island.js';
import { currentUser } from '../state/account.js';

export interface AccountMenuProps {
  /** The signed-in user's display name, when the server rendered this page for them. */
  name: string | null;
}

/** Pages where returning to them after signing in makes no sense. */
const NO_RETURN = new Set(['/', '/login', '/signup', '/logout', '/forgot-password', '/reset-password', '/verify-email']);

function AccountMenu({ name }: AccountMenuProps) {
  const ready = useHydrated();
  const user = ready ? currentUser.value : undefined;
  const shown = user === undefined ? name : user ? user.name.trim() || user.email : null;
  if (shown !== null) {
    return (
      <div class="account-nav" data-account-nav>
        <a href="/notes" data-notes-link>
          My notes
        </a>
        <a class="account-link" href="/account" data-account-link>
          Account <span class="account-name">{shown}</span>
        </a>
      </div>
    );
  }
  const here = ready && !NO_RETURN.has(location.pathname) ? `?next=${encodeURIComponent(location.pathname)}` : '';
  return (
    <div class="account-nav" data-account-nav>
      <a href={`/login${here}`} data-login-link>
        Log in
      </a>
      <a class="button" href={`/signup${here}`} data-signup-link>
        Sign up
      </a>
    </div>
  );
}

export const AccountMenuIsland = island('account-menu', AccountMenu);
