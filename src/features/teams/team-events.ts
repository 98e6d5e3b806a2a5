/**
 * Live news for team dashboards, as server-sent events. Each instance keeps its open streams and
 * hears changes from the change feed, its own and (through Redis) every other instance's:
 * - a member's progress changed: the streams of that member's teams are told (`progress`), with
 *   the member's id for owners and mentors, without it for members (whose totals moved);
 * - a team changed (members, roles, roadmaps, settings, deletion): its streams are told (`team`),
 *   after each viewer's role is read again; a viewer who left or was removed is cut off at once;
 * - a user's credentials changed: each of their streams checks its sign-in again and ends with it.
 * Events carry no progress: the dashboard reads it again through the API, under its usual rules.
 * No caching of membership: every decision to send or keep is read from the database.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { AppError } from '../../errors.js';
import type { TeamRole } from '../../http/access.js';
import type { Change } from '../../infra/change-feed.js';
import { stillSignedIn, type RequestAuth } from '../auth/auth-context.js';
import { TeamRepository } from './team-repository.js';

/** Open streams one account may hold on one instance (a few tabs and devices). */
export const STREAMS_PER_USER = 5;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;
/** How often a stream's sign-in is read again besides when it changes (it may simply expire). */
const RECHECK_MS = 5 * 60_000;
/** How long a browser waits before reconnecting after a stream ends. */
const RETRY_MS = 3_000;

interface Stream {
  teamId: string;
  userId: string;
  role: TeamRole;
  auth: RequestAuth;
  res: ServerResponse;
  checkedAt: number;
}

export type TeamEventServices = Pick<AppServices, 'db' | 'config' | 'changes'>;

export class TeamEventHub {
  private readonly repo: TeamRepository;
  private readonly byTeam = new Map<string, Set<Stream>>();
  private readonly byUser = new Map<string, Set<Stream>>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly services: TeamEventServices) {
    this.repo = new TeamRepository(services.db);
    services.changes.subscribe((change) => void this.heard(change).catch(() => undefined), { ownChanges: true });
    this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Open streams on this instance. */
  get size(): number {
    let n = 0;
    for (const set of this.byTeam.values()) n += set.size;
    return n;
  }

  /** Answers the request with a stream of the team's events (the access guard set its role). */
  open(request: FastifyRequest, reply: FastifyReply, teamId: string): void {
    const auth = request.auth;
    const role = request.teamRole;
    if (!auth || !role) throw new AppError('not_found');
    if ((this.byUser.get(auth.user.id)?.size ?? 0) >= STREAMS_PER_USER)
      throw new AppError('rate_limited', `At most ${STREAMS_PER_USER} live dashboards may be open at once. Close one and try again.`, {
        retryAfterSeconds: 30,
      });
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // nginx and other proxies would otherwise hold events back in a buffer.
      .header('x-accel-buffering', 'no');
    const headers = reply.getHeaders();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, headers as Record<string, string>);
    res.write(`retry: ${RETRY_MS}\n\n`);
    const stream: Stream = { teamId, userId: auth.user.id, role, auth, res, checkedAt: Date.now() };
    this.add(stream);
    request.raw.on('close', () => this.remove(stream));
    this.send(stream, 'ready', { role });
  }

  /** Ends every stream, before the server closes (it would wait for them otherwise). */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const set of this.byTeam.values()) for (const stream of set) this.end(stream, 'shutdown');
  }

  private add(stream: Stream): void {
    const team = this.byTeam.get(stream.teamId) ?? new Set();
    team.add(stream);
    this.byTeam.set(stream.teamId, team);
    const user = this.byUser.get(stream.userId) ?? new Set();
    user.add(stream);
    this.byUser.set(stream.userId, user);
  }

  private remove(stream: Stream): void {
    const team = this.byTeam.get(stream.teamId);
    team?.delete(stream);
    if (team?.size === 0) this.byTeam.delete(stream.teamId);
    const user = this.byUser.get(stream.userId);
    user?.delete(stream);
    if (user?.size === 0) this.byUser.delete(stream.userId);
  }

  private send(stream: Stream, event: string, data: object): void {
    if (!stream.res.writableEnded) stream.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Tells the browser why, then ends the stream; `closed` tells it not to reconnect. */
  private end(stream: Stream, reason: 'removed' | 'signed-out' | 'shutdown'): void {
    this.remove(stream);
    if (stream.res.writableEnded) return;
    this.send(stream, 'closed', { reason });
    stream.res.end();
  }

  private async heard(change: Change | null): Promise<void> {
    if (this.byTeam.size === 0) return;
    if (change === null) {
      // News may have been missed: every viewer is checked again and every dashboard reads again.
      await Promise.all([...this.byTeam.keys()].map((teamId) => this.recheckTeam(teamId, 'resync')));
      return;
    }
    if (change.topic === 'progress') await this.progressOf(change.userId);
    else if (change.topic === 'team') await this.recheckTeam(change.teamId, 'team');
    else if (change.topic === 'credentials') await this.recheckUser(change.userId);
  }

  private async progressOf(userId: string): Promise<void> {
    const teams = await this.repo.teamsAmong(userId, [...this.byTeam.keys()]);
    for (const teamId of teams)
      for (const stream of this.byTeam.get(teamId) ?? []) {
        const seesRow = stream.role !== 'member' || stream.userId === userId;
        this.send(stream, 'progress', seesRow ? { userId } : {});
      }
  }

  private async recheckTeam(teamId: string, event: 'team' | 'resync'): Promise<void> {
    const streams = [...(this.byTeam.get(teamId) ?? [])];
    if (streams.length === 0) return;
    let roles: Map<string, TeamRole>;
    try {
      roles = await this.repo.rolesOf(teamId, [...new Set(streams.map((s) => s.userId))]);
    } catch {
      // Unable to confirm who may still look: nobody keeps looking; browsers reconnect through the guard.
      for (const stream of streams) this.end(stream, 'shutdown');
      return;
    }
    for (const stream of streams) {
      const role = roles.get(stream.userId);
      if (!role) this.end(stream, 'removed');
      else {
        stream.role = role;
        this.send(stream, event, { role });
      }
    }
  }

  private async recheckUser(userId: string): Promise<void> {
    await Promise.all([...(this.byUser.get(userId) ?? [])].map((stream) => this.recheckSignIn(stream)));
  }

  private async recheckSignIn(stream: Stream): Promise<void> {
    stream.checkedAt = Date.now();
    const valid = await stillSignedIn(this.services.db, this.services.config, stream.auth).catch(() => false);
    if (!valid) this.end(stream, 'signed-out');
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    const due: Stream[] = [];
    for (const set of this.byTeam.values())
      for (const stream of set) {
        if (!stream.res.writableEnded) stream.res.write(': ping\n\n');
        if (now - stream.checkedAt >= RECHECK_MS) due.push(stream);
      }
    await Promise.all(due.map((stream) => this.recheckSignIn(stream)));
  }
}
