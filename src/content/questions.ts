/**
 * The quiz bank of a roadmap: `questions/<topic-id>.yaml`, one file per topic. Every roadmap's
 * questions meet the rules here (known topic, unique ids and prompts, distinct options, at least
 * one correct); the official bank's minimum per topic is an editorial rule.
 */
import type { ContentIssue } from './content-issue.js';
import { QuestionFile } from './content-schema.js';
import type { RoadmapFiles } from './roadmap-files.js';
import type { Question, Topic } from './roadmap-model.js';
import type { SourceIndex } from './structural-rules.js';
import { YamlSource } from './yaml-source.js';

export interface QuestionBank {
  questions: Map<string, Question>;
  questionsByTopic: Map<string, string[]>;
}

/** Prompts compared for duplicates: case, spacing and punctuation do not make a new question. */
const promptKey = (prompt: string) => prompt.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export function loadQuestions(
  files: RoadmapFiles,
  rel: (name: string) => string,
  topics: ReadonlyMap<string, Topic>,
  order: readonly string[],
  issues: ContentIssue[],
  sources: SourceIndex,
): QuestionBank {
  const questions = new Map<string, Question>();
  const questionsByTopic = new Map<string, string[]>();
  const firstId = new Map<string, string>();
  const firstPrompt = new Map<string, string>();
  const names = files.list('questions', '.yaml');
  // Topics in learning order, so the bank reads the way the roadmap does.
  const position = (name: string) => {
    const i = order.indexOf(name.slice(0, -'.yaml'.length));
    return i === -1 ? order.length : i;
  };
  for (const name of [...names].sort((a, b) => position(a) - position(b) || a.localeCompare(b))) {
    const topicId = name.slice(0, -'.yaml'.length);
    const file = `questions/${name}`;
    const source = new YamlSource(rel(file), files.read(file) ?? '');
    if (!topics.has(topicId)) {
      issues.push({ file: source.file, line: 1, message: `questions for unknown topic "${topicId}" (the file name must be a topic id)` });
      continue;
    }
    const parsed = source.check(QuestionFile, issues, 'questions');
    if (!parsed) continue;
    sources.set(file, { source, bodyLine: 1 });
    const ids: string[] = [];
    parsed.questions.forEach((q, qi) => {
      const at = (...path: (string | number)[]) => ['questions', qi, ...path];
      const seenId = firstId.get(q.id);
      if (seenId !== undefined) {
        issues.push(source.issue(at('id'), `duplicate question id "${q.id}" (also in ${seenId})`));
        return;
      }
      firstId.set(q.id, file);
      const key = promptKey(q.prompt);
      const samePrompt = firstPrompt.get(key);
      if (samePrompt !== undefined) issues.push(source.issue(at('prompt'), `the same prompt as question "${samePrompt}"`));
      else firstPrompt.set(key, q.id);
      const optionIds = new Set<string>();
      const optionTexts = new Set<string>();
      q.options.forEach((o, oi) => {
        if (optionIds.has(o.id)) issues.push(source.issue(at('options', oi, 'id'), `duplicate option id "${o.id}"`));
        optionIds.add(o.id);
        const text = o.text.trim().toLowerCase();
        if (optionTexts.has(text)) issues.push(source.issue(at('options', oi, 'text'), `the same text as another option`));
        optionTexts.add(text);
      });
      const correct = q.options.filter((o) => o.correct === true).map((o) => o.id);
      if (correct.length === 0) issues.push(source.issue(at('options'), `no option is marked correct: true`));
      if (correct.length === q.options.length) issues.push(source.issue(at('options'), `every option is correct; a question needs a wrong one`));
      questions.set(q.id, {
        id: q.id,
        topicId,
        level: q.level,
        prompt: q.prompt.trim(),
        options: q.options.map((o) => ({ id: o.id, text: o.text.trim() })),
        correctOptionIds: correct,
        explanation: q.explanation.trim(),
      });
      ids.push(q.id);
    });
    questionsByTopic.set(topicId, ids);
  }
  return { questions, questionsByTopic };
}
