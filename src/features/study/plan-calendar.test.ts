import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { computePlan, sessionHours, type PlanRoadmap, type PlanSettings, type PlanTopic, type StudyPlan } from '../../shared/study-plan.js';
import { planCalendar, type CalendarInput } from './plan-calendar.js';

const topic = (id: string, title: string, hours: number): PlanTopic => ({
  id,
  title,
  sectionId: 'basics',
  hours,
  level: 'beginner',
  prerequisites: [],
  parentId: null,
  mark: null,
});

const roadmap: PlanRoadmap = {
  sections: [{ id: 'basics', title: 'Basics' }],
  topics: [
    topic('internet', 'How the Internet Works', 2),
    topic('http', 'HTTP', 5),
    topic('dns', 'DNS', 1.5),
    topic('language', 'Pick a Language', 8),
  ],
};
const titles = new Map(roadmap.topics.map((t) => [t.id, t.title]));
const BASE = 'https://milepost.example/roadmaps/backend';

function planOf(settings: Partial<PlanSettings>): StudyPlan {
  // 6 h a week over four study days: 90 minutes a session; 16.5 h make three weeks, the last one short.
  const outcome = computePlan(roadmap, { startDate: '2027-03-24', hoursPerWeek: 6, studyDays: ['wed', 'sat', 'sun', 'mon'], ...settings });
  if (!('plan' in outcome)) throw new Error(outcome.problem.message);
  return outcome.plan;
}

function calendarOf(plan: StudyPlan, options: Partial<CalendarInput> = {}): string {
  return planCalendar({
    plan,
    roadmapTitle: 'Backend Developer',
    titleOf: (id) => titles.get(id) ?? id,
    topicUrl: (id) => `${BASE}/${id}`,
    planUrl: `${BASE}/plan`,
    timeZone: 'Europe/Berlin',
    sessionTime: '19:00',
    uidPrefix: 'user1-backend',
    host: 'milepost.example',
    changedAt: new Date('2027-03-20T08:30:00.000Z'),
    ...options,
  });
}

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  url: string;
  tzid: string | null;
  /** DTSTART as written, `YYYY-MM-DDTHH:MM:SS`, in its TZID's zone. */
  local: string;
  utc: string;
  minutes: number;
  stampIsUtc: boolean;
}

/** Reads the text as a calendar app would: the zones come from the file's own VTIMEZONE blocks. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events: ParsedEvent[] = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const tzid = vevent.getFirstProperty('dtstart')!.getParameter('tzid');
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: String(vevent.getFirstPropertyValue('url')),
      tzid: typeof tzid === 'string' ? tzid : null,
      local: event.startDate.toString(),
      utc: event.startDate.toJSDate().toISOString(),
      minutes: (event.endDate.toUnixTime() - event.startDate.toUnixTime()) / 60,
      stampIsUtc: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).zone === ICAL.Timezone.utcTimezone,
    };
  });
  return { name: calendar.getFirstPropertyValue('x-wr-calname'), zoneIds: zones.map((z) => z.getFirstPropertyValue('tzid')), events };
}

/** The sessions the plan itself gives, with the week each belongs to. */
function sessionsOf(plan: StudyPlan) {
  return plan.weeks.flatMap((week, index) =>
    sessionHours(week, plan.hoursPerWeek, plan.studyDays)
      .filter((s) => s.hours > 0)
      .map((s) => ({ ...s, week, index })),
  );
}

describe('the study plan as a calendar', () => {
  it('has one event per study session, at 19:00 local with a TZID, lasting the session', () => {
    const plan = planOf({});
    const { name, zoneIds, events } = parse(calendarOf(plan));
    const sessions = sessionsOf(plan);
    expect(name).toBe('Backend Developer study plan');
    expect(zoneIds).toEqual(['Europe/Berlin']);
    // Three weeks of four study days, but the last week's 4.5 h fill only three 90-minute sessions.
    expect(sessions).toHaveLength(11);
    expect(events).toHaveLength(sessions.length);
    events.forEach((event, i) => {
      const session = sessions[i]!;
      expect(event.tzid).toBe('Europe/Berlin');
      expect(event.local).toBe(`${session.date}T19:00:00`);
      expect(event.minutes).toBe(Math.round(session.hours * 60));
      expect(event.url).toBe(`${BASE}/plan`);
      expect(event.stampIsUtc).toBe(true);
    });
    expect(events.reduce((sum, e) => sum + e.minutes, 0)).toBe(plan.totalHours * 60);
  });

  it.each([
    {
      change: 'Berlin springs forward on Sunday 2027-03-28',
      timeZone: 'Europe/Berlin',
      startDate: '2027-03-24',
      utc: ['2027-03-24T18:00:00.000Z', '2027-03-27T18:00:00.000Z', '2027-03-28T17:00:00.000Z', '2027-03-29T17:00:00.000Z'],
    },
    {
      change: 'New York springs forward on Sunday 2027-03-14',
      timeZone: 'America/New_York',
      startDate: '2027-03-10',
      utc: ['2027-03-11T00:00:00.000Z', '2027-03-14T00:00:00.000Z', '2027-03-14T23:00:00.000Z', '2027-03-15T23:00:00.000Z'],
    },
    {
      change: 'Berlin falls back on Sunday 2027-10-31',
      timeZone: 'Europe/Berlin',
      startDate: '2027-10-27',
      utc: ['2027-10-27T17:00:00.000Z', '2027-10-30T17:00:00.000Z', '2027-10-31T18:00:00.000Z', '2027-11-01T18:00:00.000Z'],
    },
  ])('keeps the sessions at 19:00 local when $change', ({ timeZone, startDate, utc }) => {
    const plan = planOf({ startDate });
    const { zoneIds, events } = parse(calendarOf(plan, { timeZone }));
    const firstWeek = events.slice(0, 4);
    expect(zoneIds).toEqual([timeZone]);
    expect(firstWeek.map((e) => e.utc)).toEqual(utc);
    expect(firstWeek.map((e) => e.local.slice(11))).toEqual(['19:00:00', '19:00:00', '19:00:00', '19:00:00']);
    expect(firstWeek.every((e) => e.tzid === timeZone)).toBe(true);
  });

  it('writes the same text whatever zone the server itself runs in, DTSTAMP being when the plan changed', () => {
    const plan = planOf({});
    // eslint-disable-next-line no-restricted-properties -- the server's own zone is what is under test
    const env = process.env;
    const saved = env.TZ;
    try {
      env.TZ = 'UTC';
      const onUtc = calendarOf(plan);
      env.TZ = 'Pacific/Auckland';
      expect(new Date(Date.UTC(2027, 0, 1)).getHours()).toBe(13);
      expect(calendarOf(plan)).toBe(onUtc);
    } finally {
      if (saved === undefined) delete env.TZ;
      else env.TZ = saved;
    }
  });

  it('names the week’s topics in the summary and lists them, with hours, parts and pages, in the description', () => {
    const plan = planOf({});
    const { events } = parse(calendarOf(plan));
    const sessions = sessionsOf(plan);
    expect(events.map((e) => e.summary)).toEqual(
      sessions.map(({ index }) => ['Study: How the Internet Works and 1 more', 'Study: HTTP and 2 more', 'Study: Pick a Language'][index]),
    );
    expect(events[0]!.description).toBe(
      [
        'Week 1 of 3 · 6 h',
        '',
        `- How the Internet Works: 2 h ${BASE}/internet`,
        `- HTTP: 4 h (part 1 of 2) ${BASE}/http`,
        '',
        `Your plan: ${BASE}/plan`,
      ].join('\n'),
    );
    events.forEach((event, i) => {
      const { week, index } = sessions[i]!;
      expect(event.description.split('\n')[0]).toBe(`Week ${index + 1} of 3 · ${week.hours} h`);
      for (const item of week.items) expect(event.description).toContain(`- ${titles.get(item.topicId)}: ${item.hours} h`);
      for (const item of week.items) expect(event.description).toContain(`${BASE}/${item.topicId}`);
    });
    expect(events.at(-1)!.description).toContain(`- Pick a Language: 4.5 h (part 2 of 2) ${BASE}/language`);
  });

  it('clips a long first title so the summary stays within 80 characters', () => {
    const long = 'Understanding Distributed Consensus Algorithms, Replication and Fault Tolerance in Practice';
    const { events } = parse(calendarOf(planOf({}), { titleOf: (id) => (id === 'internet' ? long : (titles.get(id) ?? id)) }));
    expect(events[0]!.summary.length).toBeLessThanOrEqual(80);
    expect(events[0]!.summary).toMatch(/^Study: Understanding Distributed Consensus .*… and 1 more$/);
  });

  it('gives each session a unique UID that stays the same when the plan is generated again or its time changes', () => {
    const plan = planOf({});
    const first = parse(calendarOf(plan)).events;
    const again = parse(calendarOf(planOf({}))).events;
    const moved = parse(calendarOf(plan, { sessionTime: '07:30' })).events;
    const uids = first.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids[0]).toBe('user1-backend-2027-03-24@milepost.example');
    expect(again.map((e) => e.uid)).toEqual(uids);
    expect(moved.map((e) => e.uid)).toEqual(uids);
    expect(moved[0]!.local).toBe('2027-03-24T07:30:00');
    expect(moved[0]!.utc).toBe('2027-03-24T06:30:00.000Z');
    // Another learner's calendar of the same roadmap never shares an event.
    const other = parse(calendarOf(plan, { uidPrefix: 'user2-backend' })).events;
    expect(other.some((e) => uids.includes(e.uid))).toBe(false);
  });

  it('writes UTC times, without a VTIMEZONE, for a learner on UTC', () => {
    const { zoneIds, events } = parse(calendarOf(planOf({}), { timeZone: 'UTC' }));
    expect(zoneIds).toEqual([]);
    expect(events[0]!.tzid).toBeNull();
    expect(events[0]!.utc).toBe('2027-03-24T19:00:00.000Z');
  });
});
