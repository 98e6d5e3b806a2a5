/** Password change and "sign out everywhere" on /account. */
import { Field, FormAlert, SubmitButton, firstError } from './form-parts.js';
import { errorsFor, type AccountFormState, type AccountUser } from './account-types.js';

/** Change the password with the current one. */
export function PasswordSection({ user, state }: { user: AccountUser; state?: AccountFormState | undefined }) {
  const errors = errorsFor(state, 'password');
  const focus = firstError(errors, ['currentPassword', 'newPassword']);
  return (
    <section class="account-section" aria-labelledby="password-heading" id="password">
      <h2 id="password-heading">Password</h2>
      <FormAlert text={state?.form === 'password' ? state.message : undefined} />
      <form class="form" method="post" action="/account/password">
        {/* Unnamed, so never sent: it tells password managers which account the new password is for. */}
        <input type="email" autocomplete="username" value={user.email} hidden readonly />
        <Field
          id="password-current"
          name="currentPassword"
          type="password"
          label="Current password"
          autocomplete="current-password"
          required
          maxlength={1024}
          error={errors.currentPassword}
          autofocus={focus === 'currentPassword'}
        />
        <Field
          id="password-new"
          name="newPassword"
          type="password"
          label="New password"
          autocomplete="new-password"
          required
          minlength={8}
          maxlength={128}
          hint="8 to 128 characters, not a common password. Every other device is signed out."
          error={errors.newPassword}
          autofocus={focus === 'newPassword'}
        />
        <SubmitButton>Change password</SubmitButton>
      </form>
    </section>
  );
}

/** End every session; the client clears the account's local copy on submit. */
export function SessionsSection() {
  return (
    <section class="account-section" aria-labelledby="sessions-heading" id="sessions">
      <h2 id="sessions-heading">Sessions</h2>
      <p>Lost a device, or signed in on a shared computer? End every session of your account, this one included.</p>
      <form class="form form--inline" method="post" action="/account/sessions" data-logout-form>
        <button type="submit" class="button">
          Sign out everywhere
        </button>
      </form>
    </section>
  );
}
