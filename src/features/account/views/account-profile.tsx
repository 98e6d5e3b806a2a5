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

export interface BadgeRoadmap {
  id: string;
  title: string;
}

/** Progress badges of a public profile, with snippets to paste into a README or a web page. */
export function BadgesSection({ user, baseUrl, roadmaps }: { user: AuthUser; baseUrl: string; roadmaps: BadgeRoadmap[] }) {
  if (!user.publicProfile || !user.username || roadmaps.length === 0) return null;
  return (
    <AccountSection id="badges" title="Progress badges">
      <p>Show your progress anywhere: the badge updates as you mark topics, and links to your public profile.</p>
      {roadmaps.map((roadmap) => {
        const image = `${baseUrl}/badges/u/${user.username}/${roadmap.id}.svg`;
        const link = `${baseUrl}/u/${user.username}?roadmap=${roadmap.id}`;
        const alt = `${roadmap.title} progress on Milepost`;
        const markdown = `[![${alt}](${image})](${link})`;
        const html = `<a href="${link}"><img src="${image}" alt="${alt}"></a>`;
        return (
          <div class="badge-snippets" data-badge-roadmap={roadmap.id}>
            <p>
              <img src={image} alt={alt} height={20} /> <a href={`${image}?theme=dark`}>Dark variant</a>
            </p>
            <label for={`badge-md-${roadmap.id}`}>Markdown</label>
            <textarea id={`badge-md-${roadmap.id}`} readOnly rows={2} data-badge-markdown>
              {markdown}
            </textarea>
            <label for={`badge-html-${roadmap.id}`}>HTML</label>
            <textarea id={`badge-html-${roadmap.id}`} readOnly rows={2} data-badge-html>
              {html}
            </textarea>
          </div>
        );
      })}
    </AccountSection>
  );
}
