/** Personal API tokens on /account: a new token is shown once, the list shows only prefixes. */
import { AccountSection } from '../../../views/forms/form-section.js';
import { Field, FormAlert, SubmitButton } from '../../../views/forms/form-parts.js';
import { errorsFor, messageFor, valuesFor, type AccountFormState, type AccountToken } from './account-types.js';

const day = (iso: string) => <time datetime={iso}>{iso.slice(0, 10)}</time>;

function NewToken({ token }: { token: { name: string; token: string } }) {
  return (
    <div class="new-token" role="status">
      <p>
        <strong>Your new token “{token.name}”:</strong>
      </p>
      <p>
        <code class="token-value" data-new-token>
          {token.token}
        </code>
      </p>
      <p>
        Copy it now: this is the only time it is shown, and we keep only a fingerprint of it. Send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code> to the <a href="/api/docs">API</a>.
      </p>
    </div>
  );
}

/** The token list, the create form and, right after creating one, the token itself. */
export function TokensSection({
  tokens,
  newToken,
  state,
}: {
  tokens: AccountToken[];
  newToken?: { name: string; token: string } | undefined;
  state?: AccountFormState | undefined;
}) {
  const errors = errorsFor(state, 'token');
  return (
    <AccountSection id="tokens" title="Personal API tokens">
      <p>A token lets a script or another program use the API as you. Revoke a token you no longer use.</p>
      {newToken ? <NewToken token={newToken} /> : null}
      {tokens.length === 0 ? (
        <p>You have no tokens.</p>
      ) : (
        <div class="table-scroll">
          <table class="token-table">
            <caption class="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr data-token-id={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{day(t.created_at)}</td>
                  <td>{t.last_used_at ? day(t.last_used_at) : 'Never'}</td>
                  <td>
                    <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                      <button type="submit" class="button button--danger">
                        Revoke<span class="visually-hidden"> token “{t.name}”</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Create a token</h3>
      <FormAlert text={messageFor(state, 'token')} />
      <form class="form" method="post" action="/account/tokens">
        <Field
          id="token-name"
          name="name"
          label="Token name"
          autocomplete="off"
          required
          maxlength={60}
          hint="What will use it, e.g. “laptop backup script”."
          value={valuesFor(state, 'token').name}
          error={errors.name}
          autofocus={Boolean(errors.name)}
        />
        <SubmitButton>Create token</SubmitButton>
      </form>
    </AccountSection>
  );
}
