/**
 * Plans, calendar feeds, "what next", notes and resource checks for accounts, and the stateless
 * plan guests use. The planning rules are the shared ones (shared/study-plan.ts), the note rules
 * shared/notes-rules.ts; the SQL is study-repository.ts. No HTTP in here.
 */
import type { AppServices } from '../../app-services.js';
import { roadmapPath, type CatalogEntry } from '../../catalog/catalog-entry.js';
import { planRoadmapOf } from '../../content/plan-roadmap.js';
import { renderMarkdown } from '../../content/markdown.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import { cacheBody, type CachedBody } from '../../http/cached-body.js';
import { localDate, timeZoneOrUtc } from '../../shared/calendar-date.js';
import { MAX_NOTES, noteExcerpt, noteSizeProblem, type StoredChecks } from '../../shared/notes-rules.js';
import { currentTopicId, statusOf, type TopicEntries } from '../../shared/progress-rules.js';
import { queryWords, normalizeForSearch } from '../../shared/search-text.js';
import {
  computePlan,
  DEFAULT_SESSION_TIME,
  paceOf,
  suggestNext,
  type Pace,
  type PlanRoadmap,
  type PlanSettings,
  type StudyPlan,
  type Suggestion,
} from '../../shared/study-plan.js';
import { hashToken, newToken } from '../auth/secret-token.js';
import { ProgressService } from '../progress/progress-service.js';
import { planCalendar } from './plan-calendar.js';
import { StudyRepository, type PlanRow } from './study-repository.js';

type Services = Pick<AppServices, 'db' | 'catalog' | 'clock' | 'config' | 'changes' | 'progressCache' | 'progressWriter' | 'studyCache'>;

/** A time sent by a browser later than this after now comes from a wrong clock: it counts as now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface SavedPlan {
  settings: PlanSettings;
  updatedAt: string;
  plan: StudyPlan | null;
  /** Why the saved settings no longer make a plan (the roadmap changed), when they do not. */
  problem: { code: string; message: string } | null;
  pace: Pace | null;
  feed: { active: boolean; createdAt: string | null };
}

export interface NoteSummary {
  roadmapId: string;
  roadmapTitle: string;
  topicId: string;
  topicTitle: string;
  url: string | null;
  excerpt: string;
  updatedAt: string;
}

export interface NoteDocument {
  roadmapId: string;
  topicId: string;
  markdown: string;
  html: string;
  updatedAt: string | null;
}

/** The planner's view of a roadmap version, made once per version. */
export function planRoadmap(services: Pick<AppServices, 'catalog'>, roadmap: Roadmap): PlanRoadmap {
  return services.catalog.derived.get(roadmap, 'plan-roadmap', () => planRoadmapOf(roadmap));
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The stateless plan's answer, kept per roadmap version and settings: the same settings make the same plan. */
export function planBody(services: Pick<AppServices, 'catalog' | 'studyCache'>, roadmap: Roadmap, settings: PlanSettings): CachedBody {
  return services.studyCache.plan(`${roadmap.id}@${roadmap.hash}\n${JSON.stringify(settings)}`, () =>
    cacheBody(JSON.stringify(planOrThrow(planRoadmap(services, roadmap), settings)), JSON_TYPE, { fast: true }),
  );
}

/** The plan for the settings, or the planner's reason as a 422. */
export function planOrThrow(planning: PlanRoadmap, settings: PlanSettings): StudyPlan {
  const outcome = computePlan(planning, settings);
  if ('problem' in outcome) throw new AppError(outcome.problem.code, outcome.problem.message);
  return outcome.plan;
}

export function renderNote(markdown: string): string {
  return renderMarkdown(markdown, { topHeading: 3 });
}

export class StudyService {
  private readonly repo: StudyRepository;
  private readonly progress: ProgressService;

  constructor(private readonly services: Services) {
    this.repo = new StudyRepository(services.db);
    this.progress = new ProgressService(services);
  }

  /** The roadmap as this viewer may see it, or a 404 (a private roadmap of someone else looks like none). */
  async roadmap(userId: string | null, roadmapId: string): Promise<CatalogEntry> {
    const entry = await this.services.catalog.get(roadmapId, { userId });
    if (!entry) throw new AppError('not_found', `There is no roadmap "${roadmapId}".`);
    return entry;
  }

  /** A browser's time, checked: unreadable is refused, later than now counts as now. */
  private timeOf(sent: string | undefined): string {
    const now = this.services.clock();
    if (sent === undefined) return now.toISOString();
    const time = Date.parse(sent);
    if (Number.isNaN(time)) throw new AppError('invalid_input', 'updatedAt must be an ISO 8601 time.');
    return new Date(Math.min(time, now.getTime() + CLOCK_SKEW_MS)).toISOString();
  }

  private today(timeZone: string): string {
    return localDate(this.services.clock(), timeZoneOrUtc(timeZone));
  }

  private async entries(userId: string, roadmap: Roadmap): Promise<TopicEntries> {
    return (await this.progress.progressOf(userId, roadmap)).entries;
  }

  private async savedOf(userId: string, roadmap: Roadmap, row: PlanRow | undefined, timeZone: string): Promise<SavedPlan | null> {
    if (!row) return null;
    const settings = JSON.parse(row.settings) as PlanSettings;
    const outcome = computePlan(planRoadmap(this.services, roadmap), settings);
    const plan = 'plan' in outcome ? outcome.plan : null;
    const entries = await this.entries(userId, roadmap);
    return {
      settings,
      updatedAt: row.updated_at,
      plan,
      problem: 'problem' in outcome ? outcome.problem : null,
      pace: plan ? paceOf(plan, (id) => statusOf(entries, id), this.today(timeZone)) : null,
      feed: { active: row.feed_token_hash !== null, createdAt: row.feed_created_at },
    };
  }

  async savedPlan(userId: string, roadmapId: string, timeZone: string): Promise<SavedPlan | null> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    return this.savedOf(userId, roadmap, await this.repo.plan(userId, roadmap.id), timeZone);
  }

  /**
   * Saves the settings (they must make a plan). With `updatedAt` (a browser's copy being merged),
   * the stored settings stay when they are newer. Answers with what is stored afterwards.
   */
  async putPlan(
    userId: string,
    roadmapId: string,
    settings: PlanSettings,
    sentAt: string | undefined,
    timeZone: string,
  ): Promise<SavedPlan & { stored: boolean }> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    planOrThrow(planRoadmap(this.services, roadmap), settings);
    const stored = await this.repo.putPlan(userId, roadmap.id, JSON.stringify(settings), this.timeOf(sentAt), sentAt !== undefined);
    await this.changed(userId);
    const saved = await this.savedOf(userId, roadmap, await this.repo.plan(userId, roadmap.id), timeZone);
    return { ...saved!, stored };
  }

  async deletePlan(userId: string, roadmapId: string): Promise<void> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    await this.repo.deletePlan(userId, roadmap.id);
    await this.changed(userId);
  }

  private calendarOf(entry: CatalogEntry, settings: PlanSettings, calendar: { uidPrefix: string; changedAt: Date; timeZone: string }): string {
    const { roadmap } = entry;
    const plan = planOrThrow(planRoadmap(this.services, roadmap), settings);
    const base = this.services.config.baseUrl;
    return planCalendar({
      plan,
      roadmapTitle: roadmap.meta.title,
      titleOf: (id) => roadmap.topics.get(id)?.title ?? id,
      topicUrl: (id) => `${base}${roadmapPath(entry)}/${id}`,
      planUrl: `${base}${roadmapPath(entry)}/plan`,
      timeZone: timeZoneOrUtc(calendar.timeZone),
      sessionTime: settings.sessionTime ?? DEFAULT_SESSION_TIME,
      uidPrefix: calendar.uidPrefix,
      host: new URL(base).hostname,
      changedAt: calendar.changedAt,
    });
  }

  private savedCalendar(userId: string, entry: CatalogEntry, row: PlanRow, timeZone: string): string {
    return this.calendarOf(entry, JSON.parse(row.settings) as PlanSettings, {
      uidPrefix: `${userId}-${entry.id}`,
      changedAt: new Date(row.updated_at),
      timeZone,
    });
  }

  /**
   * A guest's plan (kept in their browser) as iCalendar text, to download: the same events as an
   * account's. `id` is a random id the browser keeps with the plan, so a second download replaces
   * the first in a calendar app rather than doubling it.
   */
  async guestCalendar(viewerId: string | null, roadmapId: string, settings: PlanSettings, timeZone: string, id: string): Promise<string> {
    const entry = await this.roadmap(viewerId, roadmapId);
    return this.calendarOf(entry, settings, { uidPrefix: `guest-${id}-${entry.id}`, changedAt: this.services.clock(), timeZone });
  }

  /** The saved plan as iCalendar text; 404 without a saved plan. */
  async calendar(userId: string, roadmapId: string, timeZone: string): Promise<string> {
    const entry = await this.roadmap(userId, roadmapId);
    const row = await this.repo.plan(userId, entry.id);
    if (!row) throw new AppError('not_found', 'Save a plan for this roadmap first.');
    return this.savedCalendar(userId, entry, row, timeZone);
  }

  /** Turns the feed on with a new secret (the old one stops working); answers the new token. */
  async rotateFeed(userId: string, roadmapId: string): Promise<string> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const { token, hash } = newToken('cal_');
    if (!(await this.repo.setFeed(userId, roadmap.id, hash, this.services.clock().toISOString())))
      throw new AppError('not_found', 'Save a plan for this roadmap first.');
    return token;
  }

  async revokeFeed(userId: string, roadmapId: string): Promise<void> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    await this.repo.setFeed(userId, roadmap.id, null, null);
  }

  /** The calendar behind a feed token; 404 for an unknown, revoked or rotated token. */
  async feed(token: string, timeZoneOf: (userId: string) => Promise<string | null>): Promise<string> {
    const row = await this.repo.planByFeed(hashToken(token));
    const timeZone = row ? await timeZoneOf(row.user_id) : null;
    const entry = row && timeZone !== null ? await this.services.catalog.get(row.roadmap_id, { userId: row.user_id }) : undefined;
    if (!row || !entry) throw new AppError('not_found', 'There is no calendar at this address.');
    return this.savedCalendar(row.user_id, entry, row, timeZone!);
  }

  /** Up to three topics to study next, with the reason for each. */
  async next(userId: string, roadmapId: string, timeZone: string): Promise<Suggestion[]> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const [entries, row] = await Promise.all([this.entries(userId, roadmap), this.repo.plan(userId, roadmap.id)]);
    const planning = planRoadmap(this.services, roadmap);
    const settings = row ? (JSON.parse(row.settings) as PlanSettings) : null;
    const outcome = settings ? computePlan(planning, settings) : null;
    return suggestNext(planning, (id) => statusOf(entries, id), {
      settings,
      plan: outcome && 'plan' in outcome ? outcome.plan : null,
      today: this.today(timeZone),
    });
  }

  /** Every note of the account, newest first; with `q`, those whose text or topic title holds every word. */
  async notes(userId: string, q: string | undefined): Promise<NoteSummary[]> {
    const words = queryWords(q ?? '');
    const rows = await this.repo.notes(userId);
    const list: NoteSummary[] = [];
    const entries = new Map<string, Promise<CatalogEntry | undefined>>();
    for (const row of rows) {
      let found = entries.get(row.roadmap_id);
      if (!found) entries.set(row.roadmap_id, (found = this.services.catalog.get(row.roadmap_id, { userId })));
      const entry = await found;
      const topicTitle = entry?.roadmap.topics.get(row.topic_id)?.title ?? row.topic_id;
      if (words.length > 0) {
        const haystack = normalizeForSearch(`${topicTitle} ${row.markdown}`);
        if (!words.every((w) => haystack.includes(w))) continue;
      }
      list.push({
        roadmapId: row.roadmap_id,
        roadmapTitle: entry?.roadmap.meta.title ?? row.roadmap_id,
        topicId: row.topic_id,
        topicTitle,
        url: entry && entry.roadmap.topics.has(row.topic_id) ? `${roadmapPath(entry)}/${row.topic_id}` : null,
        excerpt: noteExcerpt(row.markdown),
        updatedAt: row.updated_at,
      });
    }
    return list;
  }

  /** The list as a body ready to send; without a search it is built once per change of the account's notes. */
  async notesBody(userId: string, q: string | undefined): Promise<CachedBody> {
    const build = async () => cacheBody(JSON.stringify({ notes: await this.notes(userId, q) }), JSON_TYPE, { fast: true });
    return queryWords(q ?? '').length > 0 ? build() : this.services.studyCache.load(userId, 'notes', build);
  }

  async noteBody(userId: string, roadmapId: string, topicId: string): Promise<CachedBody> {
    const { roadmap, topicId: id } = await this.topicOf(userId, roadmapId, topicId);
    return this.services.studyCache.load(userId, `note\n${roadmap.id}@${roadmap.hash}\n${id}`, async () =>
      cacheBody(JSON.stringify(await this.note(userId, roadmap.id, id)), JSON_TYPE, { fast: true }),
    );
  }

  async checksBody(userId: string, roadmapId: string): Promise<CachedBody> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    return this.services.studyCache.load(userId, `checks\n${roadmap.id}@${roadmap.hash}`, async () =>
      cacheBody(JSON.stringify({ topics: await this.checks(userId, roadmap.id) }), JSON_TYPE, { fast: true }),
    );
  }

  /** Every instance forgets what it keeps of the account's study data. */
  private changed(userId: string): Promise<void> {
    return this.services.changes.publish({ topic: 'study', userId });
  }

  /** The topic as a note may name it: a current id (a retired one follows its successor), else 404. */
  private async topicOf(userId: string, roadmapId: string, topicId: string): Promise<{ roadmap: Roadmap; topicId: string }> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const id = currentTopicId(roadmap.index, topicId);
    if (!id) throw new AppError('not_found', `The roadmap "${roadmap.id}" has no topic "${topicId}".`);
    return { roadmap, topicId: id };
  }

  async note(userId: string, roadmapId: string, topicId: string): Promise<NoteDocument> {
    const { roadmap, topicId: id } = await this.topicOf(userId, roadmapId, topicId);
    const row = await this.repo.note(userId, roadmap.id, id);
    const markdown = row?.markdown ?? '';
    return { roadmapId: roadmap.id, topicId: id, markdown, html: renderNote(markdown), updatedAt: row?.updated_at ?? null };
  }

  /**
   * Saves a note (an empty one is deleted). With `updatedAt` (a browser's copy being merged), the
   * stored note stays when it is newer. Answers with what is stored afterwards.
   */
  async putNote(
    userId: string,
    roadmapId: string,
    topicId: string,
    markdown: string,
    sentAt: string | undefined,
  ): Promise<NoteDocument & { stored: boolean }> {
    const tooLarge = noteSizeProblem(markdown);
    if (tooLarge) throw new AppError('note_too_large', tooLarge);
    const { roadmap, topicId: id } = await this.topicOf(userId, roadmapId, topicId);
    let stored: boolean;
    if (markdown.trim() === '') {
      const existing = await this.repo.note(userId, roadmap.id, id);
      stored = existing !== undefined && (sentAt === undefined || existing.updated_at < this.timeOf(sentAt));
      if (stored) await this.repo.deleteNote(userId, roadmap.id, id);
    } else {
      const existing = await this.repo.note(userId, roadmap.id, id);
      if (!existing && (await this.repo.countNotes(userId)) >= MAX_NOTES)
        throw new AppError('limit_reached', `You can keep at most ${MAX_NOTES.toLocaleString('en-US')} notes. Delete some to write new ones.`);
      stored = await this.repo.putNote(userId, roadmap.id, id, markdown, this.timeOf(sentAt), sentAt !== undefined);
    }
    await this.changed(userId);
    return { ...(await this.note(userId, roadmap.id, id)), stored };
  }

  async deleteNote(userId: string, roadmapId: string, topicId: string): Promise<void> {
    const { roadmap, topicId: id } = await this.topicOf(userId, roadmapId, topicId);
    await this.repo.deleteNote(userId, roadmap.id, id);
    await this.changed(userId);
  }

  /** The account's checked resources on a roadmap, per topic; URLs no longer among a topic's resources are left out. */
  async checks(userId: string, roadmapId: string): Promise<Record<string, StoredChecks>> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const topics: Record<string, StoredChecks> = {};
    for (const row of await this.repo.checks(userId, roadmap.id)) {
      const id = currentTopicId(roadmap.index, row.topic_id);
      const topic = id ? roadmap.topics.get(id) : undefined;
      if (!topic) continue;
      const urls = new Set(topic.resources.map((r) => r.url));
      const checked = (JSON.parse(row.checked) as string[]).filter((url) => urls.has(url));
      const previous = topics[topic.id];
      if (!previous || previous.updatedAt < row.updated_at) topics[topic.id] = { checked, updatedAt: row.updated_at };
    }
    return topics;
  }

  /** Sets which of a topic's resources are checked; every URL must be one of the topic's resources. */
  async putChecks(
    userId: string,
    roadmapId: string,
    topicId: string,
    checked: string[],
    sentAt: string | undefined,
  ): Promise<StoredChecks & { topicId: string; stored: boolean }> {
    const { roadmap, topicId: id } = await this.topicOf(userId, roadmapId, topicId);
    const resources = roadmap.topics.get(id)!.resources.map((r) => r.url);
    const unknown = checked.find((url) => !resources.includes(url));
    if (unknown !== undefined) throw new AppError('invalid_input', `"${unknown.slice(0, 200)}" is not a resource of the topic "${id}".`);
    const urls = resources.filter((url) => checked.includes(url));
    const stored = await this.repo.putChecks(userId, roadmap.id, id, JSON.stringify(urls), this.timeOf(sentAt), sentAt !== undefined);
    await this.changed(userId);
    const now = (await this.checks(userId, roadmap.id))[id] ?? { checked: [], updatedAt: this.timeOf(undefined) };
    return { topicId: id, ...now, stored };
  }
}
