/** Opt-in public profiles: progress per roadmap, the activity of the last year, shared skill-test results. No HTTP in here. */
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { ActivityService } from '../progress/activity-service.js';
import { ProgressService } from '../progress/progress-service.js';
import { UserRepository } from '../auth/user-repository.js';
import { SkillTestRepository } from '../quiz/skill-tests.js';
import type { PublicProfile } from './schema.js';
import type { ProfileCache } from './profile-cache.js';
import { localDate, timeZoneOrUtc } from '../../shared/calendar-date.js';

export class ProfileService {
  private readonly users: UserRepository;
  private readonly progress: ProgressService;
  private readonly activity: ActivityService;

  private readonly cache: ProfileCache;
  private readonly skillTests: SkillTestRepository;
  private readonly catalog: AppServices['catalog'];

  constructor(services: Pick<AppServices, 'db' | 'catalog' | 'credentials' | 'progressCache' | 'progressWriter' | 'profileCache'>) {
    this.cache = services.profileCache;
    this.users = new UserRepository(services.db, services.credentials);
    this.progress = new ProgressService(services);
    this.activity = new ActivityService(services.db);
    this.skillTests = new SkillTestRepository(services.db);
    this.catalog = services.catalog;
  }

  /** The profile of `username`, or `not_found` when there is no such user or the profile is private (the two look alike on purpose). */
  async publicProfile(username: string, now = new Date()): Promise<PublicProfile> {
    const user = await this.users.findByUsername(username);
    if (!user || user.public_profile !== 1 || !user.username) throw new AppError('not_found', 'There is no public profile with this username.');
    const name = user.username;
    const day = localDate(now, timeZoneOrUtc(user.time_zone));
    const profile = await this.cache.load(name, day, user.id, async () => {
      const [roadmaps, activity, shared] = await Promise.all([
        this.progress.summaries(user.id),
        this.activity.summary(user.id, user.time_zone, now),
        this.skillTests.shared(user.id),
      ]);
      const skillTests = [];
      for (const result of shared) {
        const entry = await this.catalog.get(result.roadmapId, { userId: null });
        if (entry) skillTests.push({ ...result, title: entry.roadmap.meta.title });
      }
      return { username: name, name: user.name, roadmaps, activity, skillTests };
    });
    if (!profile) throw new AppError('not_found', 'There is no public profile with this username.');
    return profile;
  }
}
