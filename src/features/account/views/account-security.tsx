/** Password change and "sign out everywhere" on /account. */
import { AccountSection } from '../../../views/forms/form-section.js';
import { CurrentPasswordField, FormAlert, NewPasswordField, SubmitButton, firstError } from '../../../views/forms/form-parts.js';
import { errorsFor, messageFor, type AccountFormState } from './account-types.js';
import { type AuthUser } from '../../auth/auth-user.js';

/** Change the password with the current one. */
export function PasswordSection({ user, state }: { user: AuthUser; state?: AccountFormState | undefined }) {
  const errors = errorsFor(state, 'password');
  const focus = firstError(errors, ['currentPassword', 'newPassword']);
  return (
    <AccountSection id="password" title="Password">
      <FormAlert text={messageFor(state, 'password')} />
      <form class="form" method="post" action="/account/password">
        {/* Unnamed, so never sent: it tells password managers which account the new password is for. */}
        <input type="email" autocomplete="username" value={user.email} hidden readonly />
        <CurrentPasswordField
          id="password-current"
          name="currentPassword"
          label="Current password"
          error={errors.currentPassword}
          autofocus={focus === 'currentPassword'}
        />
        <NewPasswordField
          id="password-new"
          name="newPassword"
          label="New password"
          extraHint="Every other device is signed out."
          error={errors.newPassword}
          autofocus={focus === 'newPassword'}
        />
        <SubmitButton>Change password</SubmitButton>
      </form>
    </AccountSection>
  );
}

/** End every session; the client clears the account's local copy on submit. */
export function SessionsSection() {
  return (
    <AccountSection id="sessions" title="Sessions">
      <p>Lost a device, or signed in on a shared computer? End every session of your account, this one included.</p>
      <form class="form form--inline" method="post" action="/account/sessions" data-logout-form>
        <button type="submit" class="button">
          Sign out everywhere
        </button>
      </form>
    </AccountSection>
  );
}
