import type { ComponentChildren } from 'preact';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { RoadmapEditorIsland } from '../../web/islands/roadmap-editor.js';

/** `/r/<id>/edit`: the owner's editor for a custom roadmap (its files, preview, structure, versions). */
/** `children`: the server-rendered settings (title, visibility, deletion) under the editor. */
export function EditorPage({
  ctx,
  roadmapId,
  title,
  pagePath,
  children,
}: {
  ctx: PageContext;
  roadmapId: string;
  title: string;
  pagePath: string;
  children?: ComponentChildren;
}) {
  const viewPath = `/r/${roadmapId}`;
  return (
    <Layout ctx={ctx} title={`Edit · ${title}`} path={pagePath} script="editor" bodyClass="editor-body" noindex>
      <article class="editor-page">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <ol>
            <li>
              <a href={viewPath}>{title}</a>
            </li>
          </ol>
        </nav>
        <h1>Edit {title}</h1>
        <noscript>
          <p class="form-alert">
            The editor needs JavaScript. Without it you can still <a href={viewPath}>view the roadmap</a>; its files can be changed through the API (
            <code>/api/v1/roadmaps/{roadmapId}/source</code>).
          </p>
        </noscript>
        <RoadmapEditorIsland roadmapId={roadmapId} title={title} viewPath={viewPath} />
        {children}
      </article>
    </Layout>
  );
}
