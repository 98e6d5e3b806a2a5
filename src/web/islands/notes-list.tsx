/**
 * The list on /notes, with its search. An account's notes come from the API (which searches them);
 * a guest's from this browser, searched here with the same word rules, their titles read from the
 * public roadmap API for the roadmaps they belong to. Needs JavaScript (hidden without it).
 */
import { useEffect, useState } from 'preact/hooks';
import { noteExcerpt } from '../../shared/notes-rules.js';
import { normalizeForSearch, queryWords } from '../../shared/search-text.js';
import { accountStudyReady, currentUser } from '../state/account.js';
import { accountJson, guestCopies, studyChanged } from '../state/study-store.js';
import { island, useHydrated } from './island.js';

/** How long after the last key press an account's search is sent. */
const SEARCH_DELAY_MS = 250;

export interface NoteRow {
  roadmapId: string;
  roadmapTitle: string;
  topicId: string;
  topicTitle: string;
  url: string | null;
  excerpt: string;
  updatedAt: string;
}

type Listing = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'shown'; notes: NoteRow[] };

interface Titles {
  title: string;
  /** The roadmap's page: `/<id>`, or `/r/<id>` for a user roadmap. */
  page: string;
  topics: Map<string, string>;
}

/** Roadmap titles and topic titles for a guest's rows, asked once per roadmap and page. */
const titles = new Map<string, Promise<Titles | null>>();

function titlesOf(roadmapId: string): Promise<Titles | null> {
  let known = titles.get(roadmapId);
  if (!known) {
    known = accountJson<{ title: string; topics: { id: string; title: string }[]; links: { page: string } }>(
      'GET',
      `/api/v1/roadmaps/${encodeURIComponent(roadmapId)}`,
    ).then(
      ({ status, data }) =>
        status === 200 && data ? { title: data.title, page: data.links.page, topics: new Map(data.topics.map((t) => [t.id, t.title])) } : null,
      () => null,
    );
    titles.set(roadmapId, known);
  }
  return known;
}

/** This browser's notes that hold every word of the query, in their topic title or text, newest first. */
async function guestNotes(query: string): Promise<NoteRow[]> {
  const words = queryWords(query);
  const rows: NoteRow[] = [];
  for (const [key, copy] of guestCopies('notes')) {
    const slash = key.indexOf('/');
    if (slash < 1) continue;
    const roadmapId = key.slice(0, slash);
    const topicId = key.slice(slash + 1);
    const known = await titlesOf(roadmapId);
    const topicTitle = known?.topics.get(topicId) ?? topicId;
    if (words.length > 0) {
      const haystack = normalizeForSearch(`${topicTitle} ${copy.value}`);
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    rows.push({
      roadmapId,
      roadmapTitle: known?.title ?? roadmapId,
      topicId,
      topicTitle,
      url: known ? `${known.page}/${topicId}` : null,
      excerpt: noteExcerpt(copy.value),
      updatedAt: copy.updatedAt,
    });
  }
  return rows.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

async function accountNotes(query: string): Promise<NoteRow[]> {
  const q = query.trim() ? `?q=${encodeURIComponent(query.trim().slice(0, 200))}` : '';
  const { status, data } = await accountJson<{ notes?: NoteRow[]; error?: { message: string } }>('GET', `/api/v1/me/notes${q}`);
  if (status !== 200 || !data?.notes) throw new Error(data?.error?.message ?? `Your notes could not be loaded (the server answered ${status}).`);
  return data.notes;
}

function changedOn(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

function NotesList() {
  const ready = useHydrated();
  const user = ready ? currentUser.value : undefined;
  const owner = user === null ? 'guest' : user && accountStudyReady.value ? 'account' : 'unknown';
  // Reading the signal here re-lists a guest's notes when another tab changes them.
  const changes = owner === 'guest' ? studyChanged.value : 0;
  const [query, setQuery] = useState('');
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });

  useEffect(() => {
    if (owner === 'unknown') return;
    let cancelled = false;
    const list = () =>
      (owner === 'guest' ? guestNotes(query) : accountNotes(query)).then(
        (notes) => !cancelled && setListing({ kind: 'shown', notes }),
        (error: unknown) =>
          !cancelled && setListing({ kind: 'failed', message: error instanceof Error ? error.message : 'Your notes could not be loaded.' }),
      );
    if (owner === 'guest') void list();
    const wait = owner === 'account' ? setTimeout(() => void list(), query ? SEARCH_DELAY_MS : 0) : undefined;
    return () => {
      cancelled = true;
      clearTimeout(wait);
    };
  }, [owner, query, changes]);

  const searching = query.trim() !== '';
  return (
    <section class="notes-list" hidden={!ready} aria-label="Your notes" data-notes-list>
      <form class="search-form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="notes-query">Search your notes</label>
        <input id="notes-query" type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} data-notes-query />
      </form>
      {listing.kind === 'loading' ? <p class="muted">Loading your notes…</p> : null}
      {listing.kind === 'failed' ? <p role="alert">{listing.message}</p> : null}
      {listing.kind === 'shown' ? (
        <>
          <p class="muted" aria-live="polite" data-notes-count>
            {listing.notes.length === 0
              ? searching
                ? `No notes match “${query.trim()}”.`
                : 'No notes yet: write one on any topic page.'
              : listing.notes.length === 1
                ? `1 note${searching ? ' matches' : ''}`
                : `${listing.notes.length} notes${searching ? ' match' : ''}`}
          </p>
          {listing.notes.length > 0 ? (
            <ul class="notes-rows">
              {listing.notes.map((note) => (
                <li class="note-row" key={`${note.roadmapId}/${note.topicId}`} data-note-row={`${note.roadmapId}/${note.topicId}`}>
                  <h2 class="note-row-title">{note.url ? <a href={note.url}>{note.topicTitle}</a> : note.topicTitle}</h2>
                  <p class="note-row-meta muted">
                    {note.roadmapTitle} · changed <time dateTime={note.updatedAt}>{changedOn(note.updatedAt)}</time>
                  </p>
                  {note.excerpt ? <p class="note-row-excerpt">{note.excerpt}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export const NotesListIsland = island('notes-list', NotesList);
