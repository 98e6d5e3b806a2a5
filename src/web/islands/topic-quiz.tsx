/**
 * "Check yourself": up to five of a topic's questions, one at a time, each checked by the server
 * with the explanation shown at once. Works for guests; needs JavaScript (hidden without it).
 */
import { useState } from 'preact/hooks';
import type { AnswerResult, PublicQuestion, TopicQuestions } from '../../features/quiz/schema.js';
import { island, useHydrated } from './island.js';

export interface TopicQuizProps {
  roadmapId: string;
  topicId: string;
  /** Questions the topic has, as the server knows it. */
  count: number;
}

/** Questions asked in one round. */
export const QUIZ_ROUND = 5;

type Phase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'asking'; questions: PublicQuestion[]; at: number; score: number; result: AnswerResult | null; chosen: string[] }
  | { kind: 'done'; score: number; total: number };

/** A fresh order each round, so a repeat is not a memory test of positions. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

function TopicQuiz({ roadmapId, topicId, count }: TopicQuizProps) {
  const ready = useHydrated();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const base = `/api/v1/roadmaps/${encodeURIComponent(roadmapId)}`;

  const start = async () => {
    setPhase({ kind: 'loading' });
    try {
      const doc = await readJson<TopicQuestions>(
        await fetch(`${base}/topics/${encodeURIComponent(topicId)}/questions`, { headers: { accept: 'application/json' } }),
      );
      const questions = shuffled(doc.questions).slice(0, QUIZ_ROUND);
      setPhase(
        questions.length === 0
          ? { kind: 'failed', message: 'This topic has no questions yet.' }
          : { kind: 'asking', questions, at: 0, score: 0, result: null, chosen: [] },
      );
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : 'The questions could not be loaded.' });
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (phase.kind !== 'asking' || phase.chosen.length === 0 || phase.result) return;
    const question = phase.questions[phase.at]!;
    try {
      const result = await readJson<AnswerResult>(
        await fetch(`${base}/questions/${encodeURIComponent(question.id)}/answer`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ optionIds: phase.chosen }),
        }),
      );
      setPhase({ ...phase, result, score: phase.score + (result.correct ? 1 : 0) });
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : 'The answer could not be checked.' });
    }
  };

  const next = () => {
    if (phase.kind !== 'asking') return;
    if (phase.at + 1 >= phase.questions.length) setPhase({ kind: 'done', score: phase.score, total: phase.questions.length });
    else setPhase({ ...phase, at: phase.at + 1, result: null, chosen: [] });
  };

  const toggle = (id: string, multiple: boolean) => {
    if (phase.kind !== 'asking' || phase.result) return;
    const chosen = multiple ? (phase.chosen.includes(id) ? phase.chosen.filter((c) => c !== id) : [...phase.chosen, id]) : [id];
    setPhase({ ...phase, chosen });
  };

  const headingId = `quiz-${topicId}`;
  return (
    <section class="topic-quiz" aria-labelledby={headingId} hidden={!ready || count === 0} data-topic-quiz={topicId}>
      <h2 id={headingId}>Check yourself</h2>
      {phase.kind === 'idle' || phase.kind === 'loading' ? (
        <p>
          <button type="button" class="button" onClick={start} disabled={phase.kind === 'loading'} data-quiz-start>
            {phase.kind === 'loading' ? 'Loading questions…' : `Answer ${Math.min(QUIZ_ROUND, count)} questions`}
          </button>{' '}
          <span class="muted">Checked as you go; no account needed.</span>
        </p>
      ) : null}
      {phase.kind === 'failed' ? (
        <p role="alert">
          {phase.message}{' '}
          <button type="button" class="button" onClick={start}>
            Try again
          </button>
        </p>
      ) : null}
      {phase.kind === 'asking' ? <QuestionCard phase={phase} onToggle={toggle} onSubmit={submit} onNext={next} /> : null}
      {phase.kind === 'done' ? (
        <p role="status" data-quiz-score>
          You answered {phase.score} of {phase.total} correctly.{' '}
          <button type="button" class="button" onClick={start}>
            Another round
          </button>
        </p>
      ) : null}
    </section>
  );
}

function QuestionCard({
  phase,
  onToggle,
  onSubmit,
  onNext,
}: {
  phase: Extract<Phase, { kind: 'asking' }>;
  onToggle: (id: string, multiple: boolean) => void;
  onSubmit: (event: Event) => void;
  onNext: () => void;
}) {
  const question = phase.questions[phase.at]!;
  const { result } = phase;
  const name = `answer-${question.id}`;
  return (
    <form class="quiz-card" onSubmit={onSubmit} data-question-id={question.id}>
      <p class="muted quiz-progress">
        Question {phase.at + 1} of {phase.questions.length}
      </p>
      <fieldset>
        {/* Server-rendered, sanitised Markdown (the one renderer, raw HTML escaped). */}
        <legend class="quiz-prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
        {question.options.map((option) => {
          const picked = phase.chosen.includes(option.id);
          const verdict = result ? (result.correctOptionIds.includes(option.id) ? 'is-correct' : picked ? 'is-wrong' : '') : '';
          return (
            <label class={`quiz-option ${verdict}`} key={option.id}>
              <input
                type={question.multiple ? 'checkbox' : 'radio'}
                name={name}
                value={option.id}
                checked={picked}
                disabled={result !== null}
                onChange={() => onToggle(option.id, question.multiple)}
              />
              <span dangerouslySetInnerHTML={{ __html: option.textHtml }} />
              {verdict === 'is-correct' ? <span class="visually-hidden"> (correct answer)</span> : null}
              {verdict === 'is-wrong' ? <span class="visually-hidden"> (your answer, not correct)</span> : null}
            </label>
          );
        })}
      </fieldset>
      {result ? (
        <div class={`quiz-feedback ${result.correct ? 'is-correct' : 'is-wrong'}`} role="status" data-quiz-feedback>
          <p>
            <strong>{result.correct ? 'Correct.' : 'Not quite.'}</strong>
          </p>
          <div class="prose" dangerouslySetInnerHTML={{ __html: result.explanationHtml }} />
          <button type="button" class="button" onClick={onNext} data-quiz-next>
            {phase.at + 1 >= phase.questions.length ? 'See your score' : 'Next question'}
          </button>
        </div>
      ) : (
        <button type="submit" class="button" disabled={phase.chosen.length === 0} data-quiz-check>
          Check answer
        </button>
      )}
    </form>
  );
}

export const TopicQuizIsland = island('topic-quiz', TopicQuiz);
