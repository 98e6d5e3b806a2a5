/** `/signup`: create an account. Guest progress in this browser is merged in afterwards by the client script. */
import type { PageContext } from '../page-context.js';
import { AuthPage, NextInput, withNext } from './auth-page.js';
import { Field, FormAlert, SubmitButton, firstError, type FieldErrors } from './form-parts.js';

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
        <Field
          id="signup-name"
          name="name"
          label="Name (optional)"
          autocomplete="name"
          maxlength={100}
          value={values.name}
          error={errors.name}
          autofocus={focus === 'name'}
        />
        <Field
          id="signup-email"
          name="email"
          type="email"
          label="Email"
          autocomplete="email"
          required
          maxlength={254}
          value={values.email}
          error={errors.email}
          autofocus={focus === 'email'}
        />
        <Field
          id="signup-password"
          name="password"
          type="password"
          label="Password"
          autocomplete="new-password"
          required
          minlength={8}
          maxlength={128}
          hint="8 to 128 characters, not a common password."
          error={errors.password}
          autofocus={focus === 'password'}
        />
        <NextInput next={next} />
        <SubmitButton>Create account</SubmitButton>
      </form>
      <p>
        Already have an account? <a href={withNext('/login', next)}>Log in</a>
      </p>
    </AuthPage>
  );
}
