/** Data export and account deletion on /account. */
import { FieldError, Field, FormAlert, SubmitButton, firstError } from './form-parts.js';
import { errorsFor, type AccountFormState } from './account-types.js';

/** A link to the JSON export (a GET the browser downloads). */
export function ExportSection() {
  return (
    <section class="account-section" aria-labelledby="export-heading" id="export">
      <h2 id="export-heading">Your data</h2>
      <p>Download everything stored about you (account, progress, activity and token names) as one JSON file.</p>
      <p>
        <a class="button" href="/api/v1/me/export" download>
          Export my data
        </a>
      </p>
    </section>
  );
}

/** Account deletion: needs the password and a ticked confirmation. */
export function DeleteSection({ state }: { state?: AccountFormState | undefined }) {
  const errors = errorsFor(state, 'delete');
  const focus = firstError(errors, ['password', 'confirm']);
  return (
    <section class="account-section account-section--danger" aria-labelledby="delete-heading" id="delete">
      <h2 id="delete-heading">Delete account</h2>
      <p>
        This deletes your account, your progress, your activity and your tokens at once. It cannot be undone. Export your data first if you want it.
      </p>
      <FormAlert text={state?.form === 'delete' ? state.message : undefined} />
      <form class="form" method="post" action="/account/delete" data-logout-form>
        <Field
          id="delete-password"
          name="password"
          type="password"
          label="Your password"
          autocomplete="current-password"
          required
          maxlength={1024}
          error={errors.password}
          autofocus={focus === 'password'}
        />
        <div class={errors.confirm ? 'field field--check has-error' : 'field field--check'}>
          <input
            id="delete-confirm"
            type="checkbox"
            name="confirm"
            value="yes"
            required
            autofocus={focus === 'confirm'}
            aria-invalid={errors.confirm ? 'true' : undefined}
            aria-describedby={errors.confirm ? 'delete-confirm-error' : undefined}
          />
          <label for="delete-confirm">I understand that my account and all its data will be deleted for good.</label>
          <FieldError id="delete-confirm" error={errors.confirm} />
        </div>
        <SubmitButton danger>Delete my account</SubmitButton>
      </form>
    </section>
  );
}
