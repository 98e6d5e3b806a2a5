/** `/roadmaps/import`: make a roadmap from roadmap.sh's editor JSON and its topic files. */
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { RoadmapImportIsland } from '../../web/islands/roadmap-import.js';

export function ImportPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Import a roadmap" path="/roadmaps/import" script="import" noindex>
      <article class="roadmaps-page">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <ol>
            <li>
              <a href="/roadmaps">All roadmaps</a>
            </li>
          </ol>
        </nav>
        <h1>Import a roadmap</h1>
        <p class="lead">
          Bring a roadmap from roadmap.sh’s editor: its sections, topics, subtopics and legend marks become a roadmap you own and can edit here. Add
          the topic files to keep each topic’s text and links. The report lists everything that could not come along, and why.
        </p>
        <noscript>
          <p class="form-alert">The import reads your files in the browser, so it needs JavaScript.</p>
        </noscript>
        <RoadmapImportIsland />
      </article>
    </Layout>
  );
}
