/** All SQL about user roadmaps and their published versions. */
import { sql, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import type { UserRoadmapsTable } from '../db/schema.js';
import type { Visibility } from './catalog-entry.js';

export type UserRoadmapRow = Selectable<UserRoadmapsTable>;

export interface PublishedRoadmap {
  row: UserRoadmapRow;
  /** The current version's files; null before the first publish. */
  version: { version: number; hash: string; files: string } | null;
}

export class UserRoadmapRepository {
  constructor(private readonly db: Database) {}

  /** The roadmap and its current published version, in one query; undefined when there is no such (undeleted) roadmap. */
  async findPublished(id: string): Promise<PublishedRoadmap | undefined> {
    const row = await this.db
      .selectFrom('user_roadmaps as r')
      .leftJoin('user_roadmap_versions as v', (join) => join.onRef('v.roadmap_id', '=', 'r.id').onRef('v.version', '=', 'r.current_version'))
      .selectAll('r')
      .select(['v.version as v_version', 'v.hash as v_hash', 'v.files as v_files'])
      .where('r.id', '=', id)
      .where('r.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const { v_version, v_hash, v_files, ...rest } = row;
    return {
      row: rest,
      version: v_version !== null && v_hash !== null && v_files !== null ? { version: v_version, hash: v_hash, files: v_files } : null,
    };
  }

  /** Files of one published version; undefined when the roadmap has no such version. */
  findVersion(id: string, version: number) {
    return this.db
      .selectFrom('user_roadmap_versions')
      .select(['version', 'hash', 'files', 'note', 'created_at'])
      .where('roadmap_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** True when a roadmap with this id existed and was deleted (its pages answer 410). */
  async wasDeleted(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('user_roadmaps').select('deleted_at').where('id', '=', id).executeTakeFirst();
    return row?.deleted_at != null;
  }

  /** Ids of the public, published, undeleted roadmaps, newest first. */
  async listPublicIds(limit = 1000): Promise<string[]> {
    const rows = await this.db
      .selectFrom('user_roadmaps')
      .select('id')
      .where('visibility', '=', 'public')
      .where('deleted_at', 'is', null)
      .where('current_version', '>', 0)
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async create(input: {
    id: string;
    ownerId: string;
    title: string;
    visibility: Visibility;
    forkedFrom?: { id: string; hash: string; version: number; upstreamFiles: Record<string, string> } | null;
  }): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('user_roadmaps')
      .values({
        id: input.id,
        owner_id: input.ownerId,
        title: input.title,
        visibility: input.visibility,
        forked_from_id: input.forkedFrom?.id ?? null,
        forked_from_hash: input.forkedFrom?.hash ?? null,
        forked_from_version: input.forkedFrom?.version ?? null,
        upstream_files: input.forkedFrom ? JSON.stringify(input.forkedFrom.upstreamFiles) : null,
        draft_files: null,
        draft_updated_at: null,
        draft_base_version: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
  }

  /**
   * Stores a new published version and makes it current, atomically, and drops the draft; returns
   * its number, or null when `baseVersion` is given and is no longer the current version.
   */
  async publish(
    id: string,
    files: Record<string, string>,
    hash: string,
    note: string | null = null,
    options: { baseVersion?: number; title?: string } = {},
  ): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('user_roadmaps').select('current_version').where('id', '=', id).executeTakeFirstOrThrow();
      const base = options.baseVersion ?? current.current_version;
      if (base !== current.current_version) return null;
      // Versions only grow, so the next one is the current one plus one. Claiming it with a
      // compare-and-set first means that of two publishes racing on one base, the second waits
      // for the first's row lock, then finds the base moved and loses cleanly.
      const version = base + 1;
      const now = new Date().toISOString();
      const claimed = await trx
        .updateTable('user_roadmaps')
        .set({
          current_version: version,
          updated_at: now,
          draft_files: null,
          draft_updated_at: null,
          draft_base_version: null,
          ...(options.title ? { title: options.title } : {}),
        })
        .where('id', '=', id)
        .where('current_version', '=', base)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return null;
      await trx
        .insertInto('user_roadmap_versions')
        .values({ roadmap_id: id, version, hash, files: JSON.stringify(files), note, created_at: now })
        .execute();
      return version;
    });
  }

  /** The roadmap row, deleted or not (owners manage theirs; deleted ones answer 410). */
  findRow(id: string): Promise<UserRoadmapRow | undefined> {
    return this.db.selectFrom('user_roadmaps').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** An owner's undeleted roadmaps, most recently changed first. */
  listByOwner(ownerId: string): Promise<UserRoadmapRow[]> {
    return this.db
      .selectFrom('user_roadmaps')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('deleted_at', 'is', null)
      .orderBy('updated_at', 'desc')
      .execute();
  }

  /** Public, published, undeleted roadmaps whose title holds every word of `words`, newest first, with the owner's public name. */
  listPublic(words: string[], limit: number) {
    let query = this.db
      .selectFrom('user_roadmaps as r')
      .innerJoin('users as u', 'u.id', 'r.owner_id')
      .select(['r.id', 'r.title', 'r.updated_at', 'r.current_version', 'r.forked_from_id', 'u.username', 'u.public_profile'])
      .where('r.visibility', '=', 'public')
      .where('r.deleted_at', 'is', null)
      .where('r.current_version', '>', 0);
    for (const word of words) {
      // Escaped, so a `%` or `_` typed by a user matches itself.
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb(eb.fn('lower', ['r.title']), 'like', sql<string>`${pattern} escape '\\'`));
    }
    return query.orderBy('r.updated_at', 'desc').limit(limit).execute();
  }

  /** How many undeleted roadmaps a user owns (the per-user limit). */
  async countByOwner(ownerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('user_roadmaps')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner_id', '=', ownerId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Every published version, newest first, without their files. */
  listVersions(id: string) {
    return this.db
      .selectFrom('user_roadmap_versions')
      .select(['version', 'hash', 'note', 'created_at'])
      .where('roadmap_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
  }

  /** Stores the editor's draft unless it was made against an older version than the current one; false when refused. */
  async saveDraft(id: string, files: string, baseVersion: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('user_roadmaps')
      .set({ draft_files: files, draft_updated_at: now, draft_base_version: baseVersion })
      .where('id', '=', id)
      .where('current_version', '=', baseVersion)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<
        UserRoadmapRow,
        'title' | 'visibility' | 'draft_files' | 'draft_updated_at' | 'draft_base_version' | 'deleted_at' | 'upstream_files' | 'moderated_at'
      >
    >,
  ): Promise<void> {
    await this.db
      .updateTable('user_roadmaps')
      .set({ ...changes, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
