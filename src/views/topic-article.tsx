/** A topic's content: used by the topic page and, without the page shell, by the drawer. */
import { RESOURCE_TYPES, type ResourceType } from '../content/content-schema.js';
import { renderMarkdown } from '../content/markdown.js';
import type { Roadmap, Topic } from '../content/roadmap-model.js';
import { capitalize, formatHours } from './format.js';
import { Icon, MARK_LABELS } from './icons.js';
import { StatusButtonsIsland } from '../web/islands/status-buttons.js';
import { ResourceListIsland } from '../web/islands/resource-list.js';
import { TopicQuizIsland } from '../web/islands/topic-quiz.js';
import { TopicNotesIsland } from '../web/islands/topic-notes.js';

export const RESOURCE_LABELS: Record<ResourceType, string> = {
  official: 'Official',
  article: 'Article',
  video: 'Video',
  course: 'Course',
  book: 'Book',
  opensource: 'Open source',
  podcast: 'Podcast',
  feed: 'Feed',
};

function Resources({ roadmap, topic }: { roadmap: Roadmap; topic: Topic }) {
  const groups = RESOURCE_TYPES.map((type) => ({
    type,
    label: RESOURCE_LABELS[type],
    items: topic.resources.filter((r) => r.type === type).map((r) => ({ title: r.title, url: r.url, paid: r.paid === true })),
  })).filter((g) => g.items.length > 0);
  if (groups.length === 0) return null;
  return <ResourceListIsland roadmapId={roadmap.id} topicId={topic.id} groups={groups} />;
}

function TopicLink({ roadmap, id, rel }: { roadmap: Roadmap; id: string; rel?: string }) {
  const topic = roadmap.topics.get(id);
  return topic ? (
    <a href={`${roadmap.path}/${id}`} data-topic-id={id} rel={rel}>
      {topic.title}
    </a>
  ) : null;
}

export function TopicArticle({
  roadmap,
  topic,
  inDrawer = false,
  editUrl = null,
}: {
  roadmap: Roadmap;
  topic: Topic;
  inDrawer?: boolean;
  /** Where the deployment's own repository edits this topic's file (official topics, when configured). */
  editUrl?: string | null;
}) {
  const section = roadmap.sections.find((s) => s.id === topic.sectionId);
  const parent = topic.parentId ? roadmap.topics.get(topic.parentId) : undefined;
  const prevId = roadmap.order[topic.index - 1];
  const nextId = roadmap.order[topic.index + 1];
  const Heading = inDrawer ? 'h2' : 'h1';
  const projects = roadmap.projects.filter((p) => p.topics.includes(topic.id));
  return (
    <article class="topic" data-topic-id={topic.id}>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href={roadmap.path}>{roadmap.meta.title}</a>
          </li>
          {section ? (
            <li>
              <a href={`${roadmap.path}?view=outline#section-${section.id}`}>{section.title}</a>
            </li>
          ) : null}
          {parent && parent.title !== section?.title ? (
            <li>
              <TopicLink roadmap={roadmap} id={parent.id} />
            </li>
          ) : null}
        </ol>
      </nav>
      <Heading class="topic-title" id={`topic-title-${topic.id}`}>
        {topic.title}
      </Heading>
      <ul class="topic-meta">
        <li>
          <span class="visually-hidden">Level: </span>
          {capitalize(topic.level)}
        </li>
        <li>{formatHours(topic.hours)}</li>
        {topic.mark ? (
          <li class={`mark-chip mark-chip--${topic.mark}`}>
            <Icon id={`m-${topic.mark}`} class={`mark-icon--${topic.mark}`} />
            {MARK_LABELS[topic.mark]}
          </li>
        ) : null}
      </ul>
      <StatusButtonsIsland roadmapId={roadmap.id} topicId={topic.id} />
      {topic.prerequisites.length > 0 ? (
        <p class="prerequisites">
          <strong>Learn first: </strong>
          {topic.prerequisites.map((id, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <TopicLink roadmap={roadmap} id={id} />
            </>
          ))}
        </p>
      ) : null}
      <div class="prose topic-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(topic.body, { topHeading: inDrawer ? 3 : 2 }) }} />
      <Resources roadmap={roadmap} topic={topic} />
      <TopicNotesIsland roadmapId={roadmap.id} topicId={topic.id} topicTitle={topic.title} />
      <TopicQuizIsland roadmapId={roadmap.id} topicId={topic.id} count={roadmap.questionsByTopic.get(topic.id)?.length ?? 0} />
      {projects.length > 0 ? (
        <section class="topic-projects" aria-labelledby={`projects-${topic.id}`}>
          <h2 id={`projects-${topic.id}`}>Practise it in a project</h2>
          <ul>
            {projects.map((p) => (
              <li>
                <a href={`${roadmap.path}/projects/${p.id}`}>{p.title}</a> <span class="muted">({p.difficulty})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {editUrl ? (
        <p class="topic-edit">
          <a href={editUrl} rel="nofollow">
            Suggest a change to this topic
          </a>{' '}
          <span class="muted">(opens its file in this site’s content repository)</span>
        </p>
      ) : null}
      <nav class="pager" aria-label="Topics in learning order">
        {prevId ? (
          <span class="pager-prev">
            <span class="muted">Previous</span> <TopicLink roadmap={roadmap} id={prevId} rel="prev" />
          </span>
        ) : (
          <span />
        )}
        {nextId ? (
          <span class="pager-next">
            <span class="muted">Next</span> <TopicLink roadmap={roadmap} id={nextId} rel="next" />
          </span>
        ) : null}
      </nav>
    </article>
  );
}
