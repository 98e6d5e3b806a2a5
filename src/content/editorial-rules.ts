/**
 * The editorial bars of official content: explanations whose depth follows the topic's size,
 * enough hand-picked resources with free ones among them, honest levels, and no paragraph copied
 * from one topic into another. User roadmaps skip these; they meet the structural rules only.
 */
import type { ContentIssue } from './content-issue.js';
import { countProseWords, proseParagraphs } from './markdown.js';
import type { Level } from './content-schema.js';
import type { Roadmap, Topic } from './roadmap-model.js';
import type { SourceIndex } from './structural-rules.js';
import type { YamlSource } from './yaml-source.js';

export const QUALITY_BARS = {
  minResources: 3,
  maxResources: 8,
  /** Resources without `paid: true` every topic keeps, so nobody has to pay to learn it. */
  minFreeResources: 2,
  /** Paragraphs shorter than this may repeat (short list items, labels). */
  repeatedParagraphWords: 8,
  /** Questions each topic needs once a roadmap has a question bank. */
  minQuestionsPerTopic: 4,
} as const;

/** Options that test reading the other options, not the topic. */
const LAZY_OPTION = /^(all|none|both|neither) of the (above|others|options)\b/i;

/** How long an explanation is, by the topic's hours: small topics stay short, large ones go deeper. */
export interface DepthBand {
  minWords: number;
  maxWords: number;
  /** Sub-headings the explanation needs, one per main part. */
  minHeadings: number;
}

/** Topics of this many hours or more are large. */
export const LARGE_TOPIC_HOURS = 12;
const SMALL: DepthBand = { minWords: 150, maxWords: 400, minHeadings: 0 };
const LARGE: DepthBand = { minWords: 350, maxWords: 650, minHeadings: 2 };

export function depthBand(hours: number): DepthBand {
  return hours < LARGE_TOPIC_HOURS ? SMALL : LARGE;
}

const LEVEL_RANK: Record<Level, number> = { beginner: 0, intermediate: 1, advanced: 2 };

/** Sub-headings of an explanation (outside code blocks). */
function headingCount(markdown: string): number {
  let inCode = false;
  let count = 0;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
    else if (!inCode && /^#{2,4} \S/.test(line)) count++;
  }
  return count;
}

/** Where Milepost serves an official roadmap's files: front matter that names them on this site must name these paths. */
export function servedPaths({ id, path }: Pick<Roadmap, 'id' | 'path'>) {
  const pdfUrl = path === `/${id}` ? `/pdfs/roadmaps/${id}.pdf` : `${path}.pdf`;
  return { jsonUrl: `/jsons/roadmaps/${id}.json`, pdfUrl, imageUrl: `/og/roadmaps/${id}.png` };
}

export function checkEditorialRules(roadmap: Roadmap, sources: SourceIndex, issues: ContentIssue[]): void {
  const front = sources.get('roadmap.md')?.source;
  const served = servedPaths(roadmap);
  const named: [string[], string | undefined, string][] = [
    [['jsonUrl'], roadmap.meta.jsonUrl, served.jsonUrl],
    [['pdfUrl'], roadmap.meta.pdfUrl, served.pdfUrl],
    [['schema', 'imageUrl'], roadmap.meta.schema?.imageUrl, served.imageUrl],
  ];
  for (const [at, value, expected] of named) {
    if (front && value?.startsWith('/') && value !== expected) {
      issues.push(front.issue(at, `${at.join('.')} names a path this site does not serve; use ${expected} (or an https:// URL)`));
    }
  }
  const { minResources, maxResources, minFreeResources } = QUALITY_BARS;
  for (const topic of roadmap.topics.values()) {
    const entry = sources.get(`topics/${topic.id}.md`);
    if (!entry) continue;
    const { source, bodyLine } = entry;
    if (topic.resources.length < minResources || topic.resources.length > maxResources) {
      issues.push(source.issue(['resources'], `needs ${minResources}–${maxResources} resources, has ${topic.resources.length}`));
    }
    const free = topic.resources.filter((r) => !r.paid).length;
    if (free < minFreeResources) {
      issues.push(source.issue(['resources'], `needs at least ${minFreeResources} free resources (without paid: true), has ${free}`));
    }
    const band = depthBand(topic.hours);
    const words = countProseWords(topic.body);
    if (words < band.minWords || words > band.maxWords) {
      issues.push({
        file: source.file,
        line: bodyLine,
        message: `explanation has ${words} words; a topic of ${topic.hours} h needs ${band.minWords}–${band.maxWords}`,
      });
    }
    const headings = headingCount(topic.body);
    if (headings < band.minHeadings) {
      issues.push({
        file: source.file,
        line: bodyLine,
        message: `explanation has ${headings} sub-headings; a topic of ${topic.hours} h needs at least ${band.minHeadings}, one per main part`,
      });
    }
    checkLevels(topic, roadmap, source, issues);
  }
  checkRepeatedParagraphs(roadmap, sources, issues);
  checkQuestionBank(roadmap, sources, issues);
}

/** A roadmap with a question bank covers every topic, with options that stand on their own. */
function checkQuestionBank(roadmap: Roadmap, sources: SourceIndex, issues: ContentIssue[]): void {
  if (roadmap.questions.size === 0) return;
  const { minQuestionsPerTopic } = QUALITY_BARS;
  for (const topic of roadmap.topics.values()) {
    const count = roadmap.questionsByTopic.get(topic.id)?.length ?? 0;
    if (count >= minQuestionsPerTopic) continue;
    const entry = sources.get(`questions/${topic.id}.yaml`);
    const file = entry?.source.file ?? `roadmaps/${roadmap.id}/questions/${topic.id}.yaml`;
    issues.push({ file, line: 1, message: `topic "${topic.id}" has ${count} questions; it needs at least ${minQuestionsPerTopic}` });
  }
  for (const [topicId, ids] of roadmap.questionsByTopic) {
    const source = sources.get(`questions/${topicId}.yaml`)?.source;
    if (!source) continue;
    const inFile = ((source.value as { questions?: { id?: unknown }[] } | undefined)?.questions ?? []).map((q) => q.id);
    ids.forEach((id) => {
      const qi = inFile.indexOf(id);
      roadmap.questions.get(id)?.options.forEach((option, oi) => {
        if (LAZY_OPTION.test(option.text)) issues.push(source.issue(['questions', qi, 'options', oi, 'text'], `"${option.text}" is not an answer of its own; write a real option`));
      });
    });
  }
}

/** A topic may not require one of a higher level, unless its `levelNote` says why that is fine. */
function checkLevels(topic: Topic, roadmap: Roadmap, source: YamlSource, issues: ContentIssue[]): void {
  if (topic.levelNote) return;
  topic.prerequisites.forEach((id, i) => {
    const pre = roadmap.topics.get(id);
    if (!pre || LEVEL_RANK[pre.level] <= LEVEL_RANK[topic.level]) return;
    issues.push(
      source.issue(
        ['prerequisites', i],
        `this ${topic.level} topic requires "${id}", which is ${pre.level}; lower one of the levels, or explain the exception in levelNote`,
      ),
    );
  });
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
