/** `/u/<username>`: a learner's public profile: progress per roadmap, streaks, shared skill tests and a year of activity. */
import type { PublicProfile } from '../features/profiles/schema.js';
import { ActivityHeatmap, plural } from './activity-heatmap.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

function RoadmapProgress({ roadmap }: { roadmap: PublicProfile['roadmaps'][number] }) {
  // Done and skipped both count as complete, as on the roadmap page.
  const complete = Math.min(roadmap.done + roadmap.skipped, roadmap.total);
  const percent = roadmap.total === 0 ? 0 : Math.round((complete / roadmap.total) * 100);
  return (
    <li class="card" data-roadmap-progress={roadmap.roadmapId}>
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

export function ProfilePage({ ctx, profile }: { ctx: PageContext; profile: PublicProfile }) {
  const display = profile.name.trim() || profile.username;
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
            {profile.roadmaps.map((roadmap) => (
              <RoadmapProgress roadmap={roadmap} />
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
