/** `/u/<username>`: a learner's public profile: progress per roadmap, streaks, shared skill tests and a year of activity. */
import type { PublicProfile } from '../features/profiles/schema.js';
import { percentComplete } from '../shared/progress-rules.js';
import { ActivityHeatmap, plural } from './activity-heatmap.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

function RoadmapProgress({ roadmap, focused }: { roadmap: PublicProfile['roadmaps'][number]; focused: boolean }) {
  // Done and skipped both count as complete, as on the roadmap page.
  const complete = Math.min(roadmap.done + roadmap.skipped, roadmap.total);
  const percent = percentComplete(complete, roadmap.total);
  return (
    <li class={focused ? 'card card--focused' : 'card'} data-roadmap-progress={roadmap.roadmapId} aria-current={focused ? 'true' : undefined}>
      <h3>
        <a href={`/${roadmap.roadmapId}`}>{roadmap.title}</a>
      </h3>
      <progress max={roadmap.total} value={complete} aria-label={`${roadmap.title}: ${complete} of ${roadmap.total} done`} />
      <p class="card-progress">
        <strong>
          {complete} of {roadmap.total} done
        </strong>{' '}
        ({percent}%) · {roadmap.learning} learning · {roadmap.skipped} skipped
      </p>
    </li>
  );
}

/** `focus`: the roadmap a shared link is about (`?roadmap=<id>`), shown first. */
export function ProfilePage({ ctx, profile, focus = null }: { ctx: PageContext; profile: PublicProfile; focus?: string | null }) {
  const display = profile.name.trim() || profile.username;
  const roadmaps = focus ? [...profile.roadmaps].sort((a, b) => Number(b.roadmapId === focus) - Number(a.roadmapId === focus)) : profile.roadmaps;
  const { activity } = profile;
  return (
    <Layout ctx={ctx} title={`${display} · Milepost`} description={`Learning progress of ${display} on Milepost.`} path={`/u/${profile.username}`}>
      <section class="profile" data-profile={profile.username}>
        <h1>{display}</h1>
        <p class="lead">@{profile.username}</p>
        <h2>Streaks</h2>
        <ul class="profile-streaks">
          <li data-streak="current">
            Current streak: <strong>{plural(activity.currentStreak, 'day')}</strong>
          </li>
          <li data-streak="longest">
            Longest streak: <strong>{plural(activity.longestStreak, 'day')}</strong>
          </li>
        </ul>
        <h2>Roadmaps</h2>
        {profile.roadmaps.length === 0 ? (
          <p>No progress marked yet.</p>
        ) : (
          <ul class="card-grid">
            {roadmaps.map((roadmap) => (
              <RoadmapProgress roadmap={roadmap} focused={roadmap.roadmapId === focus} />
            ))}
          </ul>
        )}
        {profile.skillTests.length > 0 ? (
          <>
            <h2>Skill tests</h2>
            <ul class="profile-skill-tests">
              {profile.skillTests.map((t) => (
                <li data-shared-skill-test={t.roadmapId}>
                  <a href={`/${t.roadmapId}/skill-test`}>{t.title}</a>:{' '}
                  <strong>
                    {t.score.correct} of {t.score.total} right ({t.score.percent}%)
                  </strong>{' '}
                  <span class="muted">on {t.submittedAt.slice(0, 10)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>Activity in the last year</h2>
        <ActivityHeatmap from={activity.from} to={activity.to} days={activity.days} />
      </section>
    </Layout>
  );
}
