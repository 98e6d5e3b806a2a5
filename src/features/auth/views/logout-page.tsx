/** `/logout`: a confirmation form, so a link or a prefetch can never sign anyone out. */
import type { PageContext } from '../../../views/page-context.js';
import { AuthPage } from './auth-page.js';
import { SubmitButton } from '../../../views/forms/form-parts.js';

/** Asks before logging out; `who` is null when nobody is signed in. */
export function LogoutPage({ ctx, who }: { ctx: PageContext; who: string | null }) {
  return (
    <AuthPage ctx={ctx} title="Log out" path="/logout" account={who ?? undefined}>
      {who ? (
        <>
          <p>
            You are logged in as <strong>{who}</strong>. Logging out keeps your progress in your account; this browser goes back to guest mode.
          </p>
          <form class="form" method="post" action="/logout" data-logout-form>
            <SubmitButton>Log out</SubmitButton>
          </form>
        </>
      ) : (
        <p>
          You are not logged in. <a href="/login">Log in</a>
        </p>
      )}
    </AuthPage>
  );
}
