/**
 * A study plan as iCalendar text: one event per study session, at the learner's session time in
 * their own time zone (written with a TZID and its VTIMEZONE, so 19:00 stays 19:00 across a change
 * of daylight saving time). Each event's UID depends only on the plan and the session's date, so a
 * subscribed calendar updates its events in place when the plan changes.
 *
 * Wall times are Luxon `DateTime`s in the learner's zone, which ical-generator prints as that
 * zone's wall clock whatever the server's own zone (a native `Date` would be printed by the
 * server's clock). The calendar names no zone of its own, only the VTIMEZONE generator: with a
 * calendar-wide zone, ical-generator writes DTSTAMP without its `Z`.
 */
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { formatHours, sessionHours, type PlanWeek, type StudyPlan } from '../../shared/study-plan.js';

export interface CalendarInput {
  plan: StudyPlan;
  roadmapTitle: string;
  /** Topic title by id. */
  titleOf: (topicId: string) => string;
  /** Absolute URL of a topic page. */
  topicUrl: (topicId: string) => string;
  /** Absolute URL of the plan page. */
  planUrl: string;
  /** IANA zone known to the runtime; a zone without a VTIMEZONE definition is written in UTC. */
  timeZone: string;
  /** `HH:MM`, local time in `timeZone`. */
  sessionTime: string;
  /** Stable id for the calendar's events, e.g. `${userId}-${roadmapId}` or 'guest-<roadmap>'. */
  uidPrefix: string;
  /** Host name the UIDs end with, e.g. 'milepost.example'. */
  host: string;
  /** When the plan last changed: every event's DTSTAMP, so the same plan gives the same text. */
  changedAt: Date;
}

const SUMMARY_MAX = 80;
/** How often a subscribed calendar should fetch the feed again, so plan changes show up the same day. */
const REFRESH_SECONDS = 6 * 60 * 60;

/**
 * The plan as iCalendar text. Sessions come from `sessionHours`, so the events add up to the plan's
 * hours; each names the week's topics, their hours and pages, and links to the plan.
 */
export function planCalendar(input: CalendarInput): string {
  const { plan, timeZone, host } = input;
  const zone = timeZone !== 'UTC' && getVtimezoneComponent(timeZone) ? timeZone : null;
  const calendar = ical({
    name: `${input.roadmapTitle} study plan`,
    prodId: { company: host, product: 'Milepost', language: 'EN' },
    url: input.planUrl,
    ttl: REFRESH_SECONDS,
    timezone: zone ? { name: null, generator: getVtimezoneComponent } : null,
  });
  plan.weeks.forEach((week, index) => {
    const summary = summaryOf(week, input.titleOf);
    const description = descriptionOf(week, index, input);
    for (const session of sessionHours(week, plan.hoursPerWeek, plan.studyDays)) {
      const minutes = Math.round(session.hours * 60);
      if (minutes <= 0) continue;
      // A time the change to summer time skips (02:30 when clocks jump from 02:00) moves forward, as RFC 5545 reads it.
      const start = DateTime.fromISO(`${session.date}T${input.sessionTime}`, { zone: timeZone });
      calendar.createEvent({
        id: `${input.uidPrefix}-${session.date}@${host}`,
        start,
        end: start.plus({ minutes }),
        timezone: zone,
        stamp: input.changedAt,
        summary,
        description,
        url: input.planUrl,
      });
    }
  });
  return calendar.toString();
}

/** "Study: HTTP and 2 more", the first title clipped so the whole stays within 80 characters. */
function summaryOf(week: PlanWeek, titleOf: CalendarInput['titleOf']): string {
  const [first, ...rest] = week.items;
  if (!first) return 'Study';
  const more = rest.length > 0 ? ` and ${rest.length} more` : '';
  const room = SUMMARY_MAX - 'Study: '.length - more.length;
  const title = titleOf(first.topicId);
  return `Study: ${title.length > room ? `${title.slice(0, room - 1).trimEnd()}…` : title}${more}`;
}

function descriptionOf(week: PlanWeek, index: number, input: CalendarInput): string {
  const lines = [`Week ${index + 1} of ${input.plan.weeks.length} · ${formatHours(week.hours)} h`, ''];
  for (const item of week.items) {
    const part = item.part !== undefined && item.parts !== undefined ? ` (part ${item.part} of ${item.parts})` : '';
    lines.push(`- ${input.titleOf(item.topicId)}: ${formatHours(item.hours)} h${part} ${input.topicUrl(item.topicId)}`);
  }
  lines.push('', `Your plan: ${input.planUrl}`);
  return lines.join('\n');
}
