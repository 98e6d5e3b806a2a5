/** `/signup`: create an account. Guest progress in this browser is merged in afterwards by the client script. */
import type { PageContext } from '../../../views/page-context.js';
import { AuthPage, NextInput, withNext } from './auth-page.js';
import { EmailField, FormAlert, NameField, NewPasswordField, SubmitButton, firstError, type FieldErrors } from '../../../views/forms/form-parts.js';

export interface SignupPageProps {
  ctx: PageContext;
  next: string | null;
  values?: { name?: string; email?: string };
  errors?: FieldErrors;
  message?: string;
}

/** The sign-up form, with what was typed and the errors when it was refused. */
export function SignupPage({ ctx, next, values = {}, errors = {}, message }: SignupPageProps) {
  const focus = firstError(errors, ['name', 'email', 'password']);
  return (
    <AuthPage ctx={ctx} title="Create your account" path="/signup">
      <p class="lead">An account keeps your progress on every device. What you already marked in this browser is kept and added to your account.</p>
      <FormAlert text={message} />
      <form class="form" method="post" action="/signup">
        <NameField id="signup-name" label="Name (optional)" value={values.name} error={errors.name} autofocus={focus === 'name'} />
        <EmailField id="signup-email" value={values.email} error={errors.email} autofocus={focus === 'email'} />
        <NewPasswordField id="signup-password" name="password" label="Password" error={errors.password} autofocus={focus === 'password'} />
        <NextInput next={next} />
        <SubmitButton>Create account</SubmitButton>
      </form>
      <p>
        Already have an account? <a href={withNext('/login', next)}>Log in</a>
      </p>
    </AuthPage>
  );
}
