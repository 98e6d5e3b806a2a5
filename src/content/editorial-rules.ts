/**
 * The editorial bars of official content: explanations of a useful length, enough hand-picked
 * resources, and no paragraph copied from one topic into another. User roadmaps skip these;
 * they meet the structural rules only.
 */
import type { ContentIssue } from './content-issue.js';
import { countProseWords, proseParagraphs } from './markdown.js';
import type { Roadmap } from './roadmap-model.js';
import type { SourceIndex } from './structural-rules.js';

export const QUALITY_BARS = {
  minWords: 120,
  maxWords: 350,
  minResources: 3,
  maxResources: 8,
  /** Paragraphs shorter than this may repeat (short list items, labels). */
  repeatedParagraphWords: 8,
} as const;

export function checkEditorialRules(roadmap: Roadmap, sources: SourceIndex, issues: ContentIssue[]): void {
  const { minResources, maxResources, minWords, maxWords } = QUALITY_BARS;
  for (const topic of roadmap.topics.values()) {
    const entry = sources.get(`topics/${topic.id}.md`);
    if (!entry) continue;
    const { source, bodyLine } = entry;
    if (topic.resources.length < minResources || topic.resources.length > maxResources) {
      issues.push(source.issue(['resources'], `needs ${minResources}–${maxResources} resources, has ${topic.resources.length}`));
    }
    const words = countProseWords(topic.body);
    if (words < minWords || words > maxWords) {
      issues.push({ file: source.file, line: bodyLine, message: `explanation has ${words} words; it needs ${minWords}–${maxWords}` });
    }
  }
  checkRepeatedParagraphs(roadmap, sources, issues);
}

function checkRepeatedParagraphs(roadmap: Roadmap, sources: SourceIndex, issues: ContentIssue[]): void {
  const seen = new Map<string, string>();
  for (const topic of roadmap.topics.values()) {
    const entry = sources.get(`topics/${topic.id}.md`);
    if (!entry) continue;
    for (const paragraph of new Set(proseParagraphs(topic.body))) {
      if (paragraph.split(' ').length < QUALITY_BARS.repeatedParagraphWords) continue;
      const first = seen.get(paragraph);
      if (first !== undefined && first !== topic.id) {
        issues.push({ file: entry.source.file, line: entry.bodyLine, message: `paragraph repeated from topic "${first}": "${paragraph.slice(0, 60)}…"` });
      } else {
        seen.set(paragraph, topic.id);
      }
    }
  }
}
