/** How an answer is graded, and what a question shows before it is answered. */
import { renderInlineMarkdown, renderMarkdown } from '../../content/markdown.js';
import type { Question } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import type { AnswerResult, PublicQuestion } from './schema.js';

/** The question without its answers: what anyone may see before answering. */
export function publicQuestion(question: Question): PublicQuestion {
  return {
    id: question.id,
    level: question.level,
    prompt: question.prompt,
    promptHtml: renderMarkdown(question.prompt),
    options: question.options.map((o) => ({ id: o.id, text: o.text, textHtml: renderInlineMarkdown(o.text) })),
    multiple: question.correctOptionIds.length > 1,
  };
}

// Questions belong to a loaded roadmap version and never change: each explanation is rendered once.
const explanations = new WeakMap<Question, string>();

function explanationHtml(question: Question): string {
  let html = explanations.get(question);
  if (html === undefined) {
    html = renderMarkdown(question.explanation);
    explanations.set(question, html);
  }
  return html;
}

/** Right only when exactly the correct options were chosen. Options of another question are refused. */
export function grade(question: Question, optionIds: readonly string[]): AnswerResult {
  const known = new Set(question.options.map((o) => o.id));
  const unknown = optionIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError('invalid_input', `Option ${unknown.map((id) => `"${id}"`).join(', ')} is not an option of this question.`);
  }
  const chosen = new Set(optionIds);
  if (chosen.size !== optionIds.length) throw new AppError('invalid_input', 'Each option may be chosen once.');
  const correct = question.correctOptionIds.length === chosen.size && question.correctOptionIds.every((id) => chosen.has(id));
  return {
    correct,
    correctOptionIds: [...question.correctOptionIds],
    explanation: question.explanation,
    explanationHtml: explanationHtml(question),
    topicId: question.topicId,
  };
}
