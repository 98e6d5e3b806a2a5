/**
 * Jobs on a schedule (croner), each run behind a lease in the database: with several instances
 * on one database only one runs a job at a time, and a job never overlaps itself.
 */
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { Database } from '../db/database.js';
import { JobLeaseRepository } from './job-lease-repository.js';

export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobDefinition {
  name: string;
  /** A cron pattern, e.g. `17 * * * *` for every hour at minute 17. */
  pattern: string;
  /** How long the lease lasts: other instances skip the job until then, so each slot runs once. */
  leaseMs: number;
  run: () => Promise<Record<string, number>>;
}

export class JobScheduler {
  private readonly holder = randomUUID();
  private readonly leases: JobLeaseRepository;
  private readonly crons: Cron[] = [];

  constructor(
    db: Database,
    private readonly log: JobLogger,
  ) {
    this.leases = new JobLeaseRepository(db);
  }

  /** Starts the job's schedule; timers never keep the process alive. */
  schedule(job: JobDefinition): void {
    this.crons.push(
      new Cron(job.pattern, { protect: true, unref: true }, async () => {
        await this.runNow(job);
      }),
    );
  }

  /** Runs the job now if this instance gets the lease; returns what it reported, or null when another instance holds it. */
  async runNow(job: JobDefinition): Promise<Record<string, number> | null> {
    try {
      if (!(await this.leases.tryAcquire(job.name, this.holder, job.leaseMs))) return null;
    } catch (err) {
      this.log.error({ err, job: job.name }, 'could not take the job lease');
      return null;
    }
    try {
      const result = await job.run();
      this.log.info({ job: job.name, ...result }, 'scheduled job done');
      return result;
    } catch (err) {
      this.log.error({ err, job: job.name }, 'scheduled job failed');
      return null;
    }
  }

  stop(): void {
    for (const cron of this.crons) cron.stop();
  }
}
