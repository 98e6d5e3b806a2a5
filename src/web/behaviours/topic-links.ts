/**
 * Topic links on the diagram and in the outline: a click opens the drawer; right-click, Shift and
 * Alt mark the topic without opening it. Cmd/Ctrl-click still opens the topic page in a new tab.
 */
import { toggleStatus } from '../state/progress.js';
import { openTopic } from '../state/ui.js';

const LINKS = 'a.node[data-topic-id], a.outline-link[data-topic-id]';

export function followTopicLinks(roadmapId: string): void {
  const topicOf = (event: Event) => (event.target as Element).closest<HTMLAnchorElement>(LINKS)?.getAttribute('data-topic-id') ?? null;
  document.addEventListener('contextmenu', (event) => {
    const id = topicOf(event);
    if (!id) return;
    event.preventDefault();
    toggleStatus(roadmapId, id, 'done');
  });
  document.addEventListener('click', (event) => {
    const id = topicOf(event);
    if (!id || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    if (event.shiftKey) toggleStatus(roadmapId, id, 'learning');
    else if (event.altKey) toggleStatus(roadmapId, id, 'skipped');
    else openTopic.value = id;
  });
}
