/**
 * "What next": up to three topics to study now, each with its reason, from the shared rules
 * (`suggestNext`): this week's planned topics first, then started ones, then roadmap order; only
 * topics whose prerequisites are done or skipped. Advice only: nothing is ever locked.
 */
import { localDate } from '../../shared/calendar-date.js';
import { statusOf } from '../../shared/progress-rules.js';
import { suggestNext } from '../../shared/study-plan.js';
import { localPlan, savedPlanOf } from '../state/plans.js';
import { progressOf } from '../state/progress.js';
import { browserTimeZone } from '../state/review-cards.js';
import { roadmapData } from '../state/roadmap-data.js';
import { island, useHydrated } from './island.js';

export interface NextTopicsProps {
  roadmapId: string;
  /** Where the roadmap's pages are, e.g. `/backend`. */
  basePath: string;
  /** Leave this topic out (the topic page the list is on); it still counts as not done. */
  except?: string;
}

function NextTopics({ roadmapId, basePath, except }: NextTopicsProps) {
  const ready = useHydrated();
  const entries = progressOf(roadmapId).value;
  const saved = savedPlanOf(roadmapId).value;
  const roadmap = ready ? roadmapData(roadmapId) : undefined;
  if (!roadmap) return <div class="next-topics" hidden />;
  const settings = saved?.settings ?? null;
  const suggestions = suggestNext(roadmap.planning, (id) => statusOf(entries, id), {
    settings,
    plan: localPlan(roadmapId, settings),
    today: localDate(new Date(), browserTimeZone()),
    limit: 4,
  })
    .filter((s) => s.topicId !== except)
    .slice(0, 3);
  const titles = new Map(roadmap.topics);
  return (
    <section class="next-topics" aria-labelledby={`next-${roadmapId}`}>
      <h2 id={`next-${roadmapId}`}>What next</h2>
      {suggestions.length === 0 ? (
        <p class="muted">Nothing is waiting: every topic you can start is done.</p>
      ) : (
        <ol>
          {suggestions.map((s) => (
            <li data-next-topic={s.topicId}>
              <a href={`${basePath}/${s.topicId}`} data-topic-id={s.topicId}>
                {titles.get(s.topicId) ?? s.topicId}
              </a>
              <span class="next-reason">{s.reason}</span>
            </li>
          ))}
        </ol>
      )}
      <p class="next-plan">
        <a href={`${basePath}/plan`}>{saved ? 'Your study plan' : 'Make a study plan'}</a>
      </p>
    </section>
  );
}

export const NextTopicsIsland = island('next-topics', NextTopics);
