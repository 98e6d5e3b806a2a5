/** Opt-in public profiles: progress per roadmap and the activity of the last year. No HTTP in here. */
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import { ActivityService } from '../progress/activity-service.js';
import { ProgressService } from '../progress/progress-service.js';
import { UserRepository } from '../auth/user-repository.js';
import type { PublicProfile } from './schema.js';

export class ProfileService {
  private readonly users: UserRepository;
  private readonly progress: ProgressService;
  private readonly activity: ActivityService;

  constructor(services: Pick<AppServices, 'db' | 'catalog' | 'credentials' | 'progressCache' | 'progressWriter'>) {
    this.users = new UserRepository(services.db, services.credentials);
    this.progress = new ProgressService(services);
    this.activity = new ActivityService(services.db);
  }

  /** The profile of `username`, or `not_found` when there is no such user or the profile is private (the two look alike on purpose). */
  async publicProfile(username: string, now = new Date()): Promise<PublicProfile> {
    const user = await this.users.findByUsername(username);
    if (!user || user.public_profile !== 1 || !user.username) throw new AppError('not_found', 'There is no public profile with this username.');
    const [roadmaps, activity] = await Promise.all([this.progress.summaries(user.id), this.activity.summary(user.id, user.time_zone, now)]);
    return { username: user.username, name: user.name, roadmaps, activity };
  }
}
