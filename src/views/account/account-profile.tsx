/** The profile form of /account: name, username, email, time zone and public profile. */
import { FieldError, Field, FormAlert, SubmitButton, firstError } from './form-parts.js';
import { errorsFor, type AccountFormState, type AccountUser } from './account-types.js';

const USERNAME_HTML_PATTERN = '[a-z0-9](?:[a-z0-9\\-]{0,28}[a-z0-9])?';

/** The profile form, showing what was typed when it was refused. */
export function ProfileSection({
  user,
  timeZones,
  state,
}: {
  user: AccountUser;
  timeZones: readonly string[];
  state?: AccountFormState | undefined;
}) {
  const errors = errorsFor(state, 'profile');
  const typed = state?.form === 'profile' ? (state.values ?? {}) : {};
  const value = (name: string, saved: string) => typed[name] ?? saved;
  const zone = value('timeZone', user.timeZone);
  const isPublic = state?.form === 'profile' ? typed.publicProfile !== undefined : user.publicProfile;
  const focus = firstError(errors, ['name', 'username', 'email', 'timeZone', 'publicProfile']);
  return (
    <section class="account-section" aria-labelledby="profile-heading" id="profile">
      <h2 id="profile-heading">Profile</h2>
      <FormAlert text={state?.form === 'profile' ? state.message : undefined} />
      <form class="form" method="post" action="/account/profile">
        <Field
          id="profile-name"
          name="name"
          label="Name"
          autocomplete="name"
          maxlength={100}
          value={value('name', user.name)}
          error={errors.name}
          autofocus={focus === 'name'}
        />
        <Field
          id="profile-username"
          name="username"
          label="Username"
          autocomplete="username"
          maxlength={30}
          pattern={USERNAME_HTML_PATTERN}
          hint="Lower-case letters, digits and hyphens. Needed for a public profile."
          value={value('username', user.username ?? '')}
          error={errors.username}
          autofocus={focus === 'username'}
        />
        <Field
          id="profile-email"
          name="email"
          type="email"
          label="Email"
          autocomplete="email"
          required
          maxlength={254}
          hint={user.emailVerified ? 'Confirmed.' : 'Not confirmed yet. Changing it sends a confirmation link to the new address.'}
          value={value('email', user.email)}
          error={errors.email}
          autofocus={focus === 'email'}
        />
        <div class={errors.timeZone ? 'field has-error' : 'field'}>
          <label for="profile-time-zone">Time zone</label>
          <p class="hint" id="profile-time-zone-hint">
            Days of activity and streaks are counted in this time zone.
          </p>
          <select
            id="profile-time-zone"
            name="timeZone"
            autofocus={focus === 'timeZone'}
            aria-invalid={errors.timeZone ? 'true' : undefined}
            aria-describedby={errors.timeZone ? 'profile-time-zone-hint profile-time-zone-error' : 'profile-time-zone-hint'}
          >
            {(timeZones.includes(zone) ? timeZones : [zone, ...timeZones]).map((z) => (
              <option value={z} selected={z === zone}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <FieldError id="profile-time-zone" error={errors.timeZone} />
        </div>
        <div class={errors.publicProfile ? 'field field--check has-error' : 'field field--check'}>
          <input
            id="profile-public"
            type="checkbox"
            name="publicProfile"
            value="on"
            checked={isPublic}
            autofocus={focus === 'publicProfile'}
            aria-invalid={errors.publicProfile ? 'true' : undefined}
            aria-describedby={errors.publicProfile ? 'profile-public-hint profile-public-error' : 'profile-public-hint'}
          />
          <label for="profile-public">Public profile</label>
          <p class="hint" id="profile-public-hint">
            Shows your name, your progress per roadmap and your activity to anyone with the link. Your email is never shown.
          </p>
          <FieldError id="profile-public" error={errors.publicProfile} />
        </div>
        {user.publicProfile && user.username ? (
          <p>
            Your public profile: <a href={`/u/${user.username}`}>/u/{user.username}</a>
          </p>
        ) : null}
        <SubmitButton>Save profile</SubmitButton>
      </form>
      {user.emailVerified ? null : (
        <form class="form form--inline" method="post" action="/account/verification">
          <p>Your email address is not confirmed yet. Lost the link?</p>
          <button type="submit" class="button">
            Send a new confirmation link
          </button>
        </form>
      )}
    </section>
  );
}
