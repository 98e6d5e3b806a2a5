/**
 * The study planner, shared by the server (the plan API, the calendar feed, "what next") and the
 * browser (a guest's pace and suggestions): which topics a learner plans, in which order, packed
 * into dated weeks by their hours; how far ahead or behind the learner is; and what to study next.
 * Dates are calendar dates (`YYYY-MM-DD`) in the learner's own time zone, so a change of daylight
 * saving time never moves a week. No dependencies: every side runs the same code.
 */
import { addDays, daysBetween, isCalendarDate, weekdayOf } from './calendar-date.js';
import { isId } from './ids.js';
import type { Status } from './progress-rules.js';

export const PLAN_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type PlanLevel = (typeof PLAN_LEVELS)[number];
export const PLAN_MARKS = ['recommended', 'alternative', 'any-order', 'not-recommended'] as const;
export type PlanMark = (typeof PLAN_MARKS)[number];

/** Days of the week as the API names them, Sunday first (the order of `Date#getUTCDay`). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const PLAN_LIMITS = {
  minHoursPerWeek: 1,
  maxHoursPerWeek: 80,
  /** Targets offered as presets; any whole number of months from 1 to 36 is accepted. */
  monthPresets: [3, 6, 12] as const,
  maxMonths: 36,
  /** A plan longer than this (ten years) is refused as not fitting rather than listed. */
  maxWeeks: 520,
} as const;

export const DEFAULT_STUDY_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const DEFAULT_SESSION_TIME = '19:00';

/** What the planner needs to know of a topic. */
export interface PlanTopic {
  id: string;
  title: string;
  sectionId: string;
  hours: number;
  level: PlanLevel;
  prerequisites: readonly string[];
  parentId: string | null;
  mark: PlanMark | null;
}

/** What the planner needs to know of a roadmap: its sections and its topics in learning order. */
export interface PlanRoadmap {
  sections: readonly { id: string; title: string }[];
  topics: readonly PlanTopic[];
}

export interface PlanSettings {
  /** Hours of study a week, 1 to 80; or else `months`. */
  hoursPerWeek?: number;
  /** Finish within this many months from the start: the hours a week follow. */
  months?: number;
  startDate: string;
  studyDays?: Weekday[];
  /** Sections and levels left out of the plan. */
  exclude?: { sections?: string[]; levels?: PlanLevel[] };
  /** For each group of alternatives (named by its first member), the one the learner picked. */
  choices?: Record<string, string>;
  /** Topics already done or skipped when the plan was made: left out. */
  done?: string[];
  /** Local time the calendar's study sessions begin, `HH:MM`. */
  sessionTime?: string;
}

export interface PlanItem {
  topicId: string;
  /** Hours of this topic planned in this week. */
  hours: number;
  /** Set when the topic is split over weeks: this is part `part` of `parts`. */
  part?: number;
  parts?: number;
}

export interface PlanWeek {
  start: string;
  end: string;
  hours: number;
  items: PlanItem[];
}

export interface StudyPlan {
  startDate: string;
  hoursPerWeek: number;
  studyDays: Weekday[];
  weeks: PlanWeek[];
  /** The study day the last planned hour falls on. */
  finish: string;
  totalHours: number;
}

export type PlanProblem = { code: 'invalid_plan' | 'plan_does_not_fit'; message: string };
export type PlanOutcome = { plan: StudyPlan } | { problem: PlanProblem };

const MINUTES = 60;
const toMinutes = (hours: number) => Math.round(hours * MINUTES);
const toHours = (minutes: number) => Math.round((minutes / MINUTES) * 100) / 100;

function problem(code: PlanProblem['code'], message: string): { problem: PlanProblem } {
  return { problem: { code, message } };
}

/** `1,889`: whole hours as people read them, the same on every side. */
export function formatHours(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return rounded.toLocaleString('en-US');
}

/**
 * Groups of alternatives: subtopics of one topic (or spine topics of one section) of which at
 * least one is marked `alternative` and the others `recommended` or `alternative`. A learner
 * studies one of each group; the recommended one (else the first) unless they chose otherwise.
 * When several siblings are recommended, only the last one before the first alternative (else the
 * first one) joins the group: the others are to be studied too (HTTP Caching stays beside Redis,
 * and Memcached stands in for Redis only). Keyed by the group's first member.
 */
export function alternativeGroups(roadmap: PlanRoadmap): Map<string, PlanTopic[]> {
  const byOwner = new Map<string, PlanTopic[]>();
  for (const topic of roadmap.topics) {
    if (topic.mark !== 'recommended' && topic.mark !== 'alternative') continue;
    const owner = topic.parentId ?? `section:${topic.sectionId}`;
    const members = byOwner.get(owner) ?? [];
    members.push(topic);
    byOwner.set(owner, members);
  }
  const groups = new Map<string, PlanTopic[]>();
  for (const members of byOwner.values()) {
    const firstAlternative = members.findIndex((m) => m.mark === 'alternative');
    if (firstAlternative < 0) continue;
    const lead =
      members
        .slice(0, firstAlternative)
        .filter((m) => m.mark === 'recommended')
        .at(-1) ?? members.find((m) => m.mark === 'recommended');
    const group = members.filter((m) => m.mark === 'alternative' || m === lead);
    if (group.length > 1) groups.set(group[0]!.id, group);
  }
  return groups;
}

/** The member of each group the learner studies: their choice, else the recommended one, else the first. */
export function chosenAlternatives(groups: Map<string, PlanTopic[]>, choices: Record<string, string> = {}): Map<string, string> {
  const chosen = new Map<string, string>();
  for (const [key, members] of groups) {
    const pick = Object.hasOwn(choices, key) ? choices[key] : undefined;
    chosen.set(key, members.find((m) => m.id === pick)?.id ?? members.find((m) => m.mark === 'recommended')?.id ?? members[0]!.id);
  }
  return chosen;
}

/** Ids of the alternatives the learner does not study. */
export function unchosenAlternatives(roadmap: PlanRoadmap, choices?: Record<string, string>): Set<string> {
  const groups = alternativeGroups(roadmap);
  const chosen = chosenAlternatives(groups, choices);
  const left = new Set<string>();
  for (const [key, members] of groups) for (const m of members) if (m.id !== chosen.get(key)) left.add(m.id);
  return left;
}

/** Checks the settings against the roadmap; a message naming the first problem, or null. */
export function settingsProblem(roadmap: PlanRoadmap, settings: PlanSettings): string | null {
  if (!isCalendarDate(settings.startDate)) return 'The start date must be a real date written YYYY-MM-DD.';
  const { hoursPerWeek, months } = settings;
  if ((hoursPerWeek === undefined) === (months === undefined)) return 'Give either hours per week or a number of months, not both.';
  if (hoursPerWeek !== undefined && !(hoursPerWeek >= PLAN_LIMITS.minHoursPerWeek && hoursPerWeek <= PLAN_LIMITS.maxHoursPerWeek))
    return `Hours per week must be from ${PLAN_LIMITS.minHoursPerWeek} to ${PLAN_LIMITS.maxHoursPerWeek}.`;
  if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= PLAN_LIMITS.maxMonths))
    return `Months must be a whole number from 1 to ${PLAN_LIMITS.maxMonths}.`;
  const days = settings.studyDays ?? DEFAULT_STUDY_DAYS;
  if (days.length === 0 || days.some((d) => !(WEEKDAYS as readonly string[]).includes(d))) return 'Pick at least one study day (sun to sat).';
  if (settings.sessionTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(settings.sessionTime))
    return 'The session time must be written HH:MM, from 00:00 to 23:59.';
  const sectionIds = new Set(roadmap.sections.map((s) => s.id));
  for (const id of settings.exclude?.sections ?? []) if (!sectionIds.has(id)) return `This roadmap has no section "${clip(id)}".`;
  for (const level of settings.exclude?.levels ?? [])
    if (!(PLAN_LEVELS as readonly string[]).includes(level)) return `"${clip(level)}" is not a level (beginner, intermediate, advanced).`;
  const topicIds = new Set(roadmap.topics.map((t) => t.id));
  for (const id of settings.done ?? []) if (!topicIds.has(id)) return `This roadmap has no topic "${clip(id)}".`;
  const groups = alternativeGroups(roadmap);
  for (const [key, pick] of Object.entries(settings.choices ?? {})) {
    const members = groups.get(key);
    if (!members) return `"${clip(key)}" does not name a group of alternatives in this roadmap.`;
    if (!members.some((m) => m.id === pick)) return `"${clip(pick)}" is not one of the alternatives of "${clip(key)}".`;
  }
  return null;
}

function clip(text: string): string {
  return isId(text) ? text : `${String(text).slice(0, 40)}…`;
}

/** The topics the settings plan (before leaving out what is done), in learning order. */
export function topicsInScope(roadmap: PlanRoadmap, settings: Pick<PlanSettings, 'exclude' | 'choices'>): PlanTopic[] {
  const sections = new Set(settings.exclude?.sections ?? []);
  const levels = new Set<string>(settings.exclude?.levels ?? []);
  const unchosen = unchosenAlternatives(roadmap, settings.choices);
  const excluded = new Set<string>();
  for (const topic of roadmap.topics) {
    // A subtopic goes with its topic: leaving "Pick a Language" out leaves its languages out too.
    const out =
      sections.has(topic.sectionId) || levels.has(topic.level) || unchosen.has(topic.id) || (topic.parentId !== null && excluded.has(topic.parentId));
    if (out) excluded.add(topic.id);
  }
  return roadmap.topics.filter((t) => !excluded.has(t.id));
}

/**
 * Learning order with prerequisites first: a topic comes after its prerequisites and after the
 * topic it hangs from, when those are planned too; ties follow the roadmap's order. A cycle (which
 * the validator refuses) would leave the rest in roadmap order rather than loop.
 */
export function prerequisiteOrder(topics: readonly PlanTopic[]): PlanTopic[] {
  const position = new Map(topics.map((t, i) => [t.id, i]));
  const waitingOn = new Map<string, number>();
  const unlocks = new Map<string, string[]>();
  for (const topic of topics) {
    const before = new Set(topic.prerequisites.filter((p) => position.has(p)));
    if (topic.parentId !== null && position.has(topic.parentId)) before.add(topic.parentId);
    waitingOn.set(topic.id, before.size);
    for (const p of before) unlocks.set(p, [...(unlocks.get(p) ?? []), topic.id]);
  }
  const ready: number[] = [];
  for (const topic of topics) if (waitingOn.get(topic.id) === 0) ready.push(position.get(topic.id)!);
  const order: PlanTopic[] = [];
  const placed = new Set<string>();
  while (order.length < topics.length) {
    if (ready.length === 0) {
      const rest = topics.find((t) => !placed.has(t.id))!;
      ready.push(position.get(rest.id)!);
      waitingOn.set(rest.id, 0);
    }
    // The lowest roadmap position among the ready ones; a plain scan is fast enough for 500 topics.
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (ready[i]! < ready[best]!) best = i;
    const next = topics[ready.splice(best, 1)[0]!]!;
    if (placed.has(next.id)) continue;
    placed.add(next.id);
    order.push(next);
    for (const id of unlocks.get(next.id) ?? []) {
      const left = waitingOn.get(id)! - 1;
      waitingOn.set(id, left);
      if (left === 0 && !placed.has(id)) ready.push(position.get(id)!);
    }
  }
  return order;
}

/** The weeks between a start date and the same day `months` later, rounded up. */
export function weeksInMonths(startDate: string, months: number): number {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, 1));
  // The same day of the month, or the month's last day when it is shorter (31 January + 1 month → 28 or 29 February).
  const last = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(d, last));
  return Math.max(1, Math.ceil(daysBetween(startDate, end.toISOString().slice(0, 10)) / 7));
}

/** The study days of the week that begins on `start`, in date order. */
export function sessionDates(start: string, studyDays: readonly Weekday[]): string[] {
  const days = new Set(studyDays.map((d) => WEEKDAYS.indexOf(d)));
  const dates: string[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addDays(start, i);
    if (days.has(weekdayOf(date))) dates.push(date);
  }
  return dates;
}

/** Splits a week's hours over its study sessions, each session taking an equal share of the weekly pace. */
export function sessionHours(week: PlanWeek, hoursPerWeek: number, studyDays: readonly Weekday[]): { date: string; hours: number }[] {
  const dates = sessionDates(week.start, studyDays);
  const share = toMinutes(hoursPerWeek) / dates.length;
  let left = toMinutes(week.hours);
  const sessions: { date: string; hours: number }[] = [];
  for (const date of dates) {
    if (left <= 0) break;
    const minutes = Math.min(left, Math.ceil(share));
    sessions.push({ date, hours: toHours(minutes) });
    left -= minutes;
  }
  return sessions;
}

/** The dated week-by-week plan for the settings, or what stops it. */
export function computePlan(roadmap: PlanRoadmap, settings: PlanSettings): PlanOutcome {
  const invalid = settingsProblem(roadmap, settings);
  if (invalid) return problem('invalid_plan', invalid);
  const done = new Set(settings.done ?? []);
  const topics = prerequisiteOrder(topicsInScope(roadmap, settings).filter((t) => !done.has(t.id)));
  const totalMinutes = topics.reduce((sum, t) => sum + toMinutes(t.hours), 0);
  const studyDays = WEEKDAYS.filter((d) => (settings.studyDays ?? DEFAULT_STUDY_DAYS).includes(d));

  let hoursPerWeek = settings.hoursPerWeek ?? 0;
  if (settings.months !== undefined) {
    const weeks = weeksInMonths(settings.startDate, settings.months);
    hoursPerWeek = Math.max(PLAN_LIMITS.minHoursPerWeek, Math.ceil(totalMinutes / MINUTES / weeks));
    if (hoursPerWeek > PLAN_LIMITS.maxHoursPerWeek)
      return problem(
        'plan_does_not_fit',
        `${formatHours(totalMinutes / MINUTES)} hours in ${settings.months} months would need ${hoursPerWeek} hours a week, and the most is ${PLAN_LIMITS.maxHoursPerWeek}. Choose more months or leave sections out.`,
      );
  }
  const capacity = toMinutes(hoursPerWeek);
  const weeksNeeded = Math.ceil(totalMinutes / capacity);
  if (weeksNeeded > PLAN_LIMITS.maxWeeks)
    return problem(
      'plan_does_not_fit',
      `${formatHours(totalMinutes / MINUTES)} hours at ${formatHours(hoursPerWeek)} a week would take ${weeksNeeded.toLocaleString('en-US')} weeks, more than ten years. Study more hours a week or leave sections out.`,
    );

  const weeks: PlanWeek[] = [];
  let room = 0;
  for (const topic of topics) {
    let left = toMinutes(topic.hours);
    const pieces: PlanItem[] = [];
    do {
      if (room === 0) {
        const start = addDays(settings.startDate, 7 * weeks.length);
        weeks.push({ start, end: addDays(start, 6), hours: 0, items: [] });
        room = capacity;
      }
      const week = weeks.at(-1)!;
      const minutes = Math.min(left, room);
      const item: PlanItem = { topicId: topic.id, hours: toHours(minutes) };
      pieces.push(item);
      week.items.push(item);
      week.hours = toHours(toMinutes(week.hours) + minutes);
      room -= minutes;
      left -= minutes;
    } while (left > 0);
    if (pieces.length > 1) pieces.forEach((item, i) => Object.assign(item, { part: i + 1, parts: pieces.length }));
  }
  const last = weeks.at(-1);
  const finish = last ? (sessionHours(last, hoursPerWeek, studyDays).at(-1)?.date ?? last.start) : settings.startDate;
  return { plan: { startDate: settings.startDate, hoursPerWeek, studyDays, weeks, finish, totalHours: toHours(totalMinutes) } };
}

/** The week of the plan that `today` falls in; -1 before the start, `weeks.length` after the end. */
export function weekIndexOf(plan: StudyPlan, today: string): number {
  const days = daysBetween(plan.startDate, today);
  if (days < 0) return -1;
  return Math.min(plan.weeks.length, Math.floor(days / 7));
}

export type PaceState = 'not-started' | 'on-track' | 'behind' | 'ahead' | 'finished';

export interface Pace {
  state: PaceState;
  /** Hours the plan expected done by the end of yesterday. */
  expectedHours: number;
  /** Planned hours of topics now done or skipped. */
  doneHours: number;
  /** Expected minus done, in whole hours: positive when behind. */
  behindHours: number;
  /** "6 h behind", "on track", "3 h ahead", "starts 2027-01-04", "all planned topics done". */
  label: string;
}

const isComplete = (status: Status) => status === 'done' || status === 'skipped';

/** How the learner stands against the plan today: an hour either way still counts as on track. */
export function paceOf(plan: StudyPlan, statusOf: (topicId: string) => Status, today: string): Pace {
  let expected = 0;
  let done = 0;
  let total = 0;
  for (const week of plan.weeks) {
    const sessions = sessionHours(week, plan.hoursPerWeek, plan.studyDays);
    for (const s of sessions) if (s.date < today) expected += toMinutes(s.hours);
    for (const item of week.items) {
      total += toMinutes(item.hours);
      if (isComplete(statusOf(item.topicId))) done += toMinutes(item.hours);
    }
  }
  return paceFromMinutes(expected, done, total, today, plan.startDate);
}

function paceFromMinutes(expected: number, done: number, total: number, today: string, startDate: string): Pace {
  // Rounded half away from zero, so half an hour ahead weighs as much as half an hour behind.
  const gap = expected - done;
  const behind = gap < 0 ? 0 - Math.round(-gap / MINUTES) : Math.round(gap / MINUTES);
  const base = { expectedHours: toHours(expected), doneHours: toHours(done), behindHours: behind };
  if (total > 0 && done >= total) return { ...base, state: 'finished', label: 'all planned topics done' };
  if (today < startDate) return { ...base, state: 'not-started', label: `starts ${startDate}` };
  if (behind > 1) return { ...base, state: 'behind', label: `${formatHours(behind)} h behind` };
  if (behind < -1) return { ...base, state: 'ahead', label: `${formatHours(-behind)} h ahead` };
  return { ...base, state: 'on-track', label: 'on track' };
}

/**
 * How a learner stands against a target date (a team's assignment): the hours of the topics due
 * are spread evenly over the days from `startDate` to `targetDate`, so by the end of yesterday
 * that share of them is expected done. The same labels and tolerance as a plan's pace.
 */
export function paceToward(input: { startDate: string; targetDate: string; today: string; totalHours: number; doneHours: number }): Pace {
  const total = toMinutes(input.totalHours);
  const span = Math.max(1, daysBetween(input.startDate, input.targetDate) + 1);
  const elapsed = Math.min(span, Math.max(0, daysBetween(input.startDate, input.today)));
  const expected = Math.round((total * elapsed) / span);
  return paceFromMinutes(expected, toMinutes(input.doneHours), total, input.today, input.startDate);
}

/**
 * "Re-plan from today": the same choices, starting today, leaving out what is now done or
 * skipped, with the hours a week that spread what is left over the weeks until the old finish
 * date (at least the old pace; at most the limit, when the finish can no longer be kept).
 */
export function replanFromToday(
  roadmap: PlanRoadmap,
  settings: PlanSettings,
  plan: StudyPlan,
  statusOf: (topicId: string) => Status,
  today: string,
): PlanSettings {
  const done = roadmap.topics.filter((t) => isComplete(statusOf(t.id))).map((t) => t.id);
  const doneSet = new Set(done);
  const leftMinutes = topicsInScope(roadmap, settings)
    .filter((t) => !doneSet.has(t.id))
    .reduce((sum, t) => sum + toMinutes(t.hours), 0);
  const weeksLeft = Math.ceil((daysBetween(today, plan.finish) + 1) / 7);
  let hoursPerWeek = plan.hoursPerWeek;
  if (weeksLeft > 0) hoursPerWeek = Math.max(hoursPerWeek, Math.ceil(leftMinutes / MINUTES / weeksLeft));
  hoursPerWeek = Math.min(PLAN_LIMITS.maxHoursPerWeek, Math.max(PLAN_LIMITS.minHoursPerWeek, hoursPerWeek));
  const { months: _months, ...rest } = settings;
  return { ...rest, startDate: today, hoursPerWeek, done };
}

export interface Suggestion {
  topicId: string;
  reason: string;
}

function titleList(titles: string[]): string {
  if (titles.length <= 2) return titles.join(' and ');
  return `${titles.slice(0, 2).join(', ')} and ${titles.length - 2} more`;
}

/**
 * Up to `limit` topics to study next: not done or skipped, with every prerequisite done or
 * skipped. This week's planned topics come first, then the ones already started, then roadmap
 * order. Topics outside the plan's scope (or, without a plan, alternatives nobody picked) are left
 * out. Advice only: nothing is ever locked.
 */
export function suggestNext(
  roadmap: PlanRoadmap,
  statusOf: (topicId: string) => Status,
  options: { settings?: PlanSettings | null; plan?: StudyPlan | null; today?: string; limit?: number } = {},
): Suggestion[] {
  const limit = options.limit ?? 3;
  const byId = new Map(roadmap.topics.map((t) => [t.id, t]));
  const scope = new Set(topicsInScope(roadmap, options.settings ?? {}).map((t) => t.id));
  const ready = (t: PlanTopic) =>
    scope.has(t.id) && !isComplete(statusOf(t.id)) && t.prerequisites.every((p) => !byId.has(p) || isComplete(statusOf(p)));
  const reasonOf = (t: PlanTopic): string => {
    const prereqs = t.prerequisites.filter((p) => byId.has(p));
    if (prereqs.length === 0) return statusOf(t.id) === 'learning' ? 'You have started it' : 'It has no prerequisites';
    const anySkipped = prereqs.some((p) => statusOf(p) === 'skipped');
    const titles = titleList(prereqs.map((p) => byId.get(p)!.title));
    const verb = anySkipped ? (prereqs.length === 1 ? 'is done or skipped' : 'are done or skipped') : prereqs.length === 1 ? 'is done' : 'are done';
    return `Its ${prereqs.length === 1 ? 'prerequisite' : 'prerequisites'} ${titles} ${verb}`;
  };

  const picked: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (t: PlanTopic | undefined, reason: (t: PlanTopic) => string) => {
    if (!t || picked.length >= limit || seen.has(t.id) || !ready(t)) return;
    seen.add(t.id);
    picked.push({ topicId: t.id, reason: reason(t) });
  };
  if (options.plan && options.today) {
    const index = weekIndexOf(options.plan, options.today);
    const week = options.plan.weeks[Math.max(0, index)];
    if (index < options.plan.weeks.length) for (const item of week?.items ?? []) add(byId.get(item.topicId), () => 'This week in your plan');
  }
  for (const t of roadmap.topics) if (statusOf(t.id) === 'learning') add(t, () => 'You have started it');
  for (const t of roadmap.topics) add(t, reasonOf);
  return picked;
}
