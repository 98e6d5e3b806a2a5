/** `/<roadmap>`: header with progress, legend, search, diagram and outline, then question, FAQ and related roadmaps. */
import type { Layout } from '../content/layout.js';
import { MARKS } from '../content/content-schema.js';
import { servedPaths } from '../content/editorial-rules.js';
import { renderMarkdown } from '../content/markdown.js';
import type { Roadmap } from '../content/roadmap-model.js';
import { Diagram } from './diagram.js';
import { Faq, faqJsonLd } from './faq.js';
import { formatHours } from './format.js';
import { EDGE_LABELS, Icon, MARK_LABELS } from './icons.js';
import { Layout as PageLayout } from './layout.js';
import { RoadmapDataScript } from './roadmap-data.js';
import { NextTopicsIsland } from '../web/islands/next-topics.js';
import { ProgressSummaryIsland } from '../web/islands/progress-summary.js';
import { RoadmapToolsIsland } from '../web/islands/roadmap-tools.js';
import { ShareLinksIsland } from '../web/islands/share-links.js';
import { TopicDrawerIsland } from '../web/islands/topic-drawer.js';
import { TopicSearchIsland } from '../web/islands/topic-search.js';
import { Outline } from './outline.js';
import type { PageContext } from './page-context.js';

export type RoadmapView = 'auto' | 'diagram' | 'outline';

/** Plain links to share on common networks: no third-party script runs on the page. */
function networkLinks(url: string, text: string): { name: string; href: string }[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(text);
  return [
    { name: 'Bluesky', href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${text} ${url}`)}` },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: 'X', href: `https://twitter.com/intent/tweet?url=${u}&text=${t}` },
    { name: 'Reddit', href: `https://www.reddit.com/submit?url=${u}&title=${t}` },
    { name: 'Hacker News', href: `https://news.ycombinator.com/submitlink?u=${u}&t=${t}` },
    { name: 'Email', href: `mailto:?subject=${t}&body=${u}` },
  ];
}

function SharePanel({ ctx, roadmap }: { ctx: PageContext; roadmap: Roadmap }) {
  const url = `${ctx.baseUrl}/${roadmap.id}`;
  const files = servedPaths(roadmap.id);
  return (
    <details class="share-panel" data-share-panel>
      <summary class="button">Share and download</summary>
      <div class="share-body">
        <h2 class="share-title">Share</h2>
        <ShareLinksIsland roadmapId={roadmap.id} url={url} progressPdf={`/account/progress/${roadmap.id}.pdf`} />
        <ul class="share-networks" aria-label="Share on">
          {networkLinks(url, `${roadmap.meta.title} roadmap on Milepost`).map((link) => (
            <li>
              <a href={link.href} rel="noopener noreferrer" target="_blank" data-share-network={link.name}>
                {link.name}
                <span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            </li>
          ))}
        </ul>
        <h2 class="share-title">Take it with you</h2>
        <ul class="share-files">
          <li>
            <a href={files.pdfUrl} data-download="pdf">
              PDF, A4
            </a>{' '}
            · <a href={`${files.pdfUrl}?paper=letter`}>US Letter</a>: the diagram, the outline and every topic's text
          </li>
          <li>
            <a href={`/diagrams/roadmaps/${roadmap.id}.png`} data-download="diagram">
              Diagram as an image (PNG)
            </a>
          </li>
          <li>
            <a href={files.jsonUrl}>The roadmap as JSON</a>
          </li>
        </ul>
      </div>
    </details>
  );
}

function Actions({ ctx, roadmap, view }: { ctx: PageContext; roadmap: Roadmap; view: RoadmapView }) {
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
      <SharePanel ctx={ctx} roadmap={roadmap} />
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
      <ul class="legend-list legend-list--edges">
        <li>
          <svg class="icon legend-line" viewBox="0 0 24 12" aria-hidden="true">
            <path d="M1 6H23" class="legend-line--spine" />
          </svg>
          {EDGE_LABELS.spine}
        </li>
        <li>
          <svg class="icon legend-line" viewBox="0 0 24 12" aria-hidden="true">
            <path d="M1 6H17" class="legend-line--extra" />
            <path d="M16 2L23 6L16 10z" class="legend-line--arrow" />
          </svg>
          {EDGE_LABELS.extra}
        </li>
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
      image: new URL(meta.schema.imageUrl ?? servedPaths(roadmap.id).imageUrl, ctx.baseUrl).href,
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
      image={servedPaths(roadmap.id).imageUrl}
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
            {' · '}
            <a href={`/${roadmap.id}/plan`}>Study plan</a>
          </p>
          <ProgressSummaryIsland roadmapId={roadmap.id} total={roadmap.order.length} />
          <Actions ctx={ctx} roadmap={roadmap} view={view} />
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
            <button type="button" class="button" data-zoom="fit" aria-label="Fit the diagram to the width of its box">
              Fit
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
          {/* Below the diagram, so that a laptop's first screen shows the top of the roadmap itself. */}
          <NextTopicsIsland roadmapId={roadmap.id} basePath={`/${roadmap.id}`} />
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
