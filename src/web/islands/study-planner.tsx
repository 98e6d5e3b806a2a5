/**
 * The study planner of `/<roadmap>/plan`: the settings form, the dated week-by-week plan (from the
 * stateless plan API, the shared planner behind it), the pace against the learner's progress with
 * "re-plan from today", and, for accounts, the calendar download and its subscribable feed. The
 * weekly lists are checklists bound to progress, and print as one.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { localDate } from '../../shared/calendar-date.js';
import { statusOf } from '../../shared/progress-rules.js';
import {
  DEFAULT_SESSION_TIME,
  DEFAULT_STUDY_DAYS,
  formatHours,
  paceOf,
  PLAN_LEVELS,
  PLAN_LIMITS,
  replanFromToday,
  WEEKDAYS,
  weekIndexOf,
  type PlanLevel,
  type PlanSettings,
  type StudyPlan,
  type Weekday,
} from '../../shared/study-plan.js';
import { download } from '../progress-file.js';
import { accountStudyReady, currentUser } from '../state/account.js';
import { savedPlanOf, savePlan } from '../state/plans.js';
import { progressOf, setStatus } from '../state/progress.js';
import { browserTimeZone } from '../state/review-cards.js';
import { roadmapData } from '../state/roadmap-data.js';
import { accountJson } from '../state/study-store.js';
import { island, useHydrated } from './island.js';

export interface StudyPlannerProps {
  roadmapId: string;
  /** Where the roadmap's pages are, e.g. `/backend`. */
  basePath: string;
  sections: { id: string; title: string; hours: number }[];
  /** Groups of alternatives: the learner studies one of each. */
  groups: { key: string; title: string; members: { id: string; title: string }[]; defaultId: string }[];
}

const DAY_NAMES: Record<Weekday, string> = { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' };
const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "Fri, 4 Jun 2027" for a calendar date. */
export function formatDay(date: string, short = false): string {
  return (short ? shortFormat : dayFormat).format(new Date(`${date}T00:00:00Z`));
}

function todayHere(): string {
  return localDate(new Date(), browserTimeZone());
}

interface FormState {
  mode: 'hours' | 'months';
  hoursPerWeek: number;
  months: number;
  startDate: string;
  studyDays: Weekday[];
  sessionTime: string;
  sections: string[];
  levels: PlanLevel[];
  choices: Record<string, string>;
  done: string[];
}

function formOf(settings: PlanSettings | null, today: string): FormState {
  return {
    mode: settings?.hoursPerWeek !== undefined ? 'hours' : 'months',
    hoursPerWeek: settings?.hoursPerWeek ?? 10,
    months: settings?.months ?? 6,
    startDate: settings?.startDate ?? today,
    studyDays: settings?.studyDays ?? [...DEFAULT_STUDY_DAYS],
    sessionTime: settings?.sessionTime ?? DEFAULT_SESSION_TIME,
    sections: settings?.exclude?.sections ?? [],
    levels: settings?.exclude?.levels ?? [],
    choices: settings?.choices ?? {},
    done: settings?.done ?? [],
  };
}

function settingsOf(form: FormState): PlanSettings {
  const settings: PlanSettings = {
    ...(form.mode === 'hours' ? { hoursPerWeek: form.hoursPerWeek } : { months: form.months }),
    startDate: form.startDate,
    studyDays: WEEKDAYS.filter((d) => form.studyDays.includes(d)),
    sessionTime: form.sessionTime,
  };
  if (form.sections.length > 0 || form.levels.length > 0) settings.exclude = { sections: form.sections, levels: form.levels };
  if (Object.keys(form.choices).length > 0) settings.choices = form.choices;
  if (form.done.length > 0) settings.done = form.done;
  return settings;
}

/** Equal settings, whatever order their keys came in (the server answers in its schema's order). */
function sameSettings(a: PlanSettings, b: PlanSettings): boolean {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

async function fetchPlan(roadmapId: string, settings: PlanSettings): Promise<{ plan: StudyPlan } | { error: string }> {
  try {
    const { status, data } = await accountJson<StudyPlan & { error?: { message: string } }>(
      'POST',
      `/api/v1/roadmaps/${encodeURIComponent(roadmapId)}/plan`,
      settings,
    );
    if (status === 200 && data) return { plan: data };
    return { error: data?.error?.message ?? `The server answered ${status}.` };
  } catch {
    return { error: 'The plan could not be made: you seem to be offline.' };
  }
}

const CALENDAR_ID_KEY = 'milepost:study:calendar-id';

/** A guest's plan as an .ics file. The id kept in this browser keeps the events' UIDs, so importing again updates them. */
async function downloadGuestCalendar(roadmapId: string, settings: PlanSettings, say: (message: string) => void): Promise<void> {
  let id = localStorage.getItem(CALENDAR_ID_KEY);
  if (!id || !/^[a-z0-9]{8,32}$/.test(id)) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => (b % 36).toString(36)).join('');
    try {
      localStorage.setItem(CALENDAR_ID_KEY, id);
    } catch {
      /* storage blocked: a new id each time */
    }
  }
  try {
    const response = await fetch(`/api/v1/roadmaps/${encodeURIComponent(roadmapId)}/plan/calendar.ics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/calendar' },
      body: JSON.stringify({ settings, timeZone: browserTimeZone(), id }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      say(body?.error?.message ?? `The server answered ${response.status}.`);
      return;
    }
    download(`${roadmapId}-plan.ics`, await response.text(), 'text/calendar');
  } catch {
    say('The calendar could not be made: you seem to be offline.');
  }
}

function CalendarTools({ roadmapId }: { roadmapId: string }) {
  const [feed, setFeed] = useState<{ url?: string; active: boolean; message?: string }>({ active: false });
  const base = `/api/v1/me/plans/${encodeURIComponent(roadmapId)}`;
  useEffect(() => {
    void accountJson<{ feed: { active: boolean } }>('GET', base).then(({ data }) => setFeed({ active: data?.feed.active ?? false }));
  }, [base]);
  const rotate = async () => {
    const { status, data } = await accountJson<{ url: string; error?: { message: string } }>('POST', `${base}/feed`);
    setFeed(status === 200 && data ? { url: data.url, active: true } : { ...feed, message: data?.error?.message ?? 'The feed could not be made.' });
  };
  const revoke = async () => {
    await accountJson('DELETE', `${base}/feed`);
    setFeed({ active: false, message: 'The feed is off: calendars subscribed to it get nothing more.' });
  };
  return (
    <div class="plan-calendar">
      <a class="button" href={`${base}/calendar.ics`} download>
        Download .ics
      </a>
      <button type="button" class="button" onClick={() => void rotate()}>
        {feed.active ? 'New feed address' : 'Subscribe in a calendar app'}
      </button>
      {feed.active ? (
        <button type="button" class="button button--quiet" onClick={() => void revoke()}>
          Turn the feed off
        </button>
      ) : null}
      {feed.url ? (
        <p class="plan-feed">
          <label for="plan-feed-url">Your private feed address (copy it now; a new one replaces it):</label>
          <input id="plan-feed-url" type="text" readOnly value={feed.url} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="button button--quiet" onClick={() => void navigator.clipboard?.writeText(feed.url!)}>
            Copy
          </button>
        </p>
      ) : feed.active ? (
        <p class="muted">A feed is on. Make a new address to see it again; the old one then stops working.</p>
      ) : null}
      {feed.message ? (
        <p class="muted" role="status">
          {feed.message}
        </p>
      ) : null}
    </div>
  );
}

function StudyPlanner({ roadmapId, basePath, sections, groups }: StudyPlannerProps) {
  const ready = useHydrated();
  const saved = savedPlanOf(roadmapId).value;
  const entries = progressOf(roadmapId).value;
  const user = currentUser.value;
  const [form, setForm] = useState<FormState>(() => formOf(null, ''));
  const [result, setResult] = useState<{ plan: StudyPlan } | { error: string } | null>(null);
  const [notice, setNotice] = useState('');
  const loadedFrom = useRef<string | null>(null);
  const roadmap = ready ? roadmapData(roadmapId) : undefined;
  const titles = useMemo(() => new Map(roadmap?.topics ?? []), [roadmap]);
  const today = ready ? todayHere() : '';

  // Fill the form from the saved settings once they are known (or with defaults from today).
  useEffect(() => {
    if (!ready || saved === undefined) return;
    const key = saved ? saved.updatedAt : 'none';
    if (loadedFrom.current === key) return;
    loadedFrom.current = key;
    const fresh = formOf(saved?.settings ?? null, todayHere());
    // A new plan leaves out what is already done or skipped.
    if (!saved) fresh.done = [...entries].filter(([id, e]) => (e.status === 'done' || e.status === 'skipped') && titles.has(id)).map(([id]) => id);
    setForm(fresh);
  }, [ready, saved]);

  // Recompute the plan shown whenever the form changes (the stateless API; debounced).
  useEffect(() => {
    if (!ready || !form.startDate) return;
    const timer = setTimeout(() => void fetchPlan(roadmapId, settingsOf(form)).then(setResult), 250);
    return () => clearTimeout(timer);
  }, [ready, form, roadmapId]);

  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  const plan = result && 'plan' in result ? result.plan : null;
  const isSaved = saved !== undefined && saved !== null && sameSettings(saved.settings, settingsOf(form));
  const pace = plan && isSaved ? paceOf(plan, (id) => statusOf(entries, id), today) : null;
  const current = plan ? weekIndexOf(plan, today) : -1;

  const save = async (settings: PlanSettings) => {
    setNotice('Saving…');
    const problem = await savePlan(roadmapId, settings);
    setNotice(problem ?? (user ? 'Plan saved to your account.' : 'Plan saved in this browser. Sign in to keep it on your account.'));
  };
  const replan = async () => {
    if (!plan || !saved || !roadmap) return;
    const next = replanFromToday(roadmap.planning, saved.settings, plan, (id) => statusOf(entries, id), today);
    setForm(formOf(next, today));
    await save(next);
  };
  const leaveOutDone = () => {
    const done = [...entries].filter(([, e]) => e.status === 'done' || e.status === 'skipped').map(([id]) => id);
    update({ done: done.filter((id) => titles.has(id)) });
  };

  return (
    <div class="planner">
      <form
        class="planner-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(settingsOf(form));
        }}
      >
        <fieldset>
          <legend>Pace</legend>
          {PLAN_LIMITS.monthPresets.map((m) => (
            <label class="planner-choice">
              <input
                type="radio"
                name="pace"
                checked={form.mode === 'months' && form.months === m}
                disabled={!ready}
                onChange={() => update({ mode: 'months', months: m })}
              />{' '}
              Finish in {m} months
            </label>
          ))}
          <span class="planner-choice">
            <label class="planner-choice">
              <input type="radio" name="pace" checked={form.mode === 'hours'} disabled={!ready} onChange={() => update({ mode: 'hours' })} /> Hours a
              week:
            </label>
            <input
              type="number"
              aria-label="Hours a week"
              min={PLAN_LIMITS.minHoursPerWeek}
              max={PLAN_LIMITS.maxHoursPerWeek}
              value={form.hoursPerWeek}
              disabled={!ready}
              onInput={(e) => update({ mode: 'hours', hoursPerWeek: Number(e.currentTarget.value) })}
            />
          </span>
        </fieldset>
        <fieldset>
          <legend>When</legend>
          <label>
            Start on <input type="date" value={form.startDate} disabled={!ready} onInput={(e) => update({ startDate: e.currentTarget.value })} />
          </label>
          <label>
            Sessions at{' '}
            <input type="time" value={form.sessionTime} disabled={!ready} onInput={(e) => update({ sessionTime: e.currentTarget.value })} />
          </label>
          <span class="planner-days" role="group" aria-label="Study days">
            {WEEKDAYS.map((d) => (
              <label class="planner-choice">
                <input
                  type="checkbox"
                  checked={form.studyDays.includes(d)}
                  disabled={!ready}
                  onChange={(e) => update({ studyDays: toggle(form.studyDays, d, e.currentTarget.checked) })}
                />{' '}
                {DAY_NAMES[d]}
              </label>
            ))}
          </span>
        </fieldset>
        {groups.length > 0 ? (
          <details class="planner-picks">
            <summary>Your picks: one language, database, framework… of each group</summary>
            <p class="muted">You learn one of each group: the others are left out of the plan.</p>
            {groups.map((g) => (
              <label class="planner-pick">
                {g.title}{' '}
                <select
                  value={form.choices[g.key] ?? g.defaultId}
                  disabled={!ready}
                  onChange={(e) => update({ choices: { ...form.choices, [g.key]: e.currentTarget.value } })}
                >
                  {g.members.map((m) => (
                    <option value={m.id}>{m.title}</option>
                  ))}
                </select>
              </label>
            ))}
          </details>
        ) : null}
        <details class="planner-leave-out">
          <summary>Leave out sections or levels</summary>
          <span role="group" aria-label="Levels to leave out">
            {PLAN_LEVELS.map((level) => (
              <label class="planner-choice">
                <input
                  type="checkbox"
                  checked={form.levels.includes(level)}
                  disabled={!ready}
                  onChange={(e) => update({ levels: toggle(form.levels, level, e.currentTarget.checked) })}
                />{' '}
                {level}
              </label>
            ))}
          </span>
          <ul class="planner-sections">
            {sections.map((s) => (
              <li>
                <label class="planner-choice">
                  <input
                    type="checkbox"
                    checked={form.sections.includes(s.id)}
                    disabled={!ready}
                    onChange={(e) => update({ sections: toggle(form.sections, s.id, e.currentTarget.checked) })}
                  />{' '}
                  {s.title} <span class="muted">({formatHours(s.hours)} h)</span>
                </label>
              </li>
            ))}
          </ul>
        </details>
        <p class="planner-actions">
          <button type="submit" class="button button--primary" disabled={!ready || !plan}>
            {isSaved ? 'Saved' : 'Save this plan'}
          </button>
          <button type="button" class="button" disabled={!ready} onClick={leaveOutDone}>
            Leave out what I have done ({[...entries.values()].filter((e) => e.status === 'done' || e.status === 'skipped').length})
          </button>
        </p>
        <p class="planner-notice" role="status" aria-live="polite">
          {notice}
        </p>
      </form>

      {!ready ? <p class="muted">The planner needs JavaScript.</p> : null}
      {result && 'error' in result ? (
        <p class="planner-problem" role="alert">
          {result.error}
        </p>
      ) : null}
      {plan ? (
        <section class="plan-result" aria-labelledby="plan-summary">
          <h2 id="plan-summary">
            {formatHours(plan.totalHours)} hours in {plan.weeks.length} {plan.weeks.length === 1 ? 'week' : 'weeks'}
          </h2>
          <p class="plan-facts">
            <span>{formatHours(plan.hoursPerWeek)} h a week</span>
            <span>
              from {formatDay(plan.startDate)} to <strong data-plan-finish>{formatDay(plan.finish)}</strong>
            </span>
          </p>
          {pace ? (
            <p class={`plan-pace plan-pace--${pace.state}`} data-pace={pace.state}>
              <strong>{pace.label}</strong>
              {pace.state === 'behind' || pace.state === 'ahead' ? (
                <button type="button" class="button" onClick={() => void replan()}>
                  Re-plan from today
                </button>
              ) : null}
            </p>
          ) : null}
          {user && accountStudyReady.value && isSaved ? <CalendarTools roadmapId={roadmapId} /> : null}
          {user === null ? (
            <p class="plan-calendar">
              <button type="button" class="button" onClick={() => void downloadGuestCalendar(roadmapId, settingsOf(form), setNotice)}>
                Download .ics
              </button>
              <span class="muted">Sign in to subscribe to the plan in a calendar app and keep it on every device.</span>
            </p>
          ) : null}
          <button type="button" class="button button--quiet plan-print" onClick={() => window.print()}>
            Print the weekly checklist
          </button>
          <ol class="plan-weeks">
            {plan.weeks.map((week, i) => (
              <li class={i === current ? 'plan-week plan-week--current' : 'plan-week'}>
                <h3>
                  Week {i + 1} · {formatDay(week.start, true)} – {formatDay(week.end, true)} · {formatHours(week.hours)} h
                  {i === current ? <span class="badge">This week</span> : null}
                </h3>
                <ul>
                  {week.items.map((item) => {
                    const status = statusOf(entries, item.topicId);
                    const done = status === 'done' || status === 'skipped';
                    return (
                      <li class={done ? 'plan-item plan-item--done' : 'plan-item'}>
                        <input
                          type="checkbox"
                          checked={done}
                          aria-label={`${titles.get(item.topicId) ?? item.topicId}: done`}
                          onChange={(e) => setStatus(roadmapId, item.topicId, e.currentTarget.checked ? 'done' : 'pending')}
                        />{' '}
                        <a href={`${basePath}/${item.topicId}`}>{titles.get(item.topicId) ?? item.topicId}</a>{' '}
                        <span class="muted">
                          {formatHours(item.hours)} h{item.parts ? ` (part ${item.part} of ${item.parts})` : ''}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

export const StudyPlannerIsland = island('study-planner', StudyPlanner);
