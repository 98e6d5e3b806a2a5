/**
 * The skill test: start (optionally timed), answer every question on one page, submit once, then
 * read the score per section, strengths, gaps, topics to revisit, and how it compares with
 * earlier attempts (kept in this browser, and on the server for an account).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicQuestion, SkillTestResult } from '../../features/quiz/schema.js';
import { readJson } from '../answers.js';
import { currentUser } from '../state/account.js';
import { guestCard, keepGuestCards } from '../state/review-cards.js';
import { island, useHydrated } from './island.js';

/** The guest's cards for the test's questions, so their reviews go on from where they were. */
function heldCards(roadmapId: string, questions: PublicQuestion[]) {
  return questions.map((q) => guestCard(roadmapId, q.id)).filter((c) => c !== undefined);
}

/** Opt-in: an account may show a result on its public profile, and hide it again. */
function ShareOnProfile({ testId }: { testId: string }) {
  const [shared, setShared] = useState(false);
  const [error, setError] = useState('');
  const change = async (next: boolean) => {
    setError('');
    try {
      await readJson(
        await fetch(`/api/v1/me/skill-tests/${encodeURIComponent(testId)}/share`, {
          method: 'PUT',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ shared: next }),
        }),
      );
      setShared(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Could not change this.');
    }
  };
  return (
    <p class="skill-share">
      <label>
        <input type="checkbox" checked={shared} onChange={(e) => void change((e.currentTarget as HTMLInputElement).checked)} data-skill-share /> Show
        this result on my public profile
      </label>{' '}
      <span class="muted">
        (seen only while your profile is public; see <a href="/account">Account</a>)
      </span>
      {error ? <span role="alert"> {error}</span> : null}
    </p>
  );
}

export interface SkillTestProps {
  roadmapId: string;
  /** Where the roadmap's pages live: `/<id>`, or `/r/<id>` for a user roadmap. */
  basePath: string;
  sections: { id: string; title: string }[];
  /** Topic id → title, for the links to revisit. */
  topics: Record<string, string>;
}

interface Started {
  testId: string;
  expiresAt: string;
  timerMinutes: number;
  questions: PublicQuestion[];
}

interface Attempt {
  submittedAt: string;
  percent: number;
}

type Phase =
  | { kind: 'idle'; error?: string }
  | { kind: 'starting' }
  | { kind: 'answering'; test: Started; answers: Record<string, string[]>; deadline: number | null; submitting: boolean; error?: string }
  | { kind: 'done'; result: SkillTestResult; earlier: Attempt[] };

const storageKey = (roadmapId: string) => `milepost:skill-tests:${roadmapId}`;

function storedAttempts(roadmapId: string): Attempt[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey(roadmapId)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((a): a is Attempt => typeof a?.submittedAt === 'string' && typeof a?.percent === 'number') : [];
  } catch {
    return [];
  }
}

function SkillTest({ roadmapId, basePath, sections, topics }: SkillTestProps) {
  const ready = useHydrated();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [timed, setTimed] = useState(false);
  const [now, setNow] = useState(Date.now());
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const start = async () => {
    setPhase({ kind: 'starting' });
    try {
      const test = await readJson<Started>(
        await fetch(`/api/v1/roadmaps/${encodeURIComponent(roadmapId)}/skill-tests`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        }),
      );
      setPhase({ kind: 'answering', test, answers: {}, deadline: timed ? Date.now() + test.timerMinutes * 60_000 : null, submitting: false });
    } catch (error) {
      setPhase({ kind: 'idle', error: error instanceof Error ? error.message : 'The test could not be started.' });
    }
  };

  const submit = async () => {
    const current = phaseRef.current;
    if (current.kind !== 'answering' || current.submitting) return;
    setPhase({ ...current, submitting: true });
    try {
      const result = await readJson<SkillTestResult>(
        await fetch(`/api/v1/skill-tests/${encodeURIComponent(current.test.testId)}/submit`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ answers: current.answers, cards: heldCards(roadmapId, current.test.questions) }),
        }),
      );
      // A guest's answered questions come back as review cards, kept in this browser.
      if (result.cards) keepGuestCards(result.cards);
      let earlier = storedAttempts(roadmapId);
      if (currentUser.value) {
        const history = await fetch(`/api/v1/me/skill-tests?roadmapId=${encodeURIComponent(roadmapId)}`, { credentials: 'same-origin' })
          .then((r) => (r.ok ? (r.json() as Promise<{ results: SkillTestResult[] }>) : { results: [] }))
          .catch(() => ({ results: [] as SkillTestResult[] }));
        const fromServer = history.results
          .filter((r) => r.testId !== result.testId)
          .map((r) => ({ submittedAt: r.submittedAt, percent: r.score.percent }));
        const seen = new Set(earlier.map((a) => a.submittedAt));
        earlier = [...earlier, ...fromServer.filter((a) => !seen.has(a.submittedAt))];
      }
      earlier.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
      localStorage.setItem(
        storageKey(roadmapId),
        JSON.stringify([{ submittedAt: result.submittedAt, percent: result.score.percent }, ...earlier].slice(0, 20)),
      );
      setPhase({ kind: 'done', result, earlier: earlier.slice(0, 5) });
      window.scrollTo({ top: 0 });
    } catch (error) {
      setPhase({ ...current, submitting: false, error: error instanceof Error ? error.message : 'The test could not be submitted.' });
    }
  };

  // The optional timer: a tick a second while answering, and submission when it runs out.
  useEffect(() => {
    if (phase.kind !== 'answering' || phase.deadline === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= (phase.deadline ?? Infinity)) void submit();
    }, 1000);
    return () => clearInterval(timer);
  }, [phase.kind, phase.kind === 'answering' ? phase.deadline : null]);

  if (!ready) return <div class="skill-test" hidden />;

  if (phase.kind === 'idle' || phase.kind === 'starting') {
    return (
      <div class="skill-test">
        <p>
          <label class="checkbox">
            <input type="checkbox" checked={timed} onChange={(e) => setTimed(e.currentTarget.checked)} data-skill-timer /> Use a timer
          </label>
        </p>
        <p>
          <button type="button" class="button button--primary" onClick={start} disabled={phase.kind === 'starting'} data-skill-start>
            {phase.kind === 'starting' ? 'Drawing questions…' : 'Start the test'}
          </button>
        </p>
        {phase.kind === 'idle' && phase.error ? <p role="alert">{phase.error}</p> : null}
      </div>
    );
  }

  if (phase.kind === 'answering') {
    const { test, answers } = phase;
    const answered = test.questions.filter((q) => (answers[q.id] ?? []).length > 0).length;
    const choose = (question: PublicQuestion, optionId: string) => {
      const chosen = answers[question.id] ?? [];
      const next = question.multiple ? (chosen.includes(optionId) ? chosen.filter((c) => c !== optionId) : [...chosen, optionId]) : [optionId];
      setPhase({ ...phase, answers: { ...answers, [question.id]: next } });
    };
    const left = phase.deadline === null ? null : Math.max(0, Math.ceil((phase.deadline - now) / 1000));
    return (
      <form
        class="skill-test"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-skill-test={test.testId}
      >
        <ol class="skill-questions">
          {test.questions.map((question, i) => (
            <li class="quiz-card" key={question.id} data-question-id={question.id}>
              <fieldset>
                <legend class="quiz-prompt">
                  <span class="visually-hidden">Question {i + 1}: </span>
                  <span dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
                </legend>
                {question.options.map((option) => (
                  <label class="quiz-option" key={option.id}>
                    <input
                      type={question.multiple ? 'checkbox' : 'radio'}
                      name={`skill-${question.id}`}
                      value={option.id}
                      checked={(answers[question.id] ?? []).includes(option.id)}
                      onChange={() => choose(question, option.id)}
                    />
                    <span dangerouslySetInnerHTML={{ __html: option.textHtml }} />
                  </label>
                ))}
              </fieldset>
            </li>
          ))}
        </ol>
        <div class="skill-bar">
          <span data-skill-answered>
            {answered} of {test.questions.length} answered
          </span>
          {left !== null ? (
            <span class="skill-timer" role="timer" aria-live="off">
              {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} left
            </span>
          ) : null}
          <button type="submit" class="button button--primary" disabled={phase.submitting} data-skill-submit>
            {phase.submitting ? 'Checking…' : 'Submit answers'}
          </button>
        </div>
        {phase.error ? <p role="alert">{phase.error}</p> : null}
      </form>
    );
  }

  const { result, earlier } = phase;
  const titleOf = (id: string) => sections.find((s) => s.id === id)?.title ?? id;
  const last = earlier[0];
  return (
    <div class="skill-test skill-result" data-skill-result>
      <h2 tabIndex={-1}>Your result</h2>
      <p class="skill-score" data-skill-score>
        {result.score.correct} of {result.score.total} right ({result.score.percent} %)
        {last ? (
          <span
            data-skill-compare
          >{` · ${result.score.percent - last.percent >= 0 ? '+' : ''}${result.score.percent - last.percent} points since your last attempt`}</span>
        ) : null}
      </p>
      {currentUser.value ? <ShareOnProfile testId={result.testId} /> : null}
      <table class="skill-sections">
        <caption>Score per section</caption>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Right</th>
          </tr>
        </thead>
        <tbody>
          {result.sections.map((s) => (
            <tr key={s.id} data-section={s.id}>
              <th scope="row">{s.title}</th>
              <td>
                {s.correct} of {s.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.strengths.length > 0 ? (
        <p>
          <strong>Strengths: </strong>
          {result.strengths.map(titleOf).join(', ')}
        </p>
      ) : null}
      {result.gaps.length > 0 ? (
        <p>
          <strong>Gaps: </strong>
          {result.gaps.map(titleOf).join(', ')}
        </p>
      ) : null}
      {result.revisit.length > 0 ? (
        <section aria-labelledby="revisit-title">
          <h3 id="revisit-title">Topics to revisit</h3>
          <ul class="skill-revisit">
            {result.revisit.map((id) => (
              <li key={id}>
                <a href={`${basePath}/${id}`}>{topics[id] ?? id}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {earlier.length > 0 ? (
        <section aria-labelledby="earlier-title">
          <h3 id="earlier-title">Earlier attempts</h3>
          <ul>
            {earlier.map((a) => (
              <li key={a.submittedAt}>
                {new Date(a.submittedAt).toLocaleDateString()}: {a.percent} %
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <button type="button" class="button" onClick={() => setPhase({ kind: 'idle' })}>
          Take another test
        </button>
      </p>
    </div>
  );
}

export const SkillTestIsland = island('skill-test', SkillTest);
