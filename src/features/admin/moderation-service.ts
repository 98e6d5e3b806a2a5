/**
 * Moderation of user roadmaps: anyone signed in may report a public or unlisted roadmap they can
 * see (not their own), with a reason; administrators see the open reports and unlist the roadmap
 * (it leaves listings and search, and its owner cannot make it public again), remove it (its pages
 * answer 410), or dismiss the reports. The owner is told by email why, and the action is audited.
 * Reports are rate-limited per reporter and per roadmap. No HTTP in here.
 */
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../app-services.js';
import { UserRoadmapRepository } from '../../catalog/user-roadmap-repository.js';
import { AppError } from '../../errors.js';
import { consumeLimit } from '../../infra/counter-store.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AdminRepository } from './admin-repository.js';
import type { ReportReason, ReportView } from './reports.js';

export const RESOLUTIONS = ['unlist', 'remove', 'dismiss'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Reports one account may make in an hour, and one roadmap may receive in a day. */
export const REPORTS_PER_HOUR = 10;
export const REPORTS_PER_ROADMAP_PER_DAY = 20;
export const REPORT_DETAILS_MAX = 1000;
const HOUR_MS = 3_600_000;

export class ModerationService {
  private readonly roadmaps: UserRoadmapRepository;
  private readonly admin: AdminRepository;

  constructor(private readonly services: AppServices) {
    this.roadmaps = new UserRoadmapRepository(services.db);
    this.admin = new AdminRepository(services.db);
  }

  /** Files a report of a roadmap the reporter can see; a second open report of the same roadmap is refused. */
  async report(reporter: AuthUser, roadmapId: string, reason: ReportReason, details: string): Promise<{ id: string }> {
    const entry = await this.services.catalog.get(roadmapId, { userId: reporter.id });
    if (!entry || entry.source !== 'user' || entry.visibility === 'private')
      throw new AppError('not_found', 'No public or unlisted community roadmap with that id.');
    if (entry.ownerId === reporter.id) throw new AppError('invalid_input', 'This roadmap is yours: change or delete it from its editor.');
    const text = details.trim();
    if (reason === 'other' && text === '') throw new AppError('invalid_input', 'Say what is wrong with the roadmap.');
    if (await this.admin.openReportBy(roadmapId, reporter.id))
      throw new AppError('conflict', 'You already reported this roadmap; an administrator will look at it.');
    await consumeLimit(this.services.counters, `reports:${reporter.id}`, REPORTS_PER_HOUR, HOUR_MS, 'Too many reports. Try again later.');
    await consumeLimit(
      this.services.counters,
      `reports-of:${roadmapId}`,
      REPORTS_PER_ROADMAP_PER_DAY,
      24 * HOUR_MS,
      'This roadmap has many reports already; an administrator will look at it.',
    );
    const id = randomUUID();
    await this.admin.insertReport({
      id,
      roadmap_id: roadmapId,
      reporter_id: reporter.id,
      reason,
      details: text,
      created_at: this.services.clock().toISOString(),
    });
    return { id };
  }

  list(status: 'open' | 'resolved'): Promise<ReportView[]> {
    return this.admin.reports(status);
  }

  /**
   * Unlists or removes the report's roadmap, or dismisses the report; every open report of that
   * roadmap is resolved with it. The owner is mailed what happened and why (not for a dismissal).
   */
  async resolve(admin: AuthUser, reportId: string, action: Resolution, note: string): Promise<ReportView> {
    const report = await this.admin.report(reportId);
    if (!report) throw new AppError('not_found', 'No report with that id.');
    if (report.status !== 'open') throw new AppError('conflict', 'This report was already dealt with.');
    const why = note.trim();
    if (action !== 'dismiss' && why === '') throw new AppError('invalid_input', 'Say why, for the owner: the note goes to them by email.');
    const now = this.services.clock().toISOString();
    if (action === 'unlist') await this.roadmaps.update(report.roadmapId, { visibility: 'unlisted', moderated_at: now });
    if (action === 'remove') await this.roadmaps.update(report.roadmapId, { deleted_at: now });
    const status = action === 'unlist' ? 'unlisted' : action === 'remove' ? 'removed' : 'dismissed';
    await this.admin.resolveReports(report.roadmapId, { status, resolved_at: now, resolved_by: admin.id, resolution_note: why });
    if (action !== 'dismiss') {
      await this.services.catalog.roadmapChanged(report.roadmapId);
      this.tellOwner(report, action, why);
    }
    await this.admin.audit({
      at: now,
      admin_id: admin.id,
      admin_email: admin.email,
      action: action === 'dismiss' ? 'report.dismiss' : `roadmap.${action}`,
      target_id: report.roadmapId,
      target_label: report.roadmapTitle,
      detail: why,
    });
    return (await this.admin.report(reportId))!;
  }

  private tellOwner(report: ReportView, action: 'unlist' | 'remove', why: string): void {
    const what =
      action === 'unlist'
        ? `An administrator unlisted your roadmap "${report.roadmapTitle}": it no longer appears in listings or search, and it cannot be made public again. Anyone with its link can still open it.`
        : `An administrator removed your roadmap "${report.roadmapTitle}": its pages are gone. Learners keep their progress on it.`;
    // Queued after the answer; a failure is logged, and the decision and its reason stay in the audit log.
    this.services.background.run('moderation mail', () =>
      this.services.mailer.send({
        to: report.ownerEmail,
        subject: action === 'unlist' ? `Your roadmap "${report.roadmapTitle}" was unlisted` : `Your roadmap "${report.roadmapTitle}" was removed`,
        text: `${what}\n\nThe reason given:\n${why}\n\nThe roadmap was reported as: ${report.reasonText}.\n\nIf you think this is a mistake, reply to the site's administrators.`,
      }),
    );
  }
}
