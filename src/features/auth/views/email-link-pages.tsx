/** The pages behind emailed links and the request for one: forgot password, reset password, verify email, undo an email change. */
import type { PageContext } from '../../../views/page-context.js';
import { AuthPage } from './auth-page.js';
import { EmailField, FormAlert, NewPasswordField, Notice, SubmitButton, type FieldErrors } from '../../../views/forms/form-parts.js';

/** Asks for the address to send a reset link to. */
export function ForgotPasswordPage({
  ctx,
  notice,
  email,
  errors = {},
  message,
}: {
  ctx: PageContext;
  notice?: string | null;
  email?: string;
  errors?: FieldErrors;
  message?: string;
}) {
  return (
    <AuthPage ctx={ctx} title="Reset your password" path="/forgot-password">
      <Notice text={notice} />
      <FormAlert text={message} />
      <p>Enter the email address of your account. We will send it a link to choose a new password.</p>
      <form class="form" method="post" action="/forgot-password">
        <EmailField id="forgot-email" value={email} error={errors.email} autofocus={Boolean(errors.email)} />
        <SubmitButton>Send the link</SubmitButton>
      </form>
      <p>
        Remembered it? <a href="/login">Log in</a>
      </p>
    </AuthPage>
  );
}

/** Without a usable token the page explains and offers a new link instead of a form. */
export function ResetPasswordPage({
  ctx,
  token,
  errors = {},
  message,
}: {
  ctx: PageContext;
  token: string | null;
  errors?: FieldErrors;
  message?: string;
}) {
  return (
    <AuthPage ctx={ctx} title="Choose a new password" path="/reset-password">
      <FormAlert text={message} />
      {token ? (
        <form class="form" method="post" action="/reset-password">
          <input type="hidden" name="token" value={token} />
          <NewPasswordField
            id="reset-password"
            name="password"
            label="New password"
            extraHint="Every device signed in to your account is signed out, and every API token is revoked."
            error={errors.password}
            autofocus={Boolean(errors.password)}
          />
          <SubmitButton>Set the new password</SubmitButton>
        </form>
      ) : (
        <p>
          <a href="/forgot-password">Ask for a new link</a>
        </p>
      )}
    </AuthPage>
  );
}

/** A button rather than an automatic check: mail scanners open links, and must not use the token up. */
export function VerifyEmailPage({ ctx, token, message, account }: { ctx: PageContext; token: string | null; message?: string; account?: string }) {
  return (
    <AuthPage ctx={ctx} title="Confirm your email" path="/verify-email" account={account}>
      <FormAlert text={message} />
      {token ? (
        <form class="form" method="post" action="/verify-email">
          <input type="hidden" name="token" value={token} />
          <p>Confirm that this email address belongs to you.</p>
          <SubmitButton>Confirm my email</SubmitButton>
        </form>
      ) : (
        <p>
          You can ask for a new confirmation link on <a href="/account">your account page</a>.
        </p>
      )}
    </AuthPage>
  );
}

/** Undoing an email change from the link mailed to the old address; a button, like verification. */
export function RevertEmailPage({ ctx, token, message }: { ctx: PageContext; token: string | null; message?: string }) {
  return (
    <AuthPage ctx={ctx} title="Keep your email address" path="/revert-email">
      <FormAlert text={message} />
      {token ? (
        <form class="form" method="post" action="/revert-email">
          <input type="hidden" name="token" value={token} />
          <p>
            Someone asked to change the email address of your account. If it was not you, keep this address: every device is signed out, every API
            token is revoked, and you can then choose a new password.
          </p>
          <SubmitButton danger>Keep this address and sign out everywhere</SubmitButton>
        </form>
      ) : (
        <p>
          If you still cannot sign in, <a href="/forgot-password">reset your password</a>.
        </p>
      )}
    </AuthPage>
  );
}
