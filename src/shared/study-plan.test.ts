import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRoadmapOf } from '../content/plan-roadmap.js';
import { loadContent } from '../content/roadmap-loader.js';
import type { Status } from './progress-rules.js';
import {
  computePlan,
  paceOf,
  replanFromToday,
  sessionHours,
  suggestNext,
  weeksInMonths,
  type PlanRoadmap,
  type PlanSettings,
  type PlanTopic,
  type StudyPlan,
} from './study-plan.js';

const backend = planRoadmapOf(loadContent(path.resolve('content')).content.roadmaps.get('backend')!);

function topic(id: string, hours: number, extra: Partial<PlanTopic> = {}): PlanTopic {
  return { id, title: id.toUpperCase(), sectionId: 's1', hours, level: 'beginner', prerequisites: [], parentId: null, mark: null, ...extra };
}

/** Roadmap order a, b, c, d; c needs d, which comes later in the roadmap. */
const small: PlanRoadmap = {
  sections: [
    { id: 's1', title: 'One' },
    { id: 's2', title: 'Two' },
  ],
  topics: [
    topic('a', 25),
    topic('b', 4, { prerequisites: ['a'] }),
    topic('c', 3, { prerequisites: ['d'] }),
    topic('d', 2, { sectionId: 's2', level: 'advanced' }),
  ],
};

function planOf(roadmap: PlanRoadmap, settings: PlanSettings): StudyPlan {
  const outcome = computePlan(roadmap, settings);
  if (!('plan' in outcome)) throw new Error(outcome.problem.message);
  return outcome.plan;
}

function problemOf(roadmap: PlanRoadmap, settings: PlanSettings) {
  const outcome = computePlan(roadmap, settings);
  return 'problem' in outcome ? outcome.problem : null;
}

describe('the study planner', () => {
  it('splits a large topic over weeks and puts prerequisites first, ties in roadmap order', () => {
    const plan = planOf(small, { hoursPerWeek: 10, startDate: '2026-12-07' });
    expect(plan.weeks).toEqual([
      { start: '2026-12-07', end: '2026-12-13', hours: 10, items: [{ topicId: 'a', hours: 10, part: 1, parts: 3 }] },
      { start: '2026-12-14', end: '2026-12-20', hours: 10, items: [{ topicId: 'a', hours: 10, part: 2, parts: 3 }] },
      {
        start: '2026-12-21',
        end: '2026-12-27',
        hours: 10,
        items: [
          { topicId: 'a', hours: 5, part: 3, parts: 3 },
          { topicId: 'b', hours: 4 },
          { topicId: 'd', hours: 1, part: 1, parts: 2 },
        ],
      },
      {
        start: '2026-12-28',
        end: '2027-01-03',
        hours: 4,
        items: [
          { topicId: 'd', hours: 1, part: 2, parts: 2 },
          { topicId: 'c', hours: 3 },
        ],
      },
    ]);
    // 4 h in the last week at 2 h a session (mon to fri): Monday and Tuesday.
    expect(plan.finish).toBe('2026-12-29');
    expect(plan.totalHours).toBe(34);
  });

  it('leaves out done topics, excluded sections and levels, and the alternatives not picked', () => {
    expect(planOf(small, { hoursPerWeek: 40, startDate: '2026-12-07', done: ['a'] }).totalHours).toBe(9);
    expect(planOf(small, { hoursPerWeek: 40, startDate: '2026-12-07', exclude: { sections: ['s2'] } }).totalHours).toBe(32);
    expect(planOf(small, { hoursPerWeek: 40, startDate: '2026-12-07', exclude: { levels: ['advanced'] } }).totalHours).toBe(32);
    const ids = (plan: StudyPlan) => plan.weeks.flatMap((w) => w.items.map((i) => i.topicId));
    const byDefault = ids(planOf(backend, { hoursPerWeek: 40, startDate: '2026-12-07' }));
    expect(byDefault).toContain('javascript-nodejs');
    expect(byDefault).not.toContain('python');
    const python = ids(planOf(backend, { hoursPerWeek: 40, startDate: '2026-12-07', choices: { 'javascript-nodejs': 'python' } }));
    expect(python).toContain('python');
    expect(python).not.toContain('javascript-nodejs');
    // Leaving a section out leaves its subtopics out with it.
    const noLanguage = ids(planOf(backend, { hoursPerWeek: 40, startDate: '2026-12-07', exclude: { sections: ['language'] } }));
    expect(noLanguage.filter((id) => ['pick-a-language', 'javascript-nodejs', 'npm'].includes(id))).toEqual([]);
  });

  it.each([5, 10, 20, 40, { months: 6 }, { months: 12 }])('honours every prerequisite of the whole Backend roadmap at %s', (pace) => {
    const settings: PlanSettings = typeof pace === 'number' ? { hoursPerWeek: pace, startDate: '2026-12-07' } : { ...pace, startDate: '2026-12-07' };
    const plan = planOf(backend, settings);
    const items = plan.weeks.flatMap((w) => w.items);
    const first = new Map<string, number>();
    const last = new Map<string, number>();
    items.forEach((item, i) => {
      if (!first.has(item.topicId)) first.set(item.topicId, i);
      last.set(item.topicId, i);
    });
    for (const t of backend.topics) {
      if (!first.has(t.id)) continue;
      for (const before of [...t.prerequisites, ...(t.parentId ? [t.parentId] : [])])
        if (last.has(before)) expect(last.get(before)!, `${before} before ${t.id}`).toBeLessThan(first.get(t.id)!);
    }
    for (const week of plan.weeks) {
      expect(week.hours).toBeLessThanOrEqual(plan.hoursPerWeek);
      expect(Math.round(week.items.reduce((sum, i) => sum + i.hours, 0) * 100) / 100).toBe(week.hours);
    }
    expect(Math.round(items.reduce((sum, i) => sum + i.hours, 0) * 100) / 100).toBe(plan.totalHours);
    // Every topic but the 36 alternatives not picked (11 groups), once in whole or in parts.
    expect(backend.topics).toHaveLength(228);
    expect(first.size).toBe(192);
  });

  it('turns months into hours a week, rounded up, and says when a plan cannot fit', () => {
    expect(weeksInMonths('2026-12-07', 6)).toBe(26);
    expect(weeksInMonths('2026-01-31', 1)).toBe(4);
    expect(planOf(small, { months: 1, startDate: '2026-12-07' }).hoursPerWeek).toBe(7);
    expect(problemOf(backend, { months: 3, startDate: '2026-12-07' })).toEqual({
      code: 'plan_does_not_fit',
      message: '1,342 hours in 3 months would need 104 hours a week, and the most is 80. Choose more months or leave sections out.',
    });
    expect(problemOf(backend, { hoursPerWeek: 1, startDate: '2026-12-07' })).toEqual({
      code: 'plan_does_not_fit',
      message: '1,342 hours at 1 a week would take 1,342 weeks, more than ten years. Study more hours a week or leave sections out.',
    });
  });

  it('refuses settings that make no plan, naming the problem', () => {
    const start = { startDate: '2026-12-07' };
    expect(problemOf(small, { hoursPerWeek: 0, ...start })?.message).toBe('Hours per week must be from 1 to 80.');
    expect(problemOf(small, { hoursPerWeek: 81, ...start })?.message).toBe('Hours per week must be from 1 to 80.');
    expect(problemOf(small, { hoursPerWeek: 5, startDate: '2026-02-30' })?.message).toBe('The start date must be a real date written YYYY-MM-DD.');
    expect(problemOf(small, { hoursPerWeek: 5, ...start, exclude: { sections: ['nope'] } })?.message).toBe('This roadmap has no section "nope".');
    expect(problemOf(small, { hoursPerWeek: 5, ...start, studyDays: [] })?.message).toBe('Pick at least one study day (sun to sat).');
    expect(problemOf(backend, { hoursPerWeek: 5, ...start, choices: { 'javascript-nodejs': 'express' } })?.message).toBe(
      '"express" is not one of the alternatives of "javascript-nodejs".',
    );
  });

  it('keeps calendar dates across a change to summer time: a week is seven days, sessions on the study days', () => {
    // Europe and the United States change clocks on Sunday 28 March and 14 March 2027.
    const plan = planOf(small, { hoursPerWeek: 6, startDate: '2027-03-28', studyDays: ['sun', 'wed', 'sat'] });
    expect(plan.weeks[0]).toMatchObject({ start: '2027-03-28', end: '2027-04-03' });
    expect(sessionHours(plan.weeks[0]!, 6, plan.studyDays)).toEqual([
      { date: '2027-03-28', hours: 2 },
      { date: '2027-03-31', hours: 2 },
      { date: '2027-04-03', hours: 2 },
    ]);
  });
});

describe('pace and re-planning', () => {
  const settings: PlanSettings = { hoursPerWeek: 10, startDate: '2026-12-07' };
  const plan = planOf(small, settings);
  const statuses =
    (done: Record<string, Status>) =>
    (id: string): Status =>
      done[id] ?? 'pending';

  it('says how far ahead or behind the learner is', () => {
    // Thursday of week 1: Monday to Wednesday expected, 2 h each.
    expect(paceOf(plan, statuses({}), '2026-12-10')).toMatchObject({ state: 'behind', expectedHours: 6, behindHours: 6, label: '6 h behind' });
    expect(paceOf(plan, statuses({ a: 'done' }), '2026-12-10')).toMatchObject({ state: 'ahead', doneHours: 25, label: '19 h ahead' });
    // 28 December: 30 h expected; 29 h done is within the hour.
    expect(paceOf(plan, statuses({ a: 'done' }), '2026-12-28').label).toBe('5 h behind');
    expect(paceOf(plan, statuses({ a: 'done', b: 'done' }), '2026-12-28')).toMatchObject({ state: 'on-track', behindHours: 1, label: 'on track' });
    expect(paceOf(plan, statuses({}), '2026-12-01')).toMatchObject({ state: 'not-started', label: 'starts 2026-12-07' });
    expect(paceOf(plan, statuses({ a: 'done', b: 'done', c: 'skipped', d: 'done' }), '2026-12-10').label).toBe('all planned topics done');
  });

  it('spreads what is left over the weeks until the old finish, never slower than before', () => {
    // On 21 December with only b done: 30 h left and 2 weeks to 29 December.
    const next = replanFromToday(small, settings, plan, statuses({ b: 'done' }), '2026-12-21');
    expect(next).toEqual({ hoursPerWeek: 15, startDate: '2026-12-21', done: ['b'] });
    // Past the old finish, the old pace stays.
    expect(replanFromToday(small, settings, plan, statuses({}), '2027-02-01').hoursPerWeek).toBe(10);
    // The limit holds when the finish can no longer be kept.
    const tight = replanFromToday(
      backend,
      { months: 6, startDate: '2026-12-07' },
      planOf(backend, { months: 6, startDate: '2026-12-07' }),
      statuses({}),
      '2027-05-24',
    );
    expect(tight.hoursPerWeek).toBe(80);
  });
});

describe('what next', () => {
  const none = () => 'pending' as const;

  it('suggests ready topics: this week’s plan first, then started ones, then roadmap order', () => {
    expect(suggestNext(small, none)).toEqual([
      { topicId: 'a', reason: 'It has no prerequisites' },
      { topicId: 'd', reason: 'It has no prerequisites' },
    ]);
    const status = (id: string) => ({ a: 'done', d: 'learning' })[id] ?? 'pending';
    expect(suggestNext(small, status as (id: string) => Status)).toEqual([
      { topicId: 'd', reason: 'You have started it' },
      { topicId: 'b', reason: 'Its prerequisite A is done' },
    ]);
    const plan = planOf(small, { hoursPerWeek: 10, startDate: '2026-12-07', done: ['a'] });
    const fromPlan = suggestNext(small, (id) => (id === 'a' ? 'skipped' : 'pending'), { plan, today: '2026-12-08' });
    expect(fromPlan[0]).toEqual({ topicId: 'b', reason: 'This week in your plan' });
    expect(suggestNext(small, (id) => (id === 'd' ? 'skipped' : 'pending'))[1]).toEqual({
      topicId: 'c',
      reason: 'Its prerequisite D is done or skipped',
    });
  });

  it('names two prerequisites, never suggests an alternative nobody picked, and gives at most three', () => {
    const backendDone = new Set(['how-the-internet-works', 'http', 'dns', 'domain-names']);
    const suggestions = suggestNext(backend, (id) => (backendDone.has(id) ? 'done' : 'pending'), { limit: 50 });
    expect(suggestions.map((s) => s.topicId)).not.toContain('python');
    expect(suggestions.find((s) => s.topicId === 'hosting')?.reason).toBe('Its prerequisites How the Internet Works and Domain Names are done');
    expect(suggestions.find((s) => s.topicId === 'domain-names')).toBeUndefined();
    expect(suggestNext(backend, () => 'pending')).toHaveLength(3);
  });
});
