/**
 * "Check yourself": up to five of a topic's questions, one at a time, each checked by the server
 * with the explanation shown at once; each answer is also a review (answers.ts). Works for guests;
 * needs JavaScript (hidden without it).
 */
import { useState } from 'preact/hooks';
import type { PublicQuestion, TopicQuestions } from '../../features/quiz/schema.js';
import { readJson } from '../answers.js';
import { QuizCard } from './quiz-card.js';
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
  | { kind: 'asking'; questions: PublicQuestion[]; at: number; score: number }
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
        questions.length === 0 ? { kind: 'failed', message: 'This topic has no questions yet.' } : { kind: 'asking', questions, at: 0, score: 0 },
      );
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : 'The questions could not be loaded.' });
    }
  };

  const next = () => {
    if (phase.kind !== 'asking') return;
    if (phase.at + 1 >= phase.questions.length) setPhase({ kind: 'done', score: phase.score, total: phase.questions.length });
    else setPhase({ ...phase, at: phase.at + 1 });
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
      {phase.kind === 'asking' ? (
        <QuizCard
          key={phase.questions[phase.at]!.id}
          roadmapId={roadmapId}
          question={phase.questions[phase.at]!}
          progress={`Question ${phase.at + 1} of ${phase.questions.length}`}
          nextLabel={phase.at + 1 >= phase.questions.length ? 'See your score' : 'Next question'}
          onAnswered={({ result }) => result.correct && setPhase({ ...phase, score: phase.score + 1 })}
          onNext={next}
          onError={(message) => setPhase({ kind: 'failed', message })}
        />
      ) : null}
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

export const TopicQuizIsland = island('topic-quiz', TopicQuiz);
