import type { Roadmap } from '../../content/roadmap-model.js';
import type { SearchHit } from '../../views/search-page.js';

/** Case- and accent-insensitive form used for matching titles. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Finds topics whose title (or id) contains every word of the query; title-prefix matches first. */
export function searchTopics(roadmaps: Iterable<Roadmap>, query: string, roadmapId?: string, limit = 50): SearchHit[] {
  const words = normalizeForSearch(query).split(/\s+/).filter(Boolean).slice(0, 10);
  if (words.length === 0) return [];
  const hits: (SearchHit & { rank: number })[] = [];
  for (const roadmap of roadmaps) {
    if (roadmapId && roadmap.id !== roadmapId) continue;
    for (const id of roadmap.order) {
      const topic = roadmap.topics.get(id);
      if (!topic) continue;
      const haystack = `${normalizeForSearch(topic.title)} ${topic.id}`;
      if (!words.every((w) => haystack.includes(w))) continue;
      const rank = normalizeForSearch(topic.title).startsWith(words[0] ?? '') ? 0 : 1;
      hits.push({ roadmap, topic, rank });
    }
  }
  return hits
    .sort((a, b) => a.rank - b.rank || a.topic.index - b.topic.index)
    .slice(0, limit)
    .map(({ roadmap, topic }) => ({ roadmap, topic }));
}
