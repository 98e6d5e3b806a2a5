import type { Roadmap } from '../../content/roadmap-model.js';
import { normalizeForSearch, queryWords, topicMatches } from '../../shared/search-text.js';
import type { SearchHit } from '../../views/search-page.js';

/** Finds topics whose title (or id) contains every word of the query; title-prefix matches first. */
export function searchTopics(roadmaps: Iterable<Roadmap>, query: string, roadmapId?: string, limit = 50): SearchHit[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const hits: (SearchHit & { rank: number })[] = [];
  for (const roadmap of roadmaps) {
    if (roadmapId && roadmap.id !== roadmapId) continue;
    for (const id of roadmap.order) {
      const topic = roadmap.topics.get(id);
      if (!topic) continue;
      if (!topicMatches(words, topic.title, topic.id)) continue;
      const rank = normalizeForSearch(topic.title).startsWith(words[0] ?? '') ? 0 : 1;
      hits.push({ roadmap, topic, rank });
    }
  }
  return hits
    .sort((a, b) => a.rank - b.rank || a.topic.index - b.topic.index)
    .slice(0, limit)
    .map(({ roadmap, topic }) => ({ roadmap, topic }));
}
