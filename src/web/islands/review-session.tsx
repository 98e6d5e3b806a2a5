/**
 * The review page's session: today's due cards, soonest first, asked one at a time with the same
 * question card as a topic quiz, then the topics to revisit. A guest's queue is read from this
 * browser; an account's from the server.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PublicQuestion, TopicQuestions } from '../../features/quiz/schema.js';
import type { DueQueue } from '../../features/reviews/review-service.js';
import { revisitTopics } from '../../shared/review-cards.js';
import { readJson } from '../answers.js';
import { currentUser } from '../state/account.js';
import { guestCards, guestDue } from '../state/review-cards.js';
import { island, useHydrated } from './island.js';
import { QuizCard } from './quiz-card.js';

type Revisit = DueQueue['revisit'];
interface Due {
  roadmapId: string;
  questionId: string;
  topicId: string;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; due: Due[]; count: number; at: number; right: number; question: PublicQuestion | null; revisit: Revisit };

const questionsByTopic = new Map<string, Promise<PublicQuestion[]>>();

/** A topic's questions, asked once per page (the answer is cacheable and shared by its cards). */
function topicQuestions(roadmapId: string, topicId: string): Promise<PublicQuestion[]> {
  const key = `${roadmapId}/${topicId}`;
  let found = questionsByTopic.get(key);
  if (!found) {
    found = fetch(`/api/v1/roadmaps/${encodeURIComponent(roadmapId)}/topics/${encodeURIComponent(topicId)}/questions`, {
      headers: { accept: 'application/json' },
    })
      .then((r) => readJson<TopicQuestions>(r))
      .then((doc) => doc.questions);
    questionsByTopic.set(key, found);
  }
  return found;
}

/** The question of a due card; null when it left the roadmap since. */
async function questionOf(card: Due): Promise<PublicQuestion | null> {
  const questions = await topicQuestions(card.roadmapId, card.topicId).catch(() => []);
  return questions.find((q) => q.id === card.questionId) ?? null;
}

/** The first card from `at` whose question still exists. */
async function nextQuestion(due: Due[], from: number): Promise<{ at: number; question: PublicQuestion | null }> {
  for (let at = from; at < due.length; at++) {
    const question = await questionOf(due[at]!);
    if (question) return { at, question };
  }
  return { at: due.length, question: null };
}

/** A guest's topics to revisit, with their titles from the API. */
async function guestRevisit(): Promise<Revisit> {
  const topics = revisitTopics(guestCards.value.values());
  const titled = await Promise.all(
    topics.map(async (t) => {
      const response = await fetch(`/api/v1/roadmaps/${encodeURIComponent(t.roadmapId)}/topics/${encodeURIComponent(t.topicId)}`, {
        headers: { accept: 'application/json' },
      }).catch(() => null);
      if (!response?.ok) return null;
      const doc = (await response.json()) as { id: string; title: string; links: { page: string } };
      return { ...t, title: doc.title, url: doc.links.page };
    }),
  );
  return titled.filter((t) => t !== null);
}

async function loadQueue(signedIn: boolean): Promise<{ due: Due[]; count: number; revisit: Revisit }> {
  if (signedIn) {
    const queue = await readJson<DueQueue>(
      await fetch('/api/v1/me/reviews/due', { credentials: 'same-origin', headers: { accept: 'application/json' } }),
    );
    return { due: queue.cards, count: queue.count, revisit: queue.revisit };
  }
  const due = guestDue();
  return { due, count: due.length, revisit: await guestRevisit() };
}

function ReviewSession() {
  const ready = useHydrated();
  const user = ready ? currentUser.value : undefined;
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const start = async (signedIn: boolean) => {
    setPhase({ kind: 'loading' });
    try {
      const { due, count, revisit } = await loadQueue(signedIn);
      const { at, question } = await nextQuestion(due, 0);
      setPhase({ kind: 'ready', due, count, at, right: 0, question, revisit });
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : 'Your review queue could not be loaded.' });
    }
  };

  useEffect(() => {
    if (user !== undefined) void start(user !== null);
  }, [user]);

  const next = async () => {
    if (phase.kind !== 'ready') return;
    const found = await nextQuestion(phase.due, phase.at + 1);
    setPhase({ ...phase, ...found });
  };

  if (phase.kind === 'loading') return <p aria-busy="true">Loading your review queue…</p>;
  if (phase.kind === 'failed') {
    return (
      <p role="alert">
        {phase.message}{' '}
        <button type="button" class="button" onClick={() => void start(Boolean(user))}>
          Try again
        </button>
      </p>
    );
  }
  const shown = phase.due.length;
  return (
    <div class="review-session" data-review-session>
      <p class="review-summary" data-review-summary>
        {phase.count === 0
          ? 'Nothing is due today.'
          : phase.count === 1
            ? '1 card is due today.'
            : `${phase.count} cards are due today${phase.count > shown ? `; here are the first ${shown}` : ''}.`}
      </p>
      {phase.question ? (
        <QuizCard
          key={`${phase.due[phase.at]!.roadmapId}/${phase.question.id}`}
          roadmapId={phase.due[phase.at]!.roadmapId}
          question={phase.question}
          progress={`Card ${phase.at + 1} of ${shown}`}
          nextLabel={phase.at + 1 >= shown ? 'Finish' : 'Next card'}
          onAnswered={({ result }) => result.correct && setPhase({ ...phase, right: phase.right + 1 })}
          onNext={() => void next()}
          onError={(message) => setPhase({ kind: 'failed', message })}
        />
      ) : shown > 0 ? (
        <p role="status" data-review-done>
          Done for now: {phase.right} of {shown} right. Each card is scheduled again from your answer.{' '}
          <button type="button" class="button" onClick={() => void start(Boolean(user))}>
            Check for more
          </button>
        </p>
      ) : (
        <p>
          Answer a topic's “Check yourself” questions, take a roadmap's skill test, or mark topics done on a <a href="/">roadmap</a>: their questions
          join your queue.
        </p>
      )}
      {phase.revisit.length > 0 ? (
        <section class="review-revisit" aria-labelledby="revisit-heading" data-review-revisit>
          <h2 id="revisit-heading">Worth reading again</h2>
          <ul>
            {phase.revisit.map((t) => (
              <li key={`${t.roadmapId}/${t.topicId}`}>
                <a href={t.url}>{t.title}</a> <span class="muted">missed {t.misses} times</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ReviewSessionIsland = island('review-session', ReviewSession);
