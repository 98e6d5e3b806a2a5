/**
 * Roadmaps users write: create (blank, a fork with its content, an import), edit through drafts
 * and published versions, visibility, deletion and export. Ownership is checked here on every
 * read of a draft and every write, whatever the route's guard said. No HTTP in here.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AppServices } from '../../app-services.js';
import { canSee, type CatalogEntry, type Viewer, type Visibility } from '../../catalog/catalog-entry.js';
import { UserRoadmapRepository, type UserRoadmapRow } from '../../catalog/user-roadmap-repository.js';
import { contentHash, MemoryFiles } from '../../content/roadmap-files.js';
import { filesForExport, packRoadmap, readRoadmapFolder, RoadmapArchiveError } from '../../content/roadmap-archive.js';
import { importRoadmapSh, ImportError, type ImportReport } from '../../content/roadmap-sh-import.js';
import { rebaseLinks } from '../../content/structure-links.js';
import { kebabId } from '../../shared/ids.js';
import { AppError, type FileIssue } from '../../errors.js';
import { consumeLimit } from '../../infra/counter-store.js';
import { blankFiles, checkSource, cleanTitle, CUSTOM_ROADMAP_LIMITS, retitledMain, validRoadmap, type SourceFiles } from './roadmap-source.js';

type Services = Pick<AppServices, 'db' | 'catalog' | 'config' | 'counters' | 'clock'>;

/** Saves (drafts and publishes) per account per minute: enough for autosave, not for a flood. */
const SAVES_PER_MINUTE = 60;
const CREATES_PER_HOUR = 20;
const IMPORTS_PER_HOUR = 10;

export interface RoadmapSummary {
  id: string;
  title: string;
  visibility: Visibility;
  version: number;
  url: string;
  editUrl: string;
  forkedFrom: { id: string; version: number | null } | null;
  hasDraft: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Draft {
  baseVersion: number;
  files: SourceFiles;
  updatedAt: string;
}

function summaryOf(row: UserRoadmapRow): RoadmapSummary {
  return {
    id: row.id,
    title: row.title,
    visibility: row.visibility as Visibility,
    version: row.current_version,
    url: `/r/${row.id}`,
    editUrl: `/r/${row.id}/edit`,
    forkedFrom: row.forked_from_id ? { id: row.forked_from_id, version: row.forked_from_version } : null,
    hasDraft: row.draft_files !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function parseFiles(json: string): SourceFiles {
  return JSON.parse(json) as SourceFiles;
}

/** The topic files of a roadmap, the part of a source a fork follows. */
export function topicFilesOf(files: SourceFiles): SourceFiles {
  return Object.fromEntries(Object.entries(files).filter(([name]) => name.startsWith('topics/')));
}

export class CustomRoadmapService {
  readonly repository: UserRoadmapRepository;

  constructor(private readonly services: Services) {
    this.repository = new UserRoadmapRepository(services.db);
  }

  private readonly others = (id: string) => this.services.catalog.officialRoadmap(id);

  listMine(userId: string): Promise<RoadmapSummary[]> {
    return this.repository.listByOwner(userId).then((rows) => rows.map(summaryOf));
  }

  /** The owner's roadmap row: 404 for anyone else (they may not learn it exists), 410 once deleted. */
  async owned(userId: string, id: string): Promise<UserRoadmapRow> {
    const row = await this.repository.findRow(id);
    if (!row || row.owner_id !== userId) throw new AppError('not_found', 'You have no roadmap with that id.');
    if (row.deleted_at !== null) throw new AppError('gone', 'This roadmap was deleted.');
    return row;
  }

  async summary(userId: string, id: string): Promise<RoadmapSummary> {
    return summaryOf(await this.owned(userId, id));
  }

  /** Creates a blank roadmap or a fork of a roadmap the user may see whose front matter says `isForkable: true`. */
  async create(userId: string, input: { title: string; visibility?: Visibility; forkOf?: string }): Promise<RoadmapSummary> {
    const title = cleanTitle(input.title);
    await this.allowCreate(userId);
    const id = await this.newId(title);
    let files: SourceFiles;
    let forkedFrom: Parameters<UserRoadmapRepository['create']>[0]['forkedFrom'] = null;
    if (input.forkOf !== undefined) {
      const source = await this.services.catalog.get(input.forkOf, { userId });
      if (!source) throw new AppError('not_found', `There is no roadmap "${input.forkOf}" to fork.`);
      if (source.roadmap.meta.isForkable !== true) throw new AppError('forbidden', `The roadmap "${source.roadmap.meta.title}" may not be forked.`);
      const sourceFiles = await this.filesOf(source);
      // The fork's texts link to the fork's own pages, so its renames and removals follow them.
      const rebased = rebaseLinks(sourceFiles, source.roadmap.path, `/r/${id}`);
      files = { ...rebased, 'roadmap.md': retitledMain(rebased['roadmap.md'] ?? '', title, { asFork: true }) };
      forkedFrom = { id: source.id, hash: source.hash, version: source.version, upstreamFiles: topicFilesOf(sourceFiles) };
    } else {
      files = blankFiles(title);
    }
    const note = forkedFrom ? `Forked from ${input.forkOf} version ${forkedFrom.version}` : 'Created';
    return this.insert(userId, id, title, input.visibility ?? 'private', files, forkedFrom, note);
  }

  /** Creates a roadmap from roadmap.sh's editor JSON (and its optional content files); the report says what was kept and dropped. */
  async importRoadmapSh(
    userId: string,
    input: { json: unknown; files?: Record<string, string>; title?: string; visibility?: Visibility },
  ): Promise<{ roadmap: RoadmapSummary; report: ImportReport }> {
    // An object's size is bounded by the request body and measured by the importer itself, without recursion.
    const bytes = typeof input.json === 'string' ? Buffer.byteLength(input.json) : 0;
    const fileBytes = Object.values(input.files ?? {}).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    if (bytes + fileBytes > CUSTOM_ROADMAP_LIMITS.importBytes) {
      throw new AppError(
        'roadmap_too_large',
        `An import may hold at most ${CUSTOM_ROADMAP_LIMITS.importBytes / 1024 / 1024} MB; this one holds ${((bytes + fileBytes) / 1024 / 1024).toFixed(1)} MB.`,
      );
    }
    await consumeLimit(
      this.services.counters,
      `roadmap-imports:${userId}`,
      IMPORTS_PER_HOUR,
      3_600_000,
      `At most ${IMPORTS_PER_HOUR} imports an hour. Try again later.`,
    );
    await this.allowCreate(userId);
    const title = input.title === undefined ? undefined : cleanTitle(input.title);
    const id = await this.newId(title ?? 'imported roadmap');
    let imported: ReturnType<typeof importRoadmapSh>;
    try {
      imported = importRoadmapSh({ json: input.json, contentFiles: input.files, id, title });
    } catch (error) {
      if (error instanceof ImportError) throw new AppError('invalid_import', `This is not a roadmap we can import: ${error.problems.join(' ')}`);
      throw error;
    }
    const roadmap = validRoadmap(id, imported.files, this.others);
    const summary = await this.insert(
      userId,
      id,
      roadmap.meta.title,
      input.visibility ?? 'private',
      imported.files,
      null,
      'Imported from roadmap.sh JSON',
    );
    return { roadmap: summary, report: imported.report };
  }

  /**
   * A new title is a new version (the title lives in roadmap.md); a draft in progress gets the
   * new title too and moves onto that version, so renaming never throws unpublished work away.
   */
  async update(userId: string, id: string, changes: { title?: string; visibility?: Visibility }): Promise<RoadmapSummary> {
    const row = await this.owned(userId, id);
    if (changes.visibility === 'public' && row.visibility !== 'public' && row.moderated_at !== null)
      throw new AppError('forbidden', 'An administrator unlisted this roadmap after a report, so it cannot be made public again.');
    await this.allowSave(userId);
    let changed = false;
    const title = changes.title === undefined ? undefined : cleanTitle(changes.title);
    if (title !== undefined && title !== row.title) {
      const current = await this.currentFiles(row);
      const files = { ...current, 'roadmap.md': retitledMain(current['roadmap.md'] ?? '', title) };
      const { version } = await this.publishFiles(row, files, row.current_version, `Renamed to ${title}`);
      if (row.draft_files !== null) {
        const draft = parseFiles(row.draft_files);
        const retitled = draft['roadmap.md'] === undefined ? draft : { ...draft, 'roadmap.md': retitledMain(draft['roadmap.md'], title) };
        await this.repository.saveDraft(id, JSON.stringify(retitled), version, this.services.clock().toISOString());
      }
      changed = true;
    }
    if (changes.visibility !== undefined && changes.visibility !== row.visibility) {
      await this.repository.update(id, { visibility: changes.visibility });
      changed = true;
    }
    if (changed) await this.services.catalog.roadmapChanged(id);
    return this.summary(userId, id);
  }

  /** Deletes the roadmap: its pages answer 410, its progress rows stay with their owners. */
  async delete(userId: string, id: string): Promise<void> {
    await this.owned(userId, id);
    await this.repository.update(id, { deleted_at: this.services.clock().toISOString() });
    await this.services.catalog.roadmapChanged(id);
  }

  /** The current published files of a roadmap `viewer` may see. */
  async source(viewer: Viewer, id: string): Promise<{ version: number; files: SourceFiles }> {
    const entry = await this.visible(viewer, id);
    return { version: entry.version, files: await this.filesOf(entry) };
  }

  async draft(userId: string, id: string): Promise<Draft | null> {
    const row = await this.owned(userId, id);
    if (row.draft_files === null || row.draft_updated_at === null) return null;
    return { baseVersion: row.draft_base_version ?? row.current_version, files: parseFiles(row.draft_files), updatedAt: row.draft_updated_at };
  }

  /** Keeps the editor's work, valid or not, and tells what is wrong with it; refused when another publish moved the roadmap on. */
  async saveDraft(userId: string, id: string, files: SourceFiles, baseVersion: number): Promise<{ updatedAt: string; issues: FileIssue[] }> {
    const row = await this.owned(userId, id);
    await this.allowSave(userId);
    const { issues } = checkSource(id, files, this.others);
    this.assertBase(row, baseVersion);
    const now = this.services.clock().toISOString();
    if (!(await this.repository.saveDraft(id, JSON.stringify(files), baseVersion, now))) throw this.conflict(null, baseVersion);
    return { updatedAt: now, issues };
  }

  async discardDraft(userId: string, id: string): Promise<void> {
    await this.owned(userId, id);
    await this.repository.update(id, { draft_files: null, draft_updated_at: null, draft_base_version: null });
  }

  /** Publishes the files as a new version; 409 when `baseVersion` is stale, 422 with every problem when they do not validate. */
  async publish(userId: string, id: string, files: SourceFiles, baseVersion: number, note?: string): Promise<{ version: number; hash: string }> {
    const row = await this.owned(userId, id);
    await this.allowSave(userId);
    return this.publishFiles(row, files, baseVersion, note?.trim() || null);
  }

  async versions(userId: string, id: string) {
    const row = await this.owned(userId, id);
    const rows = await this.repository.listVersions(id);
    return rows.map((v) => ({ version: v.version, hash: v.hash, note: v.note, createdAt: v.created_at, current: v.version === row.current_version }));
  }

  /** Publishes an earlier version's files again, as a new version (history is never rewritten). */
  async restore(userId: string, id: string, version: number): Promise<{ version: number; hash: string }> {
    const row = await this.owned(userId, id);
    await this.allowSave(userId);
    const stored = await this.repository.findVersion(id, version);
    if (!stored) throw new AppError('not_found', `This roadmap has no version ${version}.`);
    return this.publishFiles(row, parseFiles(stored.files), row.current_version, `Restored version ${version}`);
  }

  /** The roadmap as a .tar.gz of content-format files, for anyone who may see it. */
  async exportArchive(viewer: Viewer, id: string): Promise<{ bytes: Buffer; entry: CatalogEntry }> {
    const entry = await this.visible(viewer, id);
    const stored = await this.filesOf(entry);
    // Unpacked into a content folder it becomes an official roadmap, whose pages are at /<id>.
    const files = filesForExport(entry.source === 'user' ? rebaseLinks(stored, entry.roadmap.path, `/${entry.id}`) : stored, {
      structuralOnly: entry.source === 'user',
    });
    try {
      return { bytes: await packRoadmap(entry.id, files), entry };
    } catch (error) {
      if (error instanceof RoadmapArchiveError) throw new AppError('roadmap_too_large', `This roadmap cannot be exported: ${error.message}`);
      throw error;
    }
  }

  /** Every file of a roadmap at its current version: from the content folder for official roadmaps. */
  async filesOf(entry: CatalogEntry): Promise<SourceFiles> {
    if (entry.source === 'official') return readRoadmapFolder(path.join(this.services.config.contentDir, 'roadmaps', entry.id));
    const row = await this.repository.findVersion(entry.id, entry.version);
    if (!row) throw new AppError('not_found', 'No roadmap with that id.');
    return parseFiles(row.files);
  }

  async currentFiles(row: UserRoadmapRow): Promise<SourceFiles> {
    const stored = await this.repository.findVersion(row.id, row.current_version);
    return stored ? parseFiles(stored.files) : {};
  }

  /** The roadmap as `viewer` may see it; a deleted one answers 410. */
  async visible(viewer: Viewer, id: string): Promise<CatalogEntry> {
    const entry = await this.services.catalog.get(id, viewer);
    if (entry && canSee(entry, viewer)) return entry;
    if (await this.services.catalog.wasDeleted(id)) throw new AppError('gone', 'This roadmap was deleted by its owner.');
    throw new AppError('not_found', 'No roadmap with that id.');
  }

  private async publishFiles(
    row: UserRoadmapRow,
    files: SourceFiles,
    baseVersion: number,
    note: string | null,
  ): Promise<{ version: number; hash: string }> {
    const roadmap = validRoadmap(row.id, files, this.others);
    this.assertBase(row, baseVersion);
    const stored = new MemoryFiles(files).toRecord();
    const hash = contentHash(new MemoryFiles(stored));
    // The same files again make no new version (a second click, restoring the current one).
    const current = await this.repository.findVersion(row.id, row.current_version);
    if (current?.hash === hash) {
      await this.repository.update(row.id, { draft_files: null, draft_updated_at: null, draft_base_version: null });
      return { version: row.current_version, hash };
    }
    const version = await this.repository.publish(row.id, stored, hash, note, { baseVersion, title: roadmap.meta.title });
    if (version === null) throw this.conflict(null, baseVersion);
    await this.services.catalog.roadmapChanged(row.id);
    return { version: version!, hash };
  }

  private assertBase(row: UserRoadmapRow, baseVersion: number): void {
    if (row.current_version !== baseVersion) throw this.conflict(row.current_version, baseVersion);
  }

  /** `current`: the version now published, when known (a publish that won a race is not read back). */
  private conflict(current: number | null, baseVersion: number): AppError {
    const now = current === null ? 'a newer version' : `version ${current}`;
    return new AppError(
      'version_conflict',
      `The roadmap was published as ${now} since you loaded version ${baseVersion}; reload it to see that version, then make your change again.`,
    );
  }

  private async insert(
    userId: string,
    id: string,
    title: string,
    visibility: Visibility,
    files: SourceFiles,
    forkedFrom: Parameters<UserRoadmapRepository['create']>[0]['forkedFrom'],
    note: string,
  ): Promise<RoadmapSummary> {
    const roadmap = validRoadmap(id, files, this.others);
    await this.repository.create({ id, ownerId: userId, title: roadmap.meta.title || title, visibility, forkedFrom });
    const stored = new MemoryFiles(files).toRecord();
    await this.repository.publish(id, stored, contentHash(new MemoryFiles(stored)), note, { baseVersion: 0 });
    await this.services.catalog.roadmapChanged(id);
    return this.summary(userId, id);
  }

  private async allowCreate(userId: string): Promise<void> {
    await consumeLimit(
      this.services.counters,
      `roadmap-creates:${userId}`,
      CREATES_PER_HOUR,
      3_600_000,
      `At most ${CREATES_PER_HOUR} new roadmaps an hour. Try again later.`,
    );
    const owned = await this.repository.countByOwner(userId);
    if (owned >= CUSTOM_ROADMAP_LIMITS.perUser) {
      throw new AppError('limit_reached', `An account may own at most ${CUSTOM_ROADMAP_LIMITS.perUser} roadmaps; delete one to make room.`);
    }
  }

  private allowSave(userId: string): Promise<void> {
    return consumeLimit(
      this.services.counters,
      `roadmap-saves:${userId}`,
      SAVES_PER_MINUTE,
      60_000,
      `At most ${SAVES_PER_MINUTE} saves a minute. Wait a moment, then save again.`,
    );
  }

  /** `<title-words>-<6 random characters>`: readable, never an official roadmap's id, and not guessable for unlisted links. */
  private async newId(title: string): Promise<string> {
    const stem = kebabId(title).slice(0, 40).replace(/-+$/, '') || 'roadmap';
    for (;;) {
      const id = `${stem}-${randomBytes(12)
        .toString('base64url')
        .replace(/[^a-z0-9]/gi, '')
        .toLowerCase()
        .slice(0, 10)}`;
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || this.services.catalog.officialRoadmap(id)) continue;
      if (!(await this.repository.findRow(id))) return id;
    }
  }
}
