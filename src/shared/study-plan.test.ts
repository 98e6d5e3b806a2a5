import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRoadmapOf } from '../content/plan-roadmap.js';
import { loadContent } from '../content/roadmap-loader.js';
import { startOfLocalDay } from './calendar-date.js';
import type { Status } from './progress-rules.js';
import {
  alternativeGroups,
  computePlan,
  paceOf,
  prerequisiteOrder,
  replanFromToday,
  sessionHours,
  suggestNext,
  topicsInScope,
  weeksInMonths,
  type PlanRoadmap,
  type PlanSettings,
  type PlanTopic,
  type StudyPlan,
} from './study-plan.js';

const { content } = loadContent(path.resolve('content'));
const backend = planRoadmapOf(content.roadmaps.get('backend')!);
const START = '2026-12-07'; // a Monday

function topic(id: string, hours: number, extra: Partial<PlanTopic> = {}): PlanTopic {
  return { id, title: id.toUpperCase(), sectionId: 's1', hours, level: 'beginner', prerequisites: [], parentId: null, mark: null, ...extra };
}

function roadmapOf(...topics: PlanTopic[]): PlanRoadmap {
  const sections = [...new Set(topics.map((t) => t.sectionId))].map((id) => ({ id, title: id }));
  return { sections, topics };
}

function planOf(roadmap: PlanRoadmap, settings: PlanSettings): StudyPlan {
  const outcome = computePlan(roadmap, settings);
  if (!('plan' in outcome)) throw new Error(outcome.problem.message);
  return outcome.plan;
}

function problemOf(roadmap: PlanRoadmap, settings: PlanSettings) {
  const outcome = computePlan(roadmap, settings);
  return 'problem' in outcome ? outcome.problem : null;
}

const idsOf = (plan: StudyPlan) => [...new Set(plan.weeks.flatMap((w) => w.items.map((i) => i.topicId)))];
const statuses =
  (known: Record<string, Status>) =>
  (id: string): Status =>
    known[id] ?? 'pending';

describe('the whole Backend roadmap', () => {
  // 2,108 hours of topics less 754 of the 35 alternatives not picked: 1,354 hours in 193 topics.
  it.each([
    { pace: { hoursPerWeek: 5 }, hoursPerWeek: 5, weeks: 271, finish: '2032-02-12' },
    { pace: { hoursPerWeek: 10 }, hoursPerWeek: 10, weeks: 136, finish: '2029-07-10' },
    { pace: { hoursPerWeek: 20 }, hoursPerWeek: 20, weeks: 68, finish: '2028-03-23' },
    { pace: { hoursPerWeek: 40 }, hoursPerWeek: 40, weeks: 34, finish: '2027-07-30' },
    { pace: { months: 6 }, hoursPerWeek: 53, weeks: 26, finish: '2027-06-02' },
    { pace: { months: 12 }, hoursPerWeek: 26, weeks: 53, finish: '2027-12-06' },
  ])('plans every topic in scope once, prerequisites first, at $pace', ({ pace, hoursPerWeek, weeks, finish }) => {
    const plan = planOf(backend, { ...pace, startDate: START });
    expect({ hoursPerWeek: plan.hoursPerWeek, weeks: plan.weeks.length, finish: plan.finish, totalHours: plan.totalHours }).toEqual({
      hoursPerWeek,
      weeks,
      finish,
      totalHours: 1354,
    });

    const items = plan.weeks.flatMap((w) => w.items);
    const first = new Map<string, number>();
    const last = new Map<string, number>();
    items.forEach((item, i) => {
      if (!first.has(item.topicId)) first.set(item.topicId, i);
      last.set(item.topicId, i);
    });
    const byId = new Map(backend.topics.map((t) => [t.id, t]));
    for (const id of first.keys()) {
      const t = byId.get(id)!;
      for (const before of t.prerequisites) if (first.has(before)) expect(last.get(before)!, `${before} before ${id}`).toBeLessThan(first.get(id)!);
      if (t.parentId && first.has(t.parentId)) expect(last.get(t.parentId)!, `${t.parentId} above ${id}`).toBeLessThan(first.get(id)!);
      // A topic's parts are consecutive and add up to its hours.
      const parts = items.filter((i) => i.topicId === id);
      expect(last.get(id)! - first.get(id)! + 1).toBe(parts.length);
      expect(parts.reduce((sum, i) => sum + i.hours, 0)).toBeCloseTo(t.hours, 6);
      if (parts.length > 1) expect(parts.map((p) => [p.part, p.parts])).toEqual(parts.map((_, i) => [i + 1, parts.length]));
    }

    plan.weeks.forEach((week, i) => {
      expect(week.hours).toBeLessThanOrEqual(plan.hoursPerWeek);
      expect(Math.round(week.items.reduce((sum, item) => sum + item.hours, 0) * 100) / 100).toBe(week.hours);
      expect(week.start).toBe(new Date(Date.UTC(2026, 11, 7 + 7 * i)).toISOString().slice(0, 10));
    });
    expect(Math.round(items.reduce((sum, i) => sum + i.hours, 0) * 100) / 100).toBe(1354);

    expect(first.size).toBe(193);
    expect(new Set(first.keys())).toEqual(new Set(topicsInScope(backend, {}).map((t) => t.id)));
    expect(first.has('javascript-nodejs')).toBe(true);
    for (const unpicked of ['python', 'go', 'rust', 'nestjs', 'graphql', 'memcached', 'kafka']) expect(first.has(unpicked), unpicked).toBe(false);
  });

  it('swaps an alternative for the one chosen', () => {
    const python = idsOf(planOf(backend, { hoursPerWeek: 10, startDate: START, choices: { 'javascript-nodejs': 'python' } }));
    expect(python).toContain('python');
    expect(python).not.toContain('javascript-nodejs');
  });

  it('plans both recommended caching topics; Memcached stands in for Redis only', () => {
    expect(
      alternativeGroups(backend)
        .get('redis')
        ?.map((t) => t.id),
    ).toEqual(['redis', 'memcached']);
    expect(alternativeGroups(backend).has('http-caching')).toBe(false);
    const byDefault = planOf(backend, { hoursPerWeek: 10, startDate: START });
    expect(idsOf(byDefault)).toEqual(expect.arrayContaining(['http-caching', 'redis']));
    const memcached = planOf(backend, { hoursPerWeek: 10, startDate: START, choices: { redis: 'memcached' } });
    expect(idsOf(memcached)).toEqual(expect.arrayContaining(['http-caching', 'memcached']));
    expect(idsOf(memcached)).not.toContain('redis');
    expect(memcached.totalHours).toBe(1354 - 12 + 4);
  });

  it('leaves an excluded section out with every subtopic in it', () => {
    const ids = idsOf(planOf(backend, { hoursPerWeek: 40, startDate: START, exclude: { sections: ['language'] } }));
    for (const id of ['pick-a-language', 'javascript-nodejs', 'package-managers', 'npm']) expect(ids).not.toContain(id);
    expect(ids).toContain('data-structures');
  });
});

describe('ordering and packing', () => {
  it('breaks ties by roadmap order once prerequisites allow', () => {
    // b needs c, which comes later in the roadmap: a, c, then b before d.
    const ties = roadmapOf(topic('a', 1), topic('b', 1, { prerequisites: ['c'] }), topic('c', 1), topic('d', 1));
    expect(prerequisiteOrder(ties.topics).map((t) => t.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(planOf(ties, { hoursPerWeek: 10, startDate: START }).weeks[0]!.items.map((i) => i.topicId)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('puts a subtopic after its parent, and a cycle ends in roadmap order instead of looping', () => {
    const upsideDown = [topic('child', 1, { parentId: 'parent' }), topic('parent', 1), topic('other', 1)];
    expect(prerequisiteOrder(upsideDown).map((t) => t.id)).toEqual(['parent', 'child', 'other']);
    const cycle = [topic('x', 1, { prerequisites: ['y'] }), topic('y', 1, { prerequisites: ['x'] })];
    expect(prerequisiteOrder(cycle).map((t) => t.id)).toEqual(['x', 'y']);
  });

  it('splits a 25 h topic at 10 h a week into parts 1/3, 2/3 and 3/3; the next topic starts in the third week', () => {
    const plan = planOf(roadmapOf(topic('big', 25), topic('next', 3, { prerequisites: ['big'] })), { hoursPerWeek: 10, startDate: START });
    expect(plan.weeks).toEqual([
      { start: '2026-12-07', end: '2026-12-13', hours: 10, items: [{ topicId: 'big', hours: 10, part: 1, parts: 3 }] },
      { start: '2026-12-14', end: '2026-12-20', hours: 10, items: [{ topicId: 'big', hours: 10, part: 2, parts: 3 }] },
      {
        start: '2026-12-21',
        end: '2026-12-27',
        hours: 8,
        items: [
          { topicId: 'big', hours: 5, part: 3, parts: 3 },
          { topicId: 'next', hours: 3 },
        ],
      },
    ]);
    // 8 h in the last week at 2 h a session, Monday to Friday: Monday to Thursday.
    expect(plan.finish).toBe('2026-12-24');
    expect(plan.totalHours).toBe(28);
  });

  it('starts the next topic in a new week when one fills a week exactly, without splitting it', () => {
    const plan = planOf(roadmapOf(topic('full', 10), topic('next', 1)), { hoursPerWeek: 10, startDate: START });
    expect(plan.weeks.map((w) => w.items)).toEqual([[{ topicId: 'full', hours: 10 }], [{ topicId: 'next', hours: 1 }]]);
    expect(plan.finish).toBe('2026-12-14');
  });
});

describe('months', () => {
  it('counts the weeks to the same day months later, rounded up, clamping to a shorter month', () => {
    expect(weeksInMonths('2026-01-31', 1)).toBe(4); // to 28 February: 28 days
    expect(weeksInMonths('2028-01-31', 1)).toBe(5); // to 29 February of a leap year: 29 days
    expect(weeksInMonths('2026-03-01', 1)).toBe(5); // 31 days
    expect(weeksInMonths('2026-12-07', 3)).toBe(13); // 90 days
    expect(weeksInMonths('2026-12-07', 6)).toBe(26); // 182 days
    expect(weeksInMonths('2026-12-07', 12)).toBe(53); // 365 days
  });

  it('turns months into whole hours a week, rounded up', () => {
    // 1 month from 7 December is 31 days: 5 weeks.
    const hours = (total: number) => planOf(roadmapOf(topic('a', total)), { months: 1, startDate: START }).hoursPerWeek;
    expect([hours(40), hours(41), hours(34), hours(2)]).toEqual([8, 9, 7, 1]);
    const plan = planOf(roadmapOf(topic('a', 41)), { months: 1, startDate: START });
    expect(plan.weeks.map((w) => w.hours)).toEqual([9, 9, 9, 9, 5]);
  });
});

describe('scope', () => {
  const scoped = roadmapOf(
    topic('intro', 2, { sectionId: 'basics' }),
    topic('deep', 6, { sectionId: 'basics', level: 'advanced' }),
    topic('deep-part', 1, { sectionId: 'basics', parentId: 'deep' }),
    topic('side', 3, { sectionId: 'extra', level: 'intermediate' }),
    topic('side-part', 1, { sectionId: 'extra', parentId: 'side' }),
  );
  const plan = (extra: Partial<PlanSettings>) => planOf(scoped, { hoursPerWeek: 20, startDate: START, ...extra });

  it('leaves out done topics but keeps the subtopics of a done topic', () => {
    expect(idsOf(plan({ done: ['intro'] }))).toEqual(['deep', 'deep-part', 'side', 'side-part']);
    expect(plan({ done: ['intro'] }).totalHours).toBe(11);
    expect(idsOf(plan({ done: ['deep'] }))).toEqual(['intro', 'deep-part', 'side', 'side-part']);
  });

  it('leaves out excluded sections and levels, and the subtopics of an excluded topic', () => {
    expect(idsOf(plan({ exclude: { sections: ['extra'] } }))).toEqual(['intro', 'deep', 'deep-part']);
    expect(idsOf(plan({ exclude: { levels: ['advanced'] } }))).toEqual(['intro', 'side', 'side-part']);
    expect(plan({ exclude: { levels: ['advanced'] } }).totalHours).toBe(6);
    expect(topicsInScope(scoped, { exclude: { sections: ['basics'], levels: ['intermediate'] } })).toEqual([]);
  });

  it('makes an empty plan when everything is done', () => {
    const empty = plan({ done: ['intro', 'deep', 'deep-part', 'side', 'side-part'] });
    expect(empty).toMatchObject({ weeks: [], totalHours: 0, finish: START });
  });
});

describe('settings that make no plan', () => {
  const one = roadmapOf(topic('a', 5));
  const invalid = (roadmap: PlanRoadmap, settings: Partial<PlanSettings>) => problemOf(roadmap, { startDate: START, ...settings } as PlanSettings);

  it.each([
    [{ hoursPerWeek: 0 }, 'Hours per week must be from 1 to 80.'],
    [{ hoursPerWeek: 81 }, 'Hours per week must be from 1 to 80.'],
    [{ hoursPerWeek: 5, startDate: '2026-02-30' }, 'The start date must be a real date written YYYY-MM-DD.'],
    [{ hoursPerWeek: 5, months: 6 }, 'Give either hours per week or a number of months, not both.'],
    [{}, 'Give either hours per week or a number of months, not both.'],
    [{ months: 37 }, 'Months must be a whole number from 1 to 36.'],
    [{ months: 1.5 }, 'Months must be a whole number from 1 to 36.'],
    [{ hoursPerWeek: 5, studyDays: [] }, 'Pick at least one study day (sun to sat).'],
    [{ hoursPerWeek: 5, sessionTime: '24:00' }, 'The session time must be written HH:MM, from 00:00 to 23:59.'],
    [{ hoursPerWeek: 5, exclude: { sections: ['nope'] } }, 'This roadmap has no section "nope".'],
    [{ hoursPerWeek: 5, done: ['no-such-topic'] }, 'This roadmap has no topic "no-such-topic".'],
    [{ hoursPerWeek: 5, choices: { 'javascript-nodejs': 'express' } }, '"express" is not one of the alternatives of "javascript-nodejs".'],
    [{ hoursPerWeek: 5, choices: { npm: 'npm' } }, '"npm" does not name a group of alternatives in this roadmap.'],
  ] as [Partial<PlanSettings>, string][])('refuses %j', (settings, message) => {
    expect(invalid(backend, settings)).toEqual({ code: 'invalid_plan', message });
    if (!settings.choices && !settings.done) expect(invalid(one, settings)).toEqual({ code: 'invalid_plan', message });
  });

  it('says quickly when the whole Backend roadmap cannot fit', () => {
    const began = performance.now();
    expect(problemOf(backend, { hoursPerWeek: 1, startDate: START })).toEqual({
      code: 'plan_does_not_fit',
      message: '1,354 hours at 1 a week would take 1,354 weeks, more than ten years. Study more hours a week or leave sections out.',
    });
    expect(problemOf(backend, { months: 3, startDate: START })).toEqual({
      code: 'plan_does_not_fit',
      message: '1,354 hours in 3 months would need 105 hours a week, and the most is 80. Choose more months or leave sections out.',
    });
    expect(performance.now() - began).toBeLessThan(500);
  });

  it('draws the line at ten years (520 weeks) and at 80 hours a week', () => {
    expect(planOf(roadmapOf(topic('a', 520)), { hoursPerWeek: 1, startDate: START }).weeks).toHaveLength(520);
    expect(problemOf(roadmapOf(topic('a', 521)), { hoursPerWeek: 1, startDate: START })?.message).toBe(
      '521 hours at 1 a week would take 521 weeks, more than ten years. Study more hours a week or leave sections out.',
    );
    // 3 months from 7 December: 13 weeks, so 1,040 hours need exactly 80 a week.
    expect(planOf(roadmapOf(topic('a', 1040)), { months: 3, startDate: START }).hoursPerWeek).toBe(80);
    expect(problemOf(roadmapOf(topic('a', 1041)), { months: 3, startDate: START })?.message).toBe(
      '1,041 hours in 3 months would need 81 hours a week, and the most is 80. Choose more months or leave sections out.',
    );
  });
});

describe('calendar dates across a change of clocks', () => {
  it('keeps a week that begins on the Sunday Berlin moves to summer time at seven calendar days', () => {
    // The week of 28 March 2027 is 167 real hours long in Berlin, and still 7 days in the plan.
    expect((startOfLocalDay('2027-04-04', 'Europe/Berlin') - startOfLocalDay('2027-03-28', 'Europe/Berlin')) / 3_600_000).toBe(167);
    const plan = planOf(roadmapOf(topic('a', 10)), { hoursPerWeek: 6, startDate: '2027-03-28', studyDays: ['wed', 'sun', 'sat'] });
    expect(plan.studyDays).toEqual(['sun', 'wed', 'sat']);
    expect(plan.weeks.map((w) => [w.start, w.end, w.hours])).toEqual([
      ['2027-03-28', '2027-04-03', 6],
      ['2027-04-04', '2027-04-10', 4],
    ]);
    expect(sessionHours(plan.weeks[0]!, 6, plan.studyDays)).toEqual([
      { date: '2027-03-28', hours: 2 },
      { date: '2027-03-31', hours: 2 },
      { date: '2027-04-03', hours: 2 },
    ]);
    expect(sessionHours(plan.weeks[1]!, 6, plan.studyDays)).toEqual([
      { date: '2027-04-04', hours: 2 },
      { date: '2027-04-07', hours: 2 },
    ]);
    expect(plan.finish).toBe('2027-04-07');
  });

  it('does the same for the return to winter time on 31 October 2027', () => {
    const plan = planOf(roadmapOf(topic('a', 3)), { hoursPerWeek: 3, startDate: '2027-10-31', studyDays: ['sun', 'sat'] });
    expect(plan.weeks[0]).toMatchObject({ start: '2027-10-31', end: '2027-11-06' });
    expect(sessionHours(plan.weeks[0]!, 3, plan.studyDays)).toEqual([
      { date: '2027-10-31', hours: 1.5 },
      { date: '2027-11-06', hours: 1.5 },
    ]);
  });
});

describe('pace', () => {
  // a (15 h) over two weeks, then b (5 h); 2 h a session, Monday to Friday.
  const plan: StudyPlan = {
    startDate: START,
    hoursPerWeek: 10,
    studyDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    weeks: [
      { start: '2026-12-07', end: '2026-12-13', hours: 10, items: [{ topicId: 'a', hours: 10, part: 1, parts: 2 }] },
      {
        start: '2026-12-14',
        end: '2026-12-20',
        hours: 10,
        items: [
          { topicId: 'a', hours: 5, part: 2, parts: 2 },
          { topicId: 'b', hours: 5 },
        ],
      },
    ],
    finish: '2026-12-18',
    totalHours: 20,
  };
  const label = (known: Record<string, Status>, today: string) => paceOf(plan, statuses(known), today).label;

  it('counts the study days before today against the hours of topics done', () => {
    expect(paceOf(plan, statuses({}), '2026-12-10')).toEqual({
      state: 'behind',
      expectedHours: 6,
      doneHours: 0,
      behindHours: 6,
      label: '6 h behind',
    });
    expect(paceOf(plan, statuses({ a: 'done' }), '2026-12-15')).toEqual({
      state: 'ahead',
      expectedHours: 12,
      doneHours: 15,
      behindHours: -3,
      label: '3 h ahead',
    });
    expect(paceOf(plan, statuses({ a: 'done' }), '2026-12-17')).toMatchObject({ state: 'on-track', behindHours: 1, label: 'on track' });
    expect(label({ a: 'done' }, '2026-12-18')).toBe('3 h behind');
    expect(label({ a: 'done' }, '2026-12-21')).toBe('5 h behind');
    expect(label({ b: 'learning' }, '2026-12-09')).toBe('4 h behind');
    expect(label({}, '2026-12-07')).toBe('on track');
  });

  it('tells a plan not started yet and one whose topics are all done or skipped', () => {
    expect(paceOf(plan, statuses({}), '2026-12-01')).toEqual({
      state: 'not-started',
      expectedHours: 0,
      doneHours: 0,
      behindHours: 0,
      label: 'starts 2026-12-07',
    });
    expect(paceOf(plan, statuses({ a: 'done', b: 'skipped' }), '2026-12-09')).toMatchObject({ state: 'finished', label: 'all planned topics done' });
    expect(paceOf(plan, statuses({ a: 'done', b: 'done' }), '2026-12-01').state).toBe('finished');
  });

  it('rounds half an hour the same way ahead and behind', () => {
    const halves: StudyPlan = {
      startDate: START,
      hoursPerWeek: 3,
      studyDays: ['mon', 'wed'],
      weeks: [
        {
          start: '2026-12-07',
          end: '2026-12-13',
          hours: 3,
          items: [
            { topicId: 'x', hours: 1.5 },
            { topicId: 'y', hours: 1.5 },
          ],
        },
      ],
      finish: '2026-12-09',
      totalHours: 3,
    };
    expect(paceOf(halves, statuses({}), '2026-12-08')).toMatchObject({ state: 'behind', behindHours: 2, label: '2 h behind' });
    expect(paceOf(halves, statuses({ x: 'done' }), '2026-12-07')).toMatchObject({ state: 'ahead', behindHours: -2, label: '2 h ahead' });
  });
});

describe('re-planning from today', () => {
  // 40 h at 10 h a week from Monday 7 December: four weeks, the last session on Friday 1 January.
  const trio = roadmapOf(topic('a', 20), topic('b', 10, { prerequisites: ['a'] }), topic('c', 10));
  const settings: PlanSettings = { hoursPerWeek: 10, startDate: START };
  const plan = planOf(trio, settings);

  it('spreads what is left over the weeks until the old finish', () => {
    expect(plan.finish).toBe('2027-01-01');
    // 28 December, only a done: 20 h left and one week (5 days) to 1 January.
    const next = replanFromToday(trio, settings, plan, statuses({ a: 'done' }), '2026-12-28');
    expect(next).toEqual({ hoursPerWeek: 20, startDate: '2026-12-28', done: ['a'] });
    expect(planOf(trio, next)).toMatchObject({ finish: '2027-01-01', totalHours: 20 });
    // 21 December, nothing done: 40 h over two weeks.
    expect(replanFromToday(trio, settings, plan, statuses({}), '2026-12-21').hoursPerWeek).toBe(20);
  });

  it('never goes below the old pace, and lists done and skipped topics', () => {
    expect(replanFromToday(trio, settings, plan, statuses({ a: 'done' }), '2026-12-21').hoursPerWeek).toBe(10);
    expect(replanFromToday(trio, settings, plan, statuses({ a: 'done', b: 'skipped' }), '2026-12-14')).toEqual({
      hoursPerWeek: 10,
      startDate: '2026-12-14',
      done: ['a', 'b'],
    });
    expect(replanFromToday(trio, settings, plan, statuses({}), '2027-02-01').hoursPerWeek).toBe(10);
  });

  it('caps the pace at 80 hours a week when the finish can no longer be kept', () => {
    const big = roadmapOf(topic('a', 100));
    const fast = planOf(big, { hoursPerWeek: 50, startDate: START });
    expect(fast.finish).toBe('2026-12-18');
    expect(replanFromToday(big, { hoursPerWeek: 50, startDate: START }, fast, statuses({}), '2026-12-14').hoursPerWeek).toBe(80);
  });

  it('turns months into hours a week and keeps the other settings', () => {
    const byMonths: PlanSettings = { months: 1, startDate: START, studyDays: ['sat', 'sun'], sessionTime: '07:30' };
    const monthly = planOf(trio, byMonths);
    expect([monthly.hoursPerWeek, monthly.finish]).toEqual([8, '2027-01-10']);
    // 28 December, a done: 20 h left over two weeks to Sunday 10 January.
    expect(replanFromToday(trio, byMonths, monthly, statuses({ a: 'done' }), '2026-12-28')).toEqual({
      startDate: '2026-12-28',
      hoursPerWeek: 10,
      studyDays: ['sat', 'sun'],
      sessionTime: '07:30',
      done: ['a'],
    });
  });
});

describe('what next', () => {
  const net = roadmapOf(
    topic('internet', 5, { title: 'How the Internet Works' }),
    topic('http', 8, { title: 'HTTP', prerequisites: ['internet'], parentId: 'internet' }),
    topic('dns', 4, { title: 'DNS', prerequisites: ['internet'], parentId: 'internet' }),
    topic('hosting', 4, { title: 'Hosting', prerequisites: ['http', 'dns'] }),
    topic('tls', 3, { title: 'TLS', prerequisites: ['http'] }),
    topic('lang', 2, { title: 'Pick a Language' }),
    topic('js', 10, { title: 'JavaScript', prerequisites: ['lang'], parentId: 'lang', mark: 'recommended' }),
    topic('py', 10, { title: 'Python', prerequisites: ['lang'], parentId: 'lang', mark: 'alternative' }),
    topic('cdn', 2, { title: 'CDN', prerequisites: ['internet', 'http', 'dns'] }),
  );
  const basicsDone = { internet: 'done', http: 'done', dns: 'done' } as const;

  it('suggests at most three topics whose prerequisites are all done, naming them', () => {
    expect(suggestNext(net, statuses({}))).toEqual([
      { topicId: 'internet', reason: 'It has no prerequisites' },
      { topicId: 'lang', reason: 'It has no prerequisites' },
    ]);
    expect(suggestNext(net, statuses(basicsDone))).toEqual([
      { topicId: 'hosting', reason: 'Its prerequisites HTTP and DNS are done' },
      { topicId: 'tls', reason: 'Its prerequisite HTTP is done' },
      { topicId: 'lang', reason: 'It has no prerequisites' },
    ]);
    expect(suggestNext(net, statuses(basicsDone), { limit: 10 }).at(-1)).toEqual({
      topicId: 'cdn',
      reason: 'Its prerequisites How the Internet Works, HTTP and 1 more are done',
    });
  });

  it('says "done or skipped" when a prerequisite was skipped', () => {
    expect(suggestNext(net, statuses({ ...basicsDone, http: 'skipped' })).slice(0, 2)).toEqual([
      { topicId: 'hosting', reason: 'Its prerequisites HTTP and DNS are done or skipped' },
      { topicId: 'tls', reason: 'Its prerequisite HTTP is done or skipped' },
    ]);
  });

  it('puts started topics first, but only when they are ready', () => {
    expect(suggestNext(net, statuses({ lang: 'done', js: 'learning' }))).toEqual([
      { topicId: 'js', reason: 'You have started it' },
      { topicId: 'internet', reason: 'It has no prerequisites' },
    ]);
    expect(suggestNext(net, statuses({ hosting: 'learning' })).map((s) => s.topicId)).toEqual(['internet', 'lang']);
  });

  it('never suggests an alternative nobody picked, and follows a choice', () => {
    expect(suggestNext(net, statuses({ lang: 'done' }), { limit: 10 }).map((s) => s.topicId)).toEqual(['internet', 'js']);
    const choosePython: PlanSettings = { hoursPerWeek: 6, startDate: START, choices: { js: 'py' } };
    expect(suggestNext(net, statuses({ lang: 'done' }), { settings: choosePython, limit: 10 })).toEqual([
      { topicId: 'internet', reason: 'It has no prerequisites' },
      { topicId: 'py', reason: 'Its prerequisite Pick a Language is done' },
    ]);
  });

  it('puts the ready topics planned this week first', () => {
    const settings: PlanSettings = { hoursPerWeek: 6, startDate: START };
    const plan = planOf(net, settings);
    // Week 3 (21 December) holds the end of HTTP, DNS and the start of Hosting.
    expect(plan.weeks[2]!.items.map((i) => i.topicId)).toEqual(['http', 'dns', 'hosting']);
    const options = { settings, plan, today: '2026-12-21' };
    expect(suggestNext(net, statuses({ internet: 'done', http: 'done' }), options)).toEqual([
      { topicId: 'dns', reason: 'This week in your plan' },
      { topicId: 'tls', reason: 'Its prerequisite HTTP is done' },
      { topicId: 'lang', reason: 'It has no prerequisites' },
    ]);
    expect(suggestNext(net, statuses({ internet: 'done', http: 'done', lang: 'done', js: 'learning' }), options)).toEqual([
      { topicId: 'dns', reason: 'This week in your plan' },
      { topicId: 'js', reason: 'You have started it' },
      { topicId: 'tls', reason: 'Its prerequisite HTTP is done' },
    ]);
    expect(suggestNext(net, statuses(basicsDone), { ...options, today: '2026-12-28' })).toEqual([
      { topicId: 'hosting', reason: 'This week in your plan' },
      { topicId: 'tls', reason: 'This week in your plan' },
      { topicId: 'lang', reason: 'It has no prerequisites' },
    ]);
    // After the plan's last week there is no "this week".
    expect(suggestNext(net, statuses(basicsDone), { ...options, today: '2027-03-01' })[0]).toEqual({
      topicId: 'hosting',
      reason: 'Its prerequisites HTTP and DNS are done',
    });
  });

  it('works on the Backend roadmap, leaving Python out unless chosen', () => {
    expect(suggestNext(backend, statuses({}))).toEqual([
      { topicId: 'how-the-internet-works', reason: 'It has no prerequisites' },
      { topicId: 'operating-systems', reason: 'It has no prerequisites' },
      { topicId: 'version-control-systems', reason: 'It has no prerequisites' },
    ]);
    const done = Object.fromEntries(
      ['how-the-internet-works', 'http', 'browsers', 'frontend-basics', 'html', 'pick-a-language', 'browser-javascript', 'dns', 'domain-names'].map(
        (id) => [id, 'done' as const],
      ),
    );
    const all = suggestNext(backend, statuses(done), { limit: 500 });
    expect(all.find((s) => s.topicId === 'javascript-nodejs')?.reason).toBe(
      'Its prerequisites Pick a Backend Language and JavaScript in the Browser are done',
    );
    expect(all.find((s) => s.topicId === 'hosting')?.reason).toBe('Its prerequisites How the Internet Works and Domain Names are done');
    expect(all.map((s) => s.topicId)).not.toContain('python');
    const settings: PlanSettings = { hoursPerWeek: 10, startDate: START, choices: { 'javascript-nodejs': 'python' } };
    const python = suggestNext(backend, statuses(done), { settings, limit: 500 });
    expect(python.find((s) => s.topicId === 'python')?.reason).toBe('Its prerequisite Pick a Backend Language is done');
    expect(python.map((s) => s.topicId)).not.toContain('javascript-nodejs');
  });
});
