/** Live topic search: filters by title, highlights matches on the diagram, Enter opens the first. */
import { $, $$, isTyping } from './dom.js';

/** Lower-case, accent-free form for matching. */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchTopics(topics: readonly (readonly [string, string])[], query: string): string[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return topics.filter(([id, title]) => words.every((w) => `${normalize(title)} ${id}`.includes(w))).map(([id]) => id);
}

export function setupSearch(
  form: HTMLFormElement,
  topics: readonly (readonly [string, string])[],
  roadmapId: string,
  open: (id: string) => void,
): void {
  const input = $<HTMLInputElement>('input[type="search"]', form);
  const list = $<HTMLUListElement>('.topic-search-results', form);
  if (!input || !list) return;
  const titles = new Map(topics);
  let matches: string[] = [];

  const update = () => {
    const query = input.value.trim();
    matches = matchTopics(topics, query);
    const active = query !== '';
    document.querySelector('.roadmap')?.classList.toggle('is-searching', active);
    const matched = new Set(matches);
    for (const node of $$('a.node[data-topic-id], a.outline-link[data-topic-id]')) {
      node.classList.toggle('is-match', active && matched.has(node.getAttribute('data-topic-id') ?? ''));
    }
    list.replaceChildren();
    list.hidden = !active;
    if (!active) return;
    if (matches.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'No topic matches.';
      list.append(li);
      return;
    }
    for (const id of matches.slice(0, 8)) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/${roadmapId}/${id}`;
      a.dataset.topicId = id;
      a.textContent = titles.get(id) ?? id;
      a.addEventListener('click', (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
        event.preventDefault();
        open(id);
      });
      li.append(a);
      list.append(li);
    }
    if (matches.length > 8) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = `and ${matches.length - 8} more highlighted on the roadmap`;
      list.append(li);
    }
  };

  input.addEventListener('input', update);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value !== '') {
      event.preventDefault();
      input.value = '';
      update();
    }
  });
  form.addEventListener('submit', (event) => {
    update();
    const first = matches[0];
    if (!first) return;
    event.preventDefault();
    open(first);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  if (input.value) update();
}
