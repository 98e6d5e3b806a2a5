/** Data export and account deletion on /account. */
import { AccountSection } from '../../../views/forms/form-section.js';
import { CheckField, CurrentPasswordField, FormAlert, SubmitButton, firstError } from '../../../views/forms/form-parts.js';
import { errorsFor, messageFor, type AccountFormState } from './account-types.js';

/** A link to the JSON export (a GET the browser downloads). */
export function ExportSection() {
  return (
    <AccountSection id="export" title="Your data">
      <p>Download everything stored about you (account, progress, activity and token names) as one JSON file.</p>
      <p>
        <a class="button" href="/api/v1/me/export" download>
          Export my data
        </a>
      </p>
    </AccountSection>
  );
}

/** Account deletion: needs the password and a ticked confirmation. */
export function DeleteSection({ state }: { state?: AccountFormState | undefined }) {
  const errors = errorsFor(state, 'delete');
  const focus = firstError(errors, ['password', 'confirm']);
  return (
    <AccountSection id="delete" title="Delete account" danger>
      <p>
        This deletes your account, your progress, your activity and your tokens at once. It cannot be undone. Export your data first if you want it.
      </p>
      <FormAlert text={messageFor(state, 'delete')} />
      <form class="form" method="post" action="/account/delete" data-logout-form>
        <CurrentPasswordField id="delete-password" name="password" label="Your password" error={errors.password} autofocus={focus === 'password'} />
        <CheckField
          id="delete-confirm"
          name="confirm"
          value="yes"
          label="I understand that my account and all its data will be deleted for good."
          required
          error={errors.confirm}
          autofocus={focus === 'confirm'}
        />
        <SubmitButton danger>Delete my account</SubmitButton>
      </form>
    </AccountSection>
  );
}
