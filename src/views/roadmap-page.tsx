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

/** Who a roadmap comes from: official content, or a user's roadmap (and what it was forked from). */
export interface RoadmapOrigin {
  custom: boolean;
  visibility: 'public' | 'unlisted' | 'private';
  forkedFrom: { title: string; path: string; version: number | null } | null;
}

const OFFICIAL: RoadmapOrigin = { custom: false, visibility: 'public', forkedFrom: null };

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

function EmbedCode({ ctx, roadmap }: { ctx: PageContext; roadmap: Roadmap }) {
  const code = `<iframe src="${ctx.baseUrl}${roadmap.path}/embed" title="${roadmap.meta.title.replace(/["<>&]/g, '')} roadmap" width="100%" height="640" loading="lazy" style="border:0"></iframe>`;
  return (
    <>
      <h2 class="share-title">Embed</h2>
      <label class="embed-code">
        <span>Paste this on your site to show the diagram:</span>
        <textarea readonly rows={3} spellcheck={false} data-embed-code value={code} />
      </label>
    </>
  );
}

function SharePanel({ ctx, roadmap, origin }: { ctx: PageContext; roadmap: Roadmap; origin: RoadmapOrigin }) {
  const url = `${ctx.baseUrl}${roadmap.path}`;
  const files = servedPaths(roadmap);
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
          <li>
            <a href={`/api/v1/roadmaps/${roadmap.id}/export`} data-download="export">
              The roadmap's files (.tar.gz)
            </a>
            , to edit or host elsewhere
          </li>
        </ul>
        {origin.visibility !== 'private' ? <EmbedCode ctx={ctx} roadmap={roadmap} /> : null}
      </div>
    </details>
  );
}

function Actions({ ctx, roadmap, view, origin }: { ctx: PageContext; roadmap: Roadmap; view: RoadmapView; origin: RoadmapOrigin }) {
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
      <SharePanel ctx={ctx} roadmap={roadmap} origin={origin} />
      {roadmap.meta.isForkable && origin.visibility !== 'private' ? (
        <a class="button" href={`/roadmaps/new?fork=${roadmap.id}`} data-fork-link>
          Fork
        </a>
      ) : null}
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
export function RoadmapPage(props: {
  ctx: PageContext;
  roadmap: Roadmap;
  related: Roadmap[];
  layout: Layout;
  view: RoadmapView;
  origin?: RoadmapOrigin;
}) {
  const { ctx, roadmap, related, layout, view, origin = OFFICIAL } = props;
  // `schema` and `seo` describe an official roadmap's own pages; a user roadmap's are left out, so
  // whatever its owner wrote there cannot break or mislabel the page.
  const meta = origin.custom ? { ...roadmap.meta, schema: undefined, seo: undefined } : roadmap.meta;
  const jsonLd: unknown[] = [];
  if (meta.schema) {
    jsonLd.push({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: meta.schema.headline ?? meta.title,
      description: meta.schema.description ?? meta.description,
      image: new URL(meta.schema.imageUrl ?? servedPaths(roadmap).imageUrl, ctx.baseUrl).href,
      datePublished: meta.schema.datePublished,
      dateModified: meta.schema.dateModified,
      url: `${ctx.baseUrl}${roadmap.path}`,
    });
  }
  if (roadmap.faq.length > 0) jsonLd.push(faqJsonLd(roadmap));
  return (
    <PageLayout
      ctx={ctx}
      title={meta.seo?.title ?? meta.title}
      description={meta.seo?.description ?? meta.description}
      path={roadmap.path}
      jsonLd={jsonLd}
      script="roadmap"
      image={servedPaths(roadmap).imageUrl}
    >
      <div class="roadmap" data-roadmap-id={roadmap.id} data-view={view}>
        <header class="roadmap-header">
          <p class="eyebrow">{origin.custom ? 'Community roadmap' : 'Roadmap'}</p>
          <h1>{meta.title}</h1>
          {origin.forkedFrom ? (
            <p class="roadmap-origin" data-forked-from>
              Forked from <a href={origin.forkedFrom.path}>{origin.forkedFrom.title}</a>
              {origin.forkedFrom.version !== null ? ` (version ${origin.forkedFrom.version})` : ''}, with its content.
            </p>
          ) : null}
          <p class="lead">{meta.description}</p>
          <p class="roadmap-facts">
            {roadmap.order.length} topics · {formatHours(roadmap.totalHours)} of study in total
            {roadmap.guide ? (
              <>
                {' · '}
                <a href={`${roadmap.path}/guide`}>Step-by-step guide</a>
              </>
            ) : null}
            {roadmap.projects.length > 0 ? (
              <>
                {' · '}
                <a href={`${roadmap.path}/projects`}>Project ideas</a>
              </>
            ) : null}
            {roadmap.questions.size > 0 ? (
              <>
                {' · '}
                <a href={`${roadmap.path}/skill-test`}>Skill test</a>
              </>
            ) : null}
            {' · '}
            <a href={`${roadmap.path}/plan`}>Study plan</a>
            {origin.custom ? (
              <>
                {' · '}
                <a href={`/r/${roadmap.id}/report`} rel="nofollow">
                  Report this roadmap
                </a>
              </>
            ) : null}
          </p>
          <ProgressSummaryIsland roadmapId={roadmap.id} total={roadmap.order.length} />
          <Actions ctx={ctx} roadmap={roadmap} view={view} origin={origin} />
        </header>
        {roadmap.intro ? <div class="prose roadmap-intro" dangerouslySetInnerHTML={{ __html: renderMarkdown(roadmap.intro) }} /> : null}
        <div class="roadmap-tools">
          <TopicSearchIsland roadmapId={roadmap.id} basePath={roadmap.path} />
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
          <NextTopicsIsland roadmapId={roadmap.id} basePath={roadmap.path} />
          {meta.question ? (
            <section class="question" aria-labelledby="question-title">
              <h2 id="question-title">{meta.question.title}</h2>
              <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(meta.question.description) }} />
            </section>
          ) : null}
          <Faq roadmap={roadmap} />
          <Related related={related} />
        </div>
        <TopicDrawerIsland roadmapId={roadmap.id} roadmapTitle={roadmap.meta.title} basePath={roadmap.path} />
        <RoadmapDataScript roadmap={roadmap} />
      </div>
    </PageLayout>
  );
}
