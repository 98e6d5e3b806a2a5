/** The profile form of /account: name, username, time zone and public profile. */
import { AccountSection } from '../../../views/forms/form-section.js';
import { CheckField, Field, FormAlert, LabelledField, NameField, SubmitButton, fieldAria, firstError } from '../../../views/forms/form-parts.js';
import { errorsFor, messageFor, valuesFor, type AccountFormState } from './account-types.js';
import { type AuthUser } from '../../auth/auth-user.js';

const USERNAME_HTML_PATTERN = '[a-z0-9](?:[a-z0-9\\-]{0,28}[a-z0-9])?';
const TIME_ZONE_HINT = 'Days of activity and streaks are counted in this time zone.';

/** The profile form, showing what was typed when it was refused. */
export function ProfileSection({ user, timeZones, state }: { user: AuthUser; timeZones: readonly string[]; state?: AccountFormState | undefined }) {
  const errors = errorsFor(state, 'profile');
  const typed = valuesFor(state, 'profile');
  const value = (name: string, saved: string) => typed[name] ?? saved;
  const zone = value('timeZone', user.timeZone);
  const isPublic = state?.form === 'profile' ? typed.publicProfile !== undefined : user.publicProfile;
  const focus = firstError(errors, ['name', 'username', 'timeZone', 'publicProfile']);
  return (
    <AccountSection id="profile" title="Profile">
      <FormAlert text={messageFor(state, 'profile')} />
      <form class="form" method="post" action="/account/profile">
        <NameField id="profile-name" label="Name" value={value('name', user.name)} error={errors.name} autofocus={focus === 'name'} />
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
        <LabelledField id="profile-time-zone" label="Time zone" hint={TIME_ZONE_HINT} error={errors.timeZone}>
          <select
            id="profile-time-zone"
            name="timeZone"
            autofocus={focus === 'timeZone'}
            {...fieldAria('profile-time-zone', TIME_ZONE_HINT, errors.timeZone)}
          >
            {(timeZones.includes(zone) ? timeZones : [zone, ...timeZones]).map((z) => (
              <option value={z} selected={z === zone}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </LabelledField>
        <CheckField
          id="profile-public"
          name="publicProfile"
          value="on"
          label="Public profile"
          hint="Shows your name, your progress per roadmap and your activity to anyone with the link. Your email is never shown."
          checked={isPublic}
          error={errors.publicProfile}
          autofocus={focus === 'publicProfile'}
        />
        {user.publicProfile && user.username ? (
          <p>
            Your public profile: <a href={`/u/${user.username}`}>/u/{user.username}</a>
          </p>
        ) : null}
        <SubmitButton>Save profile</SubmitButton>
      </form>
    </AccountSection>
  );
}
