/** The roadmap as nested lists: the accessible view, and the default on narrow screens. */
import type { Roadmap, Topic } from '../content/roadmap-model.js';
import { Icon, MARK_SHORT } from './icons.js';
import { formatHours } from './format.js';

/**
 * One row: a check that marks the topic done (or not) in place, as a checkbox would, and the link
 * that opens it. The check needs JavaScript and stays hidden without it.
 */
function OutlineLink({ roadmap, topic }: { roadmap: Roadmap; topic: Topic }) {
  return (
    <div class="outline-row">
      <button type="button" class="outline-check" data-check-topic={topic.id} aria-pressed="false" data-needs-js hidden>
        <svg class="icon status-icon" viewBox="0 0 24 24" aria-hidden="true">
          <use href="#s-box" />
        </svg>
        <span class="visually-hidden">Done: {topic.title}</span>
      </button>
      <TopicLink roadmap={roadmap} topic={topic} />
    </div>
  );
}

function TopicLink({ roadmap, topic }: { roadmap: Roadmap; topic: Topic }) {
  return (
    <a class="outline-link" href={`${roadmap.path}/${topic.id}`} data-topic-id={topic.id}>
      <span class="outline-title">{topic.title}</span>
      <span class="status-text visually-hidden" data-status-text />
      {topic.mark ? (
        <span class={`mark-chip mark-chip--${topic.mark}`}>
          <Icon id={`m-${topic.mark}`} class={`mark-icon--${topic.mark}`} />
          {MARK_SHORT[topic.mark]}
        </span>
      ) : null}
    </a>
  );
}

export function Outline({ roadmap }: { roadmap: Roadmap }) {
  return (
    <ol class="outline-sections">
      {roadmap.sections.map((section) => (
        <li class="outline-section" id={`section-${section.id}`} data-section-id={section.id}>
          <h3 class="outline-section-title">
            {section.title}
            <span class="outline-section-meta">
              <span class="section-count" data-section-count={section.id}>
                {section.nodeIds.length} topics
              </span>
              <span class="section-hours">{formatHours(section.hours)}</span>
            </span>
          </h3>
          <ol class="outline-topics">
            {section.topicIds.map((id) => {
              const topic = roadmap.topics.get(id);
              if (!topic) return null;
              return (
                <li>
                  <OutlineLink roadmap={roadmap} topic={topic} />
                  {topic.subtopicIds.length > 0 ? (
                    <ul class="outline-subtopics">
                      {topic.subtopicIds.map((subId) => {
                        const sub = roadmap.topics.get(subId);
                        return sub ? (
                          <li>
                            <OutlineLink roadmap={roadmap} topic={sub} />
                          </li>
                        ) : null;
                      })}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
