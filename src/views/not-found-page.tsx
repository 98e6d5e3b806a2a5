import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** A 404 that helps: it explains and offers a search. */
export function NotFoundPage({ ctx, path, roadmapId, query }: { ctx: PageContext; path: string; roadmapId?: string; query?: string }) {
  return (
    <Layout ctx={ctx} title="Page not found · Milepost" path={path}>
      <section class="not-found">
        <h1>We could not find that page</h1>
        <p>
          Nothing lives at <code>{path.length > 120 ? `${path.slice(0, 120)}…` : path}</code>. The link may be mistyped, or the topic may have been
          renamed. Try a search:
        </p>
        <form class="search-form" role="search" action="/search" method="get">
          <label for="nf-search">Search topics</label>
          <input id="nf-search" name="q" type="search" value={query ?? ''} />
          {roadmapId ? <input type="hidden" name="roadmap" value={roadmapId} /> : null}
          <button type="submit" class="button">
            Search
          </button>
        </form>
        <p>
          Or go back to <a href={roadmapId ? `/${roadmapId}` : '/'}>{roadmapId ? 'the roadmap' : 'all roadmaps'}</a>.
        </p>
      </section>
    </Layout>
  );
}

/** Any other error on the site: says what happened without technical detail. */
export function ErrorPage({ ctx, path, status, message }: { ctx: PageContext; path: string; status: number; message: string }) {
  return (
    <Layout ctx={ctx} title={`Error ${status} · Milepost`} path={path}>
      <section class="not-found">
        <h1>{status >= 500 ? 'Something went wrong' : 'We could not handle that request'}</h1>
        <p>{message}</p>
        <p>
          Go back to <a href="/">all roadmaps</a>.
        </p>
      </section>
    </Layout>
  );
}
