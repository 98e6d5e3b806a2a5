/**
 * Topic search on the roadmap page. Without JavaScript it is a form for the search page; with it,
 * matches are listed as you type and highlighted on the diagram, Enter opens the first, and `/`
 * jumps here.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { island, useHydrated } from './island.js';
import { queryWords, topicMatches } from '../../shared/search-text.js';
import { registerShortcut } from '../shortcuts.js';
import { roadmapData } from '../state/roadmap-data.js';
import { openTopic, searchQuery } from '../state/ui.js';

export interface TopicSearchProps {
  roadmapId: string;
  /** Where the roadmap's pages live: `/<id>`, or `/r/<id>` for a user roadmap. */
  basePath: string;
}

const SHOWN = 8;

/** Ids of the roadmap's topics that match the query, in learning order. */
export function matchingTopics(roadmapId: string, query: string): string[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  return (roadmapData(roadmapId)?.topics ?? []).filter(([id, title]) => topicMatches(words, title, id)).map(([id]) => id);
}

function TopicSearch({ roadmapId, basePath }: TopicSearchProps) {
  const ready = useHydrated();
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(
    () =>
      registerShortcut('/', () => {
        if (document.querySelector('dialog[open]') || !input.current) return false;
        input.current.focus();
        input.current.select();
        return true;
      }),
    [],
  );
  const query = ready ? searchQuery.value : '';
  const matches = ready ? matchingTopics(roadmapId, query) : [];
  const titles = new Map(roadmapData(roadmapId)?.topics ?? []);
  const active = query.trim() !== '';
  const open = (id: string) => (openTopic.value = id);
  return (
    <form
      class="topic-search"
      role="search"
      action="/search"
      method="get"
      data-topic-search
      onSubmit={(event) => {
        const first = matches[0];
        if (!first) return;
        event.preventDefault();
        open(first);
      }}
    >
      <label for="topic-search-input">Search topics</label>
      <div class="topic-search-row">
        <input
          ref={input}
          id="topic-search-input"
          name="q"
          type="search"
          autocomplete="off"
          placeholder="Search topics (press /)"
          aria-describedby="topic-search-hint"
          aria-controls="topic-search-results"
          aria-keyshortcuts="/"
          value={query}
          onInput={(event) => (searchQuery.value = event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && searchQuery.value !== '') {
              event.preventDefault();
              searchQuery.value = '';
            }
          }}
        />
        <input type="hidden" name="roadmap" value={roadmapId} />
        <button type="submit" class="button">
          Search
        </button>
      </div>
      <p id="topic-search-hint" class="hint">
        Matches are highlighted on the diagram; Enter opens the first one.
      </p>
      <ul id="topic-search-results" class="topic-search-results" aria-live="polite" hidden={!active}>
        {active && matches.length === 0 ? <li class="muted">No topic matches.</li> : null}
        {matches.slice(0, SHOWN).map((id) => (
          <li>
            <a
              href={`${basePath}/${id}`}
              data-topic-id={id}
              onClick={(event) => {
                if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
                event.preventDefault();
                open(id);
              }}
            >
              {titles.get(id) ?? id}
            </a>
          </li>
        ))}
        {matches.length > SHOWN ? <li class="muted">{`and ${matches.length - SHOWN} more highlighted on the roadmap`}</li> : null}
      </ul>
    </form>
  );
}

export const TopicSearchIsland = island('topic-search', TopicSearch);
