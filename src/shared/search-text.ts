/** How topic titles are matched against a search, the same on the server's search page and in the browser. */

/** Case- and accent-insensitive form used for matching. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a query, normalised (at most 10). */
export function queryWords(query: string): string[] {
  return normalizeForSearch(query).split(/\s+/).filter(Boolean).slice(0, 10);
}

/** True when every word occurs in the topic's title or id. */
export function topicMatches(words: readonly string[], title: string, id: string): boolean {
  const haystack = `${normalizeForSearch(title)} ${id}`;
  return words.every((w) => haystack.includes(w));
}
