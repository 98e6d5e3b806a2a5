/** All SQL about user roadmaps and their published versions. */
import type { Selectable } from 'kysely';
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
    forkedFrom?: { id: string; hash: string } | null;
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
        draft_files: null,
        draft_updated_at: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .execute();
  }

  /** Stores a new published version and makes it current, atomically; returns its number. */
  async publish(id: string, files: Record<string, string>, hash: string, note: string | null = null): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('user_roadmaps').select('current_version').where('id', '=', id).executeTakeFirstOrThrow();
      const latest = await trx
        .selectFrom('user_roadmap_versions')
        .select((eb) => eb.fn.max('version').as('max'))
        .where('roadmap_id', '=', id)
        .executeTakeFirst();
      const version = Math.max(current.current_version, Number(latest?.max ?? 0)) + 1;
      const now = new Date().toISOString();
      await trx
        .insertInto('user_roadmap_versions')
        .values({ roadmap_id: id, version, hash, files: JSON.stringify(files), note, created_at: now })
        .execute();
      await trx.updateTable('user_roadmaps').set({ current_version: version, updated_at: now }).where('id', '=', id).execute();
      return version;
    });
  }

  async update(
    id: string,
    changes: Partial<Pick<UserRoadmapRow, 'title' | 'visibility' | 'draft_files' | 'draft_updated_at' | 'deleted_at'>>,
  ): Promise<void> {
    await this.db
      .updateTable('user_roadmaps')
      .set({ ...changes, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}
