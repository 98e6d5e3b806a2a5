/**
 * `/<roadmap>/embed` and `/r/<id>/embed`: the diagram alone, read-only and without scripts, for
 * other sites to show in a frame. Links open the roadmap on this site in a new tab.
 */
import type { Layout as DiagramLayout } from '../content/layout.js';
import type { Roadmap } from '../content/roadmap-model.js';
import { Diagram } from './diagram.js';
import { formatHours } from './format.js';
import { Icons } from './icons.js';
import type { PageContext } from './page-context.js';

export function EmbedPage({ ctx, roadmap, layout }: { ctx: PageContext; roadmap: Roadmap; layout: DiagramLayout }) {
  const home = `${ctx.baseUrl}${roadmap.path}`;
  return (
    <html lang="en" data-theme={ctx.theme ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${roadmap.meta.title} roadmap`}</title>
        <meta name="robots" content="noindex" />
        <link rel="canonical" href={home} />
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={ctx.assets.css} />
        {/* Inside a frame, following a link would trap the reader in the frame. */}
        <base target="_blank" />
      </head>
      <body class="embed">
        <Icons />
        <header class="embed-header">
          <h1 class="embed-title">
            <a href={home} rel="noopener">
              {roadmap.meta.title}
            </a>
          </h1>
          <p class="embed-facts">
            {roadmap.order.length} topics · {formatHours(roadmap.totalHours)} ·{' '}
            <a href={home} rel="noopener">
              Track your progress on Milepost
            </a>
          </p>
        </header>
        <main class="embed-diagram" aria-label="Diagram">
          <Diagram roadmap={roadmap} layout={layout} />
        </main>
      </body>
    </html>
  );
}
