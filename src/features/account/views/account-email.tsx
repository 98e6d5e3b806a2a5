/** The email section of /account: the login address, a change waiting for confirmation, and the change form. */
import { AccountSection } from '../../../views/forms/form-section.js';
import { CurrentPasswordField, EmailField, FormAlert, SubmitButton, firstError } from '../../../views/forms/form-parts.js';
import { errorsFor, messageFor, valuesFor, type AccountFormState } from './account-types.js';
import { type AuthUser } from '../../auth/auth-user.js';

/** Changing the address needs the password; the new one must be confirmed, and the old one can undo it for 7 days. */
export function EmailSection({ user, state }: { user: AuthUser; state?: AccountFormState | undefined }) {
  const errors = errorsFor(state, 'email');
  const typed = valuesFor(state, 'email');
  const focus = firstError(errors, ['email', 'currentPassword']);
  return (
    <AccountSection id="email" title="Email">
      <FormAlert text={messageFor(state, 'email')} />
      <p>
        You log in with <strong>{user.email}</strong>
        {user.emailVerified ? ' (confirmed).' : ' (not confirmed yet).'}
      </p>
      {user.emailVerified ? null : (
        <form class="form form--inline" method="post" action="/account/verification">
          <p>Lost the confirmation link?</p>
          <button type="submit" class="button">
            Send a new confirmation link
          </button>
        </form>
      )}
      {user.pendingEmail ? (
        <form class="form form--inline" method="post" action="/account/email/cancel">
          <p>
            Waiting for you to confirm <strong>{user.pendingEmail}</strong> with the link we sent there.
          </p>
          <button type="submit" class="button">
            Cancel the change
          </button>
        </form>
      ) : null}
      <form class="form" method="post" action="/account/email">
        <EmailField
          id="email-new"
          label="New email"
          hint="We send a confirmation link to the new address and a notice to the current one, which can undo the change for 7 days."
          value={typed.email ?? ''}
          error={errors.email}
          autofocus={focus === 'email'}
        />
        <CurrentPasswordField
          id="email-password"
          name="currentPassword"
          label="Current password"
          error={errors.currentPassword}
          autofocus={focus === 'currentPassword'}
        />
        <SubmitButton>Change email</SubmitButton>
      </form>
    </AccountSection>
  );
}
