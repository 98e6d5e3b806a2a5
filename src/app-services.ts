/**
 * What feature plugins receive: the shared services of one app instance. Features import this
 * type, never the composition root (`app.ts`), so that they depend on capabilities, not on how
 * the app is put together.
 */
import type { Redis } from 'ioredis';
import type { RoadmapCatalog } from './catalog/roadmap-catalog.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { CredentialCache } from './features/auth/credential-cache.js';
import type { Mailer } from './features/mail/mailer.js';
import type { ProgressCache } from './features/progress/progress-cache.js';
import type { ProfileCache } from './features/profiles/profile-cache.js';
import type { ReviewQueueCache } from './features/reviews/review-queue-cache.js';
import type { StudyCache } from './features/study/study-cache.js';
import type { TeamProgressCache } from './features/teams/team-progress-cache.js';
import type { MemberState } from './features/teams/team-progress.js';
import type { ProgressWriter } from './features/progress/progress-writer.js';
import type { ChangeFeed } from './infra/change-feed.js';
import type { BackgroundTasks } from './infra/background-tasks.js';
import type { CounterStore } from './infra/counter-store.js';
import type { Metrics } from './infra/metrics.js';
import type { PageContext } from './views/page-context.js';

export interface AppServices {
  config: Config;
  /** Every roadmap, official or user-authored, and what is derived from each version. */
  catalog: RoadmapCatalog;
  db: Database;
  counters: CounterStore;
  mailer: Mailer;
  /** Work started by a request and finished after its answer. */
  background: BackgroundTasks;
  /** News of changes to and from the other instances. */
  changes: ChangeFeed;
  /** The instance's Redis command connection, when REDIS_URL is set. */
  redis: Redis | null;
  /** Who each session and token belongs to, kept in memory; told of every change to them. */
  credentials: CredentialCache;
  progressCache: ProgressCache;
  /** Each account's review queue for today, as last built. */
  reviewQueueCache: ReviewQueueCache;
  /** Accounts' notes and resource checks, and stateless plans, as last built. */
  studyCache: StudyCache;
  /** Each team's member counts as last read, per member. */
  teamProgressCache: TeamProgressCache<MemberState>;
  /** Public profiles as last built, for anonymous views. */
  profileCache: ProfileCache;
  /** Status writes, committed in groups under load. */
  progressWriter: ProgressWriter;
  /** What every page needs besides its theme: asset URLs and the public origin. */
  pageContext: Omit<PageContext, 'theme'>;
  /** Prometheus metrics, when the operator turned them on (METRICS_TOKEN or METRICS_PORT). */
  metrics: Metrics | null;
  /** The current time, for the features whose answers depend on the day (reviews due today). */
  clock: () => Date;
}
