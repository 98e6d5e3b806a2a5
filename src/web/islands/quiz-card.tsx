/**
 * One question, answered in the browser: options to choose, the server's verdict with the
 * explanation, and after a right answer "Hard" / "Easy" for the review schedule (Good is what a
 * right answer counts as). The topic quiz and the review page both ask with it.
 */
import { useState } from 'preact/hooks';
import type { PublicQuestion } from '../../features/quiz/schema.js';
import { rateAnswer, submitAnswer, type Answered, type SelfRating } from '../answers.js';

export interface QuizCardProps {
  roadmapId: string;
  question: PublicQuestion;
  /** "Question 2 of 5". */
  progress: string;
  nextLabel: string;
  onAnswered: (answered: Answered) => void;
  onNext: () => void;
  onError: (message: string) => void;
}

const RATING_LABELS: Record<SelfRating, string> = { hard: 'It was hard', good: 'About right', easy: 'It was easy' };

export function QuizCard({ roadmapId, question, progress, nextLabel, onAnswered, onNext, onError }: QuizCardProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [rating, setRating] = useState<SelfRating>('good');
  const [busy, setBusy] = useState(false);
  const result = answered?.result ?? null;

  const toggle = (id: string) => {
    if (result) return;
    setChosen(question.multiple ? (chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]) : [id]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (chosen.length === 0 || result || busy) return;
    setBusy(true);
    try {
      const done = await submitAnswer(roadmapId, question.id, chosen);
      setAnswered(done);
      onAnswered(done);
    } catch (error) {
      onError(error instanceof Error ? error.message : 'The answer could not be checked.');
    } finally {
      setBusy(false);
    }
  };

  const rate = async (next: SelfRating) => {
    if (!answered || busy || next === rating) return;
    setBusy(true);
    try {
      await rateAnswer(roadmapId, question.id, chosen, answered, next);
      setRating(next);
    } catch (error) {
      onError(error instanceof Error ? error.message : 'The rating could not be saved.');
    } finally {
      setBusy(false);
    }
  };

  const name = `answer-${question.id}`;
  return (
    <form class="quiz-card" onSubmit={submit} data-question-id={question.id}>
      <p class="muted quiz-progress">{progress}</p>
      <fieldset>
        {/* Server-rendered, sanitised Markdown (the one renderer, raw HTML escaped). */}
        <legend class="quiz-prompt" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
        {question.options.map((option) => {
          const picked = chosen.includes(option.id);
          const verdict = result ? (result.correctOptionIds.includes(option.id) ? 'is-correct' : picked ? 'is-wrong' : '') : '';
          return (
            <label class={`quiz-option ${verdict}`} key={option.id}>
              <input
                type={question.multiple ? 'checkbox' : 'radio'}
                name={name}
                value={option.id}
                checked={picked}
                disabled={result !== null}
                onChange={() => toggle(option.id)}
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
          {result.correct && result.card ? (
            <div class="quiz-rating" role="group" aria-labelledby={`rating-${question.id}`} data-quiz-rating>
              <span class="muted" id={`rating-${question.id}`}>
                How did it feel? It sets when you see this question again:
              </span>
              {(['hard', 'good', 'easy'] as const).map((r) => (
                <button type="button" class="button quiet" aria-pressed={rating === r} disabled={busy} onClick={() => void rate(r)} data-rating={r}>
                  {RATING_LABELS[r]}
                </button>
              ))}
            </div>
          ) : null}
          <button type="button" class="button" onClick={onNext} data-quiz-next>
            {nextLabel}
          </button>
        </div>
      ) : (
        <button type="submit" class="button" disabled={chosen.length === 0 || busy} data-quiz-check>
          Check answer
        </button>
      )}
    </form>
  );
}
