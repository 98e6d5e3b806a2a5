import type { Roadmap, Topic } from '../content/roadmap-model.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

export interface SearchHit {
  roadmap: Roadmap;
  topic: Topic;
}

/** Server-side search results: the no-JavaScript path of the topic search. */
export function SearchPage({ ctx, query, hits, roadmapId }: { ctx: PageContext; query: string; hits: SearchHit[]; roadmapId?: string }) {
  return (
    <Layout ctx={ctx} title={query ? `“${query}” · Search · Milepost` : 'Search · Milepost'} path="/search">
      <section class="search-page">
        <h1>Search topics</h1>
        <form class="search-form" role="search" action="/search" method="get">
          <label for="search-q">Search topics</label>
          <input id="search-q" name="q" type="search" value={query} />
          {roadmapId ? <input type="hidden" name="roadmap" value={roadmapId} /> : null}
          <button type="submit" class="button">
            Search
          </button>
        </form>
        {query ? (
          <p role="status">
            {hits.length === 0 ? 'No topic matches' : `${hits.length} topic${hits.length === 1 ? '' : 's'} match`} “{query}”.
          </p>
        ) : null}
        <ul class="search-hits">
          {hits.map(({ roadmap, topic }) => (
            <li>
              <a href={`${roadmap.path}/${topic.id}`}>{topic.title}</a> <span class="muted">· {roadmap.meta.title}</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
