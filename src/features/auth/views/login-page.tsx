/** `/login`: sign in with email and password. */
import type { PageContext } from '../../../views/page-context.js';
import { AuthPage, NextInput, withNext } from './auth-page.js';
import { CurrentPasswordField, EmailField, FormAlert, Notice, SubmitButton, firstError, type FieldErrors } from '../../../views/forms/form-parts.js';

export interface LoginPageProps {
  ctx: PageContext;
  next: string | null;
  notice?: string | null;
  email?: string;
  errors?: FieldErrors;
  message?: string;
}

/** The log-in form, with a notice after a redirect or an error after a refusal. */
export function LoginPage({ ctx, next, notice, email, errors = {}, message }: LoginPageProps) {
  const focus = firstError(errors, ['email', 'password']);
  return (
    <AuthPage ctx={ctx} title="Log in" path="/login">
      <Notice text={notice} />
      <FormAlert text={message} />
      <form class="form" method="post" action="/login">
        <EmailField id="login-email" value={email} error={errors.email} autofocus={focus === 'email'} />
        <CurrentPasswordField id="login-password" name="password" label="Password" error={errors.password} autofocus={focus === 'password'} />
        <NextInput next={next} />
        <SubmitButton>Log in</SubmitButton>
      </form>
      <p>
        <a href="/forgot-password">Forgot your password?</a>
      </p>
      <p>
        New here? <a href={withNext('/signup', next)}>Create an account</a>
      </p>
    </AuthPage>
  );
}
