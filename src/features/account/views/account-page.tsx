/** `/account`: settings, security, API tokens, data export and deletion, one small form each. */
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import { DeleteSection, ExportSection } from './account-data.js';
import { EmailSection } from './account-email.js';
import { BadgesSection, ProfileSection, type BadgeRoadmap } from './account-profile.js';
import { PasswordSection, SessionsSection } from './account-security.js';
import { TokensSection } from './account-tokens.js';
import { type AccountFormState, type AccountToken } from './account-types.js';
import { displayName, type AuthUser } from '../../auth/auth-user.js';
import { Notice } from '../../../views/forms/form-parts.js';

export interface AccountPageProps {
  ctx: PageContext;
  user: AuthUser;
  tokens: AccountToken[];
  timeZones: readonly string[];
  notice?: string | null | undefined;
  /** A token just created: shown on this page only. */
  newToken?: { name: string; token: string } | undefined;
  state?: AccountFormState | undefined;
  /** The roadmaps a public profile can show a progress badge of. */
  badges?: BadgeRoadmap[];
}

/** The whole account page; `state` carries the errors of a refused form. */
export function AccountPage({ ctx, user, tokens, timeZones, notice, newToken, state, badges = [] }: AccountPageProps) {
  const name = displayName(user);
  return (
    <Layout ctx={ctx} title="Your account · Milepost" path="/account" account={name} noindex>
      <section class="account-page">
        <div class="account-heading">
          <h1>Your account</h1>
          <form method="post" action="/logout" data-logout-form>
            <button type="submit" class="button">
              Log out
            </button>
          </form>
        </div>
        <p class="lead">
          Logged in as <strong>{name}</strong>
          {name !== user.email ? ` (${user.email})` : null}. Your progress is saved to this account and follows you to every device.
        </p>
        <Notice text={notice} />
        <nav class="account-toc" aria-label="Account sections">
          <a href="#profile">Profile</a> <a href="#email">Email</a> <a href="#password">Password</a> <a href="#sessions">Sessions</a>{' '}
          <a href="#tokens">API tokens</a> <a href="#export">Your data</a> <a href="#delete">Delete account</a>
        </nav>
        <ProfileSection user={user} timeZones={timeZones} state={state} />
        <BadgesSection user={user} baseUrl={ctx.baseUrl} roadmaps={badges} />
        <EmailSection user={user} state={state} />
        <PasswordSection user={user} state={state} />
        <SessionsSection />
        <TokensSection tokens={tokens} newToken={newToken} state={state} />
        <ExportSection />
        <DeleteSection state={state} />
      </section>
    </Layout>
  );
}
