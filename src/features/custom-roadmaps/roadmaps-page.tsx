/** `/roadmaps`: official and public community roadmaps, searchable; a signed-in user's own roadmaps and how to make one. */
import type { Roadmap } from '../../content/roadmap-model.js';
import { Field, FormAlert, LabelledField, Notice } from '../../views/forms/form-parts.js';
import { formatHours } from '../../views/format.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import type { RoadmapSummary } from './custom-roadmap-service.js';

export interface CommunityRoadmap {
  id: string;
  title: string;
  updatedAt: string;
  /** The owner's username when their profile is public. */
  author: string | null;
  forked: boolean;
}

const VISIBILITY_LABELS = { private: 'Private', unlisted: 'Unlisted (anyone with the link)', public: 'Public (listed and searchable)' } as const;

export function RoadmapsPage(props: {
  ctx: PageContext;
  query: string;
  official: Roadmap[];
  community: CommunityRoadmap[];
  mine: RoadmapSummary[] | null;
  notice?: string | null;
}) {
  const { ctx, query, official, community, mine, notice } = props;
  return (
    <Layout
      ctx={ctx}
      title={query ? `Roadmaps matching “${query}”` : 'All roadmaps'}
      description="Official Milepost roadmaps and public roadmaps written by the community: fork one, or write your own."
      path="/roadmaps"
      noindex={query !== ''}
    >
      <article class="roadmaps-page">
        <h1>All roadmaps</h1>
        <Notice text={notice} />
        <form class="roadmaps-search" method="get" action="/roadmaps" role="search">
          <label for="roadmaps-q">Search roadmaps</label>
          <input id="roadmaps-q" name="q" type="search" value={query} maxlength={100} />
          <button class="button" type="submit">
            Search
          </button>
        </form>
        {mine ? <MyRoadmaps mine={mine} /> : <p class="muted">Sign in to write your own roadmap or fork one, with its content.</p>}
        <section aria-labelledby="official-title">
          <h2 id="official-title">Official roadmaps</h2>
          {official.length === 0 ? <p class="muted">No official roadmap matches.</p> : null}
          <ul class="card-grid">
            {official.map((roadmap) => (
              <li class="card" data-roadmap-listing={roadmap.id}>
                <h3>
                  <a href={roadmap.path}>{roadmap.meta.title}</a>
                </h3>
                <p>{roadmap.meta.briefDescription}</p>
                <p class="card-facts">
                  {roadmap.order.length} topics · {formatHours(roadmap.totalHours)}
                  {roadmap.meta.isForkable ? (
                    <>
                      {' · '}
                      <a href={`/roadmaps/new?fork=${roadmap.id}`}>Fork</a>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="community-title">
          <h2 id="community-title">Community roadmaps</h2>
          {community.length === 0 ? <p class="muted">{query ? 'No community roadmap matches.' : 'No public community roadmap yet.'}</p> : null}
          <ul class="roadmap-list">
            {community.map((r) => (
              <li data-roadmap-listing={r.id}>
                <a href={`/r/${r.id}`}>{r.title}</a>{' '}
                <span class="muted">
                  {r.author ? <>by {r.author} · </> : null}
                  {r.forked ? 'a fork · ' : ''}updated {r.updatedAt.slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </article>
    </Layout>
  );
}

function MyRoadmaps({ mine }: { mine: RoadmapSummary[] }) {
  return (
    <section aria-labelledby="mine-title" class="my-roadmaps">
      <h2 id="mine-title">Your roadmaps</h2>
      <p>
        <a class="button button--primary" href="/roadmaps/new">
          New roadmap
        </a>{' '}
        <a class="button" href="/roadmaps/import">
          Import roadmap.sh JSON
        </a>
      </p>
      {mine.length === 0 ? (
        <p class="muted">You have no roadmap yet.</p>
      ) : (
        <ul class="roadmap-list">
          {mine.map((r) => (
            <li data-my-roadmap={r.id}>
              <a href={r.url}>{r.title}</a>{' '}
              <span class="muted">
                · {VISIBILITY_LABELS[r.visibility]} · version {r.version}
              </span>{' '}
              {r.hasDraft ? <span class="badge">draft</span> : null} <a href={r.editUrl}>Edit</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface NewRoadmapForm {
  title: string;
  visibility: 'private' | 'unlisted' | 'public';
  forkOf: string;
}

/** `/roadmaps/new`: a title, who may see it, and (for a fork) what it copies. */
export function NewRoadmapPage({ ctx, form, fork, error }: { ctx: PageContext; form: NewRoadmapForm; fork: Roadmap | null; error?: string }) {
  return (
    <Layout ctx={ctx} title={fork ? `Fork ${fork.meta.title}` : 'New roadmap'} path="/roadmaps/new" noindex>
      <article class="roadmaps-page">
        <h1>{fork ? `Fork ${fork.meta.title}` : 'New roadmap'}</h1>
        {fork ? (
          <p class="lead">
            Your copy keeps every section, topic, text, resource, level, hour estimate and prerequisite
            {fork.faq.length > 0 ? ', the FAQ' : ''}
            {fork.guide ? ' and the guide' : ''}. Change anything; you can pull later changes of the original topic by topic.
          </p>
        ) : (
          <p class="lead">It starts with one section and one topic. Add the rest in the editor, with a live preview.</p>
        )}
        <FormAlert text={error} />
        <form method="post" action="/roadmaps/new" class="form">
          <Field id="new-title" name="title" label="Title" value={form.title} autocomplete="off" required maxlength={80} autofocus />
          <LabelledField id="new-visibility" label="Who may see it">
            <select id="new-visibility" name="visibility">
              {(Object.keys(VISIBILITY_LABELS) as (keyof typeof VISIBILITY_LABELS)[]).map((v) => (
                <option value={v} selected={form.visibility === v}>
                  {VISIBILITY_LABELS[v]}
                </option>
              ))}
            </select>
          </LabelledField>
          {fork ? <input type="hidden" name="forkOf" value={fork.id} /> : null}
          <button class="button button--primary" type="submit">
            {fork ? 'Fork and edit' : 'Create and edit'}
          </button>
        </form>
      </article>
    </Layout>
  );
}

/** The settings beside the editor: title, visibility, deletion. */
export function RoadmapSettings({ summary, notice, error }: { summary: RoadmapSummary; notice?: string | null; error?: string | null }) {
  return (
    <section class="roadmap-settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <Notice text={notice} />
      <FormAlert text={error} />
      <form method="post" action={`/r/${summary.id}/settings`} class="form">
        <Field id="settings-title-field" name="title" label="Title" value={summary.title} autocomplete="off" required maxlength={80} />
        <LabelledField id="settings-visibility" label="Who may see it">
          <select id="settings-visibility" name="visibility">
            {(Object.keys(VISIBILITY_LABELS) as (keyof typeof VISIBILITY_LABELS)[]).map((v) => (
              <option value={v} selected={summary.visibility === v}>
                {VISIBILITY_LABELS[v]}
              </option>
            ))}
          </select>
        </LabelledField>
        <button class="button" type="submit">
          Save settings
        </button>
      </form>
      <form method="post" action={`/r/${summary.id}/delete`} class="form danger-zone">
        <Field
          id="delete-confirm"
          name="confirm"
          label={`Type ${summary.id} to delete this roadmap`}
          hint="Its pages will say it was deleted. Learners keep the progress they saved, but it no longer counts anywhere."
          autocomplete="off"
          required
        />
        <button class="button button--danger" type="submit">
          Delete roadmap
        </button>
      </form>
    </section>
  );
}
