/** What a report of a user roadmap says, as the moderation service, the repository and the pages share it. */

export const REPORT_REASONS = {
  spam: 'Spam or advertising',
  copied: 'Copied from someone else without permission',
  harmful: 'Harmful, hateful or illegal content',
  broken: 'Misleading or dangerously wrong content',
  other: 'Something else',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export interface ReportView {
  id: string;
  roadmapId: string;
  roadmapTitle: string;
  roadmapPath: string;
  visibility: string;
  ownerEmail: string;
  reporterEmail: string | null;
  reason: ReportReason;
  reasonText: string;
  details: string;
  createdAt: string;
  status: string;
  resolvedAt: string | null;
  resolutionNote: string;
}
