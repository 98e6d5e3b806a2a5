/** `/<roadmap>`: header with progress, legend, search, diagram and outline, then question, FAQ and related roadmaps. */
import type { Layout } from '../content/layout.js';
import { MARKS } from '../content/content-schema.js';
import { renderMarkdown } from '../content/markdown.js';
import type { Roadmap } from '../content/roadmap-model.js';
import { Diagram } from './diagram.js';
import { Faq, faqJsonLd } from './faq.js';
import { formatHours } from './format.js';
import { Icon, MARK_LABELS } from './icons.js';
import { Layout as PageLayout } from './layout.js';
import { RoadmapDataScript } from './roadmap-data.js';
import { ProgressSummaryIsland } from '../web/islands/progress-summary.js';
import { RoadmapToolsIsland } from '../web/islands/roadmap-tools.js';
import { TopicDrawerIsland } from '../web/islands/topic-drawer.js';
import { TopicSearchIsland } from '../web/islands/topic-search.js';
import { Outline } from './outline.js';
import type { PageContext } from './page-context.js';

export type RoadmapView = 'auto' | 'diagram' | 'outline';

function Actions({ roadmap, view }: { roadmap: Roadmap; view: RoadmapView }) {
  return (
    <div class="roadmap-actions">
      <div class="view-switch" role="group" aria-label="View">
        <a class="button" href="?view=diagram" data-view-link="diagram" aria-current={view === 'diagram' ? 'true' : undefined}>
          Diagram
        </a>
        <a class="button" href="?view=outline" data-view-link="outline" aria-current={view === 'outline' ? 'true' : undefined}>
          Outline
        </a>
      </div>
      <RoadmapToolsIsland roadmapId={roadmap.id} title={roadmap.meta.title} />
    </div>
  );
}

function Legend() {
  return (
    <section class="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" class="legend-title">
        Legend
      </h2>
      <ul class="legend-list">
        {MARKS.map((mark) => (
          <li>
            <Icon id={`m-${mark}`} class={`mark-icon--${mark}`} />
            {MARK_LABELS[mark]}
          </li>
        ))}
      </ul>
      <ul class="legend-list legend-list--status">
        <li>
          <Icon id="s-done" class="status-icon--done" /> Done (struck through)
        </li>
        <li>
          <Icon id="s-learning" class="status-icon--learning" /> Learning
        </li>
        <li>
          <Icon id="s-skipped" class="status-icon--skipped" /> Skipped (grey, dashed)
        </li>
      </ul>
    </section>
  );
}

function Related({ related }: { related: Roadmap[] }) {
  if (related.length === 0) return null;
  return (
    <section class="related" aria-labelledby="related-title">
      <h2 id="related-title">Related roadmaps</h2>
      <ul class="card-grid">
        {related.map((other) => (
          <li class="card">
            <a href={`/${other.id}`}>{other.meta.briefTitle}</a>
            <p>{other.meta.briefDescription}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `related`: the roadmaps named in `relatedRoadmaps` that exist here. */
export function RoadmapPage(props: { ctx: PageContext; roadmap: Roadmap; related: Roadmap[]; layout: Layout; view: RoadmapView }) {
  const { ctx, roadmap, related, layout, view } = props;
  const meta = roadmap.meta;
  const jsonLd: unknown[] = [];
  if (meta.schema) {
    jsonLd.push({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: meta.schema.headline ?? meta.title,
      description: meta.schema.description ?? meta.description,
      image: meta.schema.imageUrl ? new URL(meta.schema.imageUrl, ctx.baseUrl).href : undefined,
      datePublished: meta.schema.datePublished,
      dateModified: meta.schema.dateModified,
      url: `${ctx.baseUrl}/${roadmap.id}`,
    });
  }
  if (roadmap.faq.length > 0) jsonLd.push(faqJsonLd(roadmap));
  return (
    <PageLayout
      ctx={ctx}
      title={meta.seo?.title ?? meta.title}
      description={meta.seo?.description ?? meta.description}
      path={`/${roadmap.id}`}
      jsonLd={jsonLd}
      script="roadmap"
    >
      <div class="roadmap" data-roadmap-id={roadmap.id} data-view={view}>
        <header class="roadmap-header">
          <p class="eyebrow">Roadmap</p>
          <h1>{meta.title}</h1>
          <p class="lead">{meta.description}</p>
          <p class="roadmap-facts">
            {roadmap.order.length} topics · {formatHours(roadmap.totalHours)} of study in total
            {roadmap.guide ? (
              <>
                {' · '}
                <a href={`/${roadmap.id}/guide`}>Step-by-step guide</a>
              </>
            ) : null}
            {roadmap.projects.length > 0 ? (
              <>
                {' · '}
                <a href={`/${roadmap.id}/projects`}>Project ideas</a>
              </>
            ) : null}
            {roadmap.questions.size > 0 ? (
              <>
                {' · '}
                <a href={`/${roadmap.id}/skill-test`}>Skill test</a>
              </>
            ) : null}
          </p>
          <ProgressSummaryIsland roadmapId={roadmap.id} total={roadmap.order.length} />
          <Actions roadmap={roadmap} view={view} />
        </header>
        {roadmap.intro ? <div class="prose roadmap-intro" dangerouslySetInnerHTML={{ __html: renderMarkdown(roadmap.intro) }} /> : null}
        <div class="roadmap-tools">
          <TopicSearchIsland roadmapId={roadmap.id} />
          <Legend />
        </div>
        <section class="diagram" aria-label="Diagram">
          <a class="skip-link skip-link--local" href="#after-diagram">
            Skip the diagram
          </a>
          <div class="zoom-controls" data-needs-js hidden>
            <button type="button" class="button" data-zoom="out" aria-label="Zoom out">
              −
            </button>
            <button type="button" class="button" data-zoom="reset">
              100%
            </button>
            <button type="button" class="button" data-zoom="in" aria-label="Zoom in">
              +
            </button>
          </div>
          <div class="diagram-viewport" data-diagram-viewport>
            <Diagram roadmap={roadmap} layout={layout} />
          </div>
        </section>
        <section class="outline" aria-labelledby="outline-title">
          <h2 id="outline-title">Outline</h2>
          <Outline roadmap={roadmap} />
        </section>
        <div class="below" id="after-diagram" tabIndex={-1}>
          {meta.question ? (
            <section class="question" aria-labelledby="question-title">
              <h2 id="question-title">{meta.question.title}</h2>
              <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(meta.question.description) }} />
            </section>
          ) : null}
          <Faq roadmap={roadmap} />
          <Related related={related} />
        </div>
        <TopicDrawerIsland roadmapId={roadmap.id} roadmapTitle={roadmap.meta.title} />
        <RoadmapDataScript roadmap={roadmap} />
      </div>
    </PageLayout>
  );
}
