/**
 * Invites to a team: a secret link (only its token's hash is stored) that owners and mentors make,
 * share or have mailed through the outbox, and revoke. Accepting counts one use in the same
 * statement that checks the invite is still good, so a used-up invite admits nobody more however
 * many accept at once. No HTTP in here.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { normalizeEmail } from '../../shared/email.js';
import { hashToken, newToken } from '../auth/secret-token.js';
import { MailLimits, type MailCause } from '../mail/mail-limits.js';
import type { CreateInvite, InviteListDocument, InvitePreviewDocument } from './schema.js';
import { TeamRepository, type InviteRow } from './team-repository.js';
import { shownName, visibleAssignments, type TeamServices } from './team-service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 3_600_000;
/** Invites one account may make in an hour, and how many of them may be mailed. */
export const INVITES_PER_HOUR = 30;
export const EMAIL_INVITES_PER_HOUR = 20;
export const DEFAULT_INVITE_DAYS = 7;
/** What joining shows the team, said before anyone accepts. */
export const WHAT_THE_TEAM_SEES =
  "The team's owners and mentors will see your name, your progress and your last activity on the team's assigned roadmaps, nothing else: not your email address, your notes, your quiz answers or your other roadmaps. If the owner turns the leaderboard on, the other members see your name and how many of the team's topics you have finished.";

export class InviteService {
  private readonly repo: TeamRepository;
  private readonly limits: MailLimits;

  constructor(private readonly services: TeamServices) {
    this.repo = new TeamRepository(services.db);
    this.limits = new MailLimits(services.counters);
  }

  private async requireInviter(teamId: string, userId: string): Promise<void> {
    const role = await this.repo.roleOf(teamId, userId);
    if (!role) throw new AppError('not_found');
    if (role === 'member') throw new AppError('forbidden', 'Only owners and mentors can invite.');
  }

  private link(token: string): string {
    return `${this.services.config.baseUrl}/invites/${token}`;
  }

  /** Makes an invite; with `email`, mails its link (one use by default) within the mail limits. */
  async create(teamId: string, userId: string, input: CreateInvite, cause: MailCause) {
    await this.requireInviter(teamId, userId);
    const { counters } = this.services;
    await consumeLimit(counters, `team-invites:${userId}`, INVITES_PER_HOUR, HOUR_MS, 'Too many invites. Try again later.');
    if (input.email !== undefined)
      await consumeLimit(counters, `team-invite-mails:${userId}`, EMAIL_INVITES_PER_HOUR, HOUR_MS, 'Too many emailed invites. Try again later.');
    const team = await this.repo.team(teamId);
    if (!team) throw new AppError('not_found');
    const email = input.email === undefined ? null : normalizeEmail(input.email);
    if (email && !(await this.limits.allow([email], cause)))
      throw new AppError('rate_limited', 'Too many emails were sent to this address or by this account recently. Try again in an hour.', {
        retryAfterSeconds: 3600,
      });
    const now = this.services.clock();
    const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? DEFAULT_INVITE_DAYS) * DAY_MS);
    const maxUses = input.maxUses ?? (email ? 1 : null);
    const { token, hash } = newToken('inv_');
    const id = randomUUID();
    const inviter = await this.repo.userName(userId);
    await this.services.db.transaction().execute(async (trx) => {
      await new TeamRepository(trx).insertInvite({
        id,
        team_id: teamId,
        token_hash: hash,
        email,
        created_by: userId,
        max_uses: maxUses,
        uses: 0,
        expires_at: expiresAt.toISOString(),
        revoked_at: null,
        created_at: now.toISOString(),
      });
      if (email) {
        const who = inviter ? shownName(inviter) : 'Someone';
        await this.services.mailer.send(
          {
            to: email,
            subject: `${who} invited you to the team "${team.name}" on Milepost`,
            text: `${who} invited you to join the team "${team.name}" on Milepost.\n\n${WHAT_THE_TEAM_SEES}\n\nTo see the team and join it, open this link before ${expiresAt.toISOString().slice(0, 10)}:\n${this.link(token)}\n\nIf you do not want to join, ignore this message.`,
          },
          { db: trx, expiresAt },
        );
      }
    });
    if (email) this.services.mailer.kick();
    return { id, url: this.link(token), expiresAt: expiresAt.toISOString(), maxUses };
  }

  async list(teamId: string, userId: string): Promise<InviteListDocument> {
    await this.requireInviter(teamId, userId);
    const rows = await this.repo.activeInvites(teamId, this.services.clock().toISOString());
    return {
      invites: rows.map((r) => ({
        id: r.id,
        email: r.email,
        createdBy: r.created_by,
        maxUses: r.max_uses,
        uses: Number(r.uses),
        expiresAt: r.expires_at,
        createdAt: r.created_at,
      })),
    };
  }

  async revoke(teamId: string, userId: string, inviteId: string): Promise<void> {
    await this.requireInviter(teamId, userId);
    if (!(await this.repo.revokeInvite(teamId, inviteId, this.services.clock().toISOString())))
      throw new AppError('not_found', 'There is no such invite, or it was revoked already.');
  }

  /** The invite by its token, or why it can no longer be used (404 unknown, 410 revoked, expired or used up). */
  private async usable(token: string, repo = this.repo): Promise<InviteRow> {
    const invite = await repo.inviteByHash(hashToken(token));
    if (!invite) throw new AppError('not_found', 'This invite link is not valid.');
    const problem = whyUnusable(invite, this.services.clock().toISOString());
    if (problem) throw new AppError('gone', problem);
    return invite;
  }

  /** What someone who holds the link is shown before joining. */
  async preview(token: string): Promise<InvitePreviewDocument> {
    const invite = await this.usable(token);
    const [team, inviter, assigned] = await Promise.all([
      this.repo.team(invite.team_id),
      invite.created_by ? this.repo.userName(invite.created_by) : undefined,
      this.repo.roadmaps(invite.team_id),
    ]);
    if (!team) throw new AppError('not_found', 'This invite link is not valid.');
    const roadmaps = (await visibleAssignments(this.services, assigned)).map(({ entry }) => entry.roadmap.meta.title);
    return {
      team: { name: team.name, slug: team.slug },
      invitedBy: inviter ? shownName(inviter) : null,
      expiresAt: invite.expires_at,
      sees: WHAT_THE_TEAM_SEES,
      roadmaps,
    };
  }

  /** Joins the team as a member, counting one use; nothing changes when it is refused. */
  async accept(token: string, userId: string): Promise<{ teamId: string; slug: string; name: string }> {
    const joined = await this.services.db.transaction().execute(async (trx) => {
      const repo = new TeamRepository(trx);
      const invite = await this.usable(token, repo);
      const team = await repo.team(invite.team_id);
      if (!team) throw new AppError('not_found', 'This invite link is not valid.');
      const now = this.services.clock().toISOString();
      if (!(await repo.addMember({ team_id: team.id, user_id: userId, role: 'member', joined_at: now, last_seen: null })))
        throw new AppError('conflict', `You are already a member of "${team.name}".`);
      // Checked again in the statement that counts the use: another accept may have used it up meanwhile.
      if (!(await repo.useInvite(invite.id, now))) throw new AppError('gone', 'This invite has been used up.');
      return { teamId: team.id, slug: team.slug, name: team.name };
    });
    await this.services.changes.publish({ topic: 'team', teamId: joined.teamId });
    return joined;
  }

  /** Declining changes nothing: the invite stays as it was for anyone else it was shared with. */
  async decline(token: string): Promise<void> {
    if (!(await this.repo.inviteByHash(hashToken(token)))) throw new AppError('not_found', 'This invite link is not valid.');
  }
}

function whyUnusable(invite: InviteRow, now: string): string | null {
  if (invite.revoked_at) return 'This invite was revoked. Ask the team for a new one.';
  if (invite.expires_at <= now) return 'This invite has expired. Ask the team for a new one.';
  if (invite.max_uses !== null && Number(invite.uses) >= invite.max_uses) return 'This invite has been used up. Ask the team for a new one.';
  return null;
}
