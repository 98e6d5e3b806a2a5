/**
 * Each team's member counts as last read, kept per member so that a change costs one member's
 * read, not the whole cohort's. Every progress write publishes `progress` for its user (heard by
 * every instance, this one included): that member's counts are dropped from every team holding
 * them and read again on the next dashboard read. Membership, roles, names and the team's
 * settings are not kept here: each read asks the database for them, so a removed member is gone
 * at once. A new content or roadmap version, a new day or a lost change feed starts afresh.
 *
 * A read under way while its member changed is used for its own answer but never kept, so a count
 * read before a write cannot outlive the write. A body made from the counts (the JSON answer,
 * compressed) is kept only while no member changed and the list of members is the same.
 */
import { LRUCache } from 'lru-cache';
import type { CachedBody } from '../../http/cached-body.js';
import type { ChangeFeed } from '../../infra/change-feed.js';

/** Teams kept; the least recently read goes first. */
const MAX_TEAMS = 64;
/** Member rows kept over all teams (a few KB each with a roadmap's sections and their JSON). */
const MAX_MEMBERS = 60_000;
/** A safety net only: changes are announced, so counts are never trusted longer than this. */
const TTL_MS = 10 * 60_000;
/** Bodies kept per team: one per viewer role, and per viewer when the leaderboard marks them. */
const MAX_BODIES = 8;

interface KeptBody {
  changes: number;
  membersKey: string;
  body: CachedBody;
}

export class TeamProgressEntry<State> {
  readonly states = new Map<string, State>();
  /** Changes heard of this team's members since the entry was made. */
  changes = 0;
  memberIds = new Set<string>();
  /** The members' ids, roles and names when last read, to tell when the list changed. */
  membersKey = '';
  readonly bodies = new Map<string, KeptBody>();
  /** The members' order by name, as positions in the list of `membersKey`. */
  order: { membersKey: string; indices: number[] } | undefined;

  constructor(
    /** The assignments (roadmap versions, dates, optional sections) and the day the counts were made for. */
    readonly signature: string,
  ) {}
}

/** What one read found kept, and where it started. */
export interface TeamSnapshot<State> {
  entry: TeamProgressEntry<State>;
  teamId: string;
  membersKey: string;
  changes: number;
  seq: number;
  states: Map<string, State>;
  missing: string[];
}

export class TeamProgressCache<State = unknown> {
  private readonly teams = new LRUCache<string, TeamProgressEntry<State>>({
    max: MAX_TEAMS,
    maxSize: MAX_MEMBERS,
    ttl: TTL_MS,
    sizeCalculation: (entry) => Math.max(1, entry.states.size),
  });
  /** Counts every member change heard; a read remembers where it started. */
  private seq = 0;
  /** The last change of each member heard while reads were under way (forgotten when none is). */
  private readonly changedAt = new Map<string, number>();
  private reading = 0;
  /** Members found kept (hits) and members read (misses), since start. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe(
      (change) => {
        if (!change || change.topic === 'content' || change.topic === 'roadmap') this.teams.clear();
        else if (change.topic === 'progress') this.forgetMember(change.userId);
      },
      { ownChanges: true },
    );
  }

  /**
   * What is kept of the team for these assignments and these members (in order, with `membersKey`
   * naming their ids, roles and names). While news from the other instances may be missed,
   * nothing is kept: every read reads everything.
   */
  snapshot(teamId: string, signature: string, memberIds: string[], membersKey: string): TeamSnapshot<State> {
    const live = this.feed.live();
    let entry = live ? this.teams.get(teamId) : undefined;
    if (!entry || entry.signature !== signature) {
      entry = new TeamProgressEntry<State>(signature);
      if (live) this.teams.set(teamId, entry);
      else this.teams.delete(teamId);
    }
    if (entry.membersKey !== membersKey) {
      entry.membersKey = membersKey;
      entry.memberIds = new Set(memberIds);
      for (const userId of [...entry.states.keys()]) if (!entry.memberIds.has(userId)) entry.states.delete(userId);
    }
    const states = new Map<string, State>();
    const missing: string[] = [];
    for (const userId of memberIds) {
      const state = entry.states.get(userId);
      if (state === undefined) missing.push(userId);
      else states.set(userId, state);
    }
    this.stats.hits += states.size;
    this.stats.misses += missing.length;
    return { entry, teamId, membersKey, changes: entry.changes, seq: this.seq, states, missing };
  }

  /**
   * Reads the snapshot's missing members through `read`, adds them to the snapshot, and keeps
   * what may be kept: a member who changed while the read was under way is answered, not kept.
   */
  async fill(snapshot: TeamSnapshot<State>, read: (userIds: string[]) => Promise<Map<string, State>>): Promise<void> {
    if (snapshot.missing.length === 0) return;
    this.reading++;
    let states: Map<string, State>;
    try {
      states = await read(snapshot.missing);
    } finally {
      this.reading--;
    }
    const { entry } = snapshot;
    const keep = this.current(snapshot);
    for (const [userId, state] of states) {
      snapshot.states.set(userId, state);
      if (keep && (this.changedAt.get(userId) ?? 0) <= snapshot.seq) entry.states.set(userId, state);
    }
    if (this.reading === 0) this.changedAt.clear();
    // Its size grew: set again so that the bound on members kept holds.
    if (keep) this.teams.set(snapshot.teamId, entry);
  }

  /** The body `build` makes of the snapshot for `key` (a viewer's role), made once while nothing changes. */
  async body(snapshot: TeamSnapshot<State>, key: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
    const { entry } = snapshot;
    const kept = entry.bodies.get(key);
    if (kept && kept.changes === snapshot.changes && kept.membersKey === snapshot.membersKey && this.unchanged(snapshot)) return kept.body;
    const body = await build();
    if (this.unchanged(snapshot)) {
      if (entry.bodies.size >= MAX_BODIES) entry.bodies.clear();
      entry.bodies.set(key, { changes: snapshot.changes, membersKey: snapshot.membersKey, body });
    }
    return body;
  }

  get size(): number {
    return this.teams.size;
  }

  /** The snapshot's entry is still the team's, for the same members. */
  private current(snapshot: TeamSnapshot<State>): boolean {
    return this.feed.live() && this.teams.peek(snapshot.teamId) === snapshot.entry && snapshot.entry.membersKey === snapshot.membersKey;
  }

  /** No member of the team changed since the snapshot was taken. */
  private unchanged(snapshot: TeamSnapshot<State>): boolean {
    return this.current(snapshot) && snapshot.entry.changes === snapshot.changes;
  }

  private forgetMember(userId: string): void {
    this.seq++;
    if (this.reading > 0) this.changedAt.set(userId, this.seq);
    for (const entry of this.teams.values())
      if (entry.memberIds.has(userId)) {
        entry.states.delete(userId);
        entry.changes++;
      }
  }
}
