import { renderMarkdown } from '../content/markdown.js';
import type { Roadmap } from '../content/roadmap-model.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/<roadmap>/guide`: the step-by-step path, stage by stage. */
export function GuidePage({ ctx, roadmap }: { ctx: PageContext; roadmap: Roadmap }) {
  const guide = roadmap.guide;
  if (!guide) return null;
  return (
    <Layout ctx={ctx} title={`${guide.title} · ${roadmap.meta.title}`} description={guide.description} path={`${roadmap.path}/guide`}>
      <article class="guide">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <ol>
            <li>
              <a href={roadmap.path}>{roadmap.meta.title}</a>
            </li>
          </ol>
        </nav>
        <h1>{guide.title}</h1>
        {guide.description ? <p class="lead">{guide.description}</p> : null}
        <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(guide.body, { topHeading: 2 }) }} />
      </article>
    </Layout>
  );
}
