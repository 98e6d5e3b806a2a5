import { roadmapPath, type CatalogEntry } from '../catalog/catalog-entry.js';
import { planRoadmapOf } from '../content/plan-roadmap.js';
import { alternativeGroups, chosenAlternatives, formatHours } from '../shared/study-plan.js';
import { StudyPlannerIsland } from '../web/islands/study-planner.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { RoadmapDataScript } from './roadmap-data.js';

/** `/<roadmap>/plan`: the study planner, a dated week-by-week plan from the topics' hours. */
export function PlanPage({ ctx, entry }: { ctx: PageContext; entry: CatalogEntry }) {
  const { roadmap } = entry;
  const base = roadmapPath(entry);
  const planning = planRoadmapOf(roadmap);
  const groups = alternativeGroups(planning);
  const defaults = chosenAlternatives(groups);
  return (
    <Layout
      ctx={ctx}
      title={`Study plan · ${roadmap.meta.title}`}
      description={`Turn the ${formatHours(roadmap.totalHours)} hours of the ${roadmap.meta.title} roadmap into a dated week-by-week plan at your pace, with a calendar feed.`}
      path={`${base}/plan`}
      script="plan"
    >
      <article class="plan-page">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <ol>
            <li>
              <a href={base}>{roadmap.meta.title}</a>
            </li>
          </ol>
        </nav>
        <h1>Study plan</h1>
        <p class="lead">
          Choose a pace and the days you study: the planner puts the roadmap's topics into dated weeks by their hours, prerequisites first, and tells
          you whether you are on track. Nothing is locked: it is a plan, not a gate.
        </p>
        <StudyPlannerIsland
          roadmapId={roadmap.id}
          basePath={base}
          sections={roadmap.sections.map((s) => ({ id: s.id, title: s.title, hours: s.hours }))}
          groups={[...groups].map(([key, members]) => ({
            key,
            title:
              roadmap.topics.get(members[0]!.parentId ?? '')?.title ?? roadmap.sections.find((s) => s.id === members[0]!.sectionId)?.title ?? key,
            members: members.map((m) => ({ id: m.id, title: m.title })),
            defaultId: defaults.get(key)!,
          }))}
        />
      </article>
      <RoadmapDataScript roadmap={roadmap} />
    </Layout>
  );
}
