/**
 * The roadmap catalog: the one place that answers which roadmaps exist, who may see each one,
 * and what roadmap X is at version V. Official roadmaps come from the content folder (reloaded
 * without a restart); user roadmaps from the database. Everything derived from a version is
 * cached under (id, content hash) in `derived`.
 */
import { LRUCache } from 'lru-cache';
import type { ContentIssue } from '../content/content-issue.js';
import { ContentValidationError, formatIssue } from '../content/content-issue.js';
import { MemoryFiles } from '../content/roadmap-files.js';
import { loadContentWithSnapshot } from '../content/content-snapshot.js';
import { loadContent, loadRoadmap } from '../content/roadmap-loader.js';
import type { Content, Roadmap } from '../content/roadmap-model.js';
import type { Database } from '../db/database.js';
import type { ChangeFeed } from '../infra/change-feed.js';
import { canSee, GUEST, isListed, type CatalogEntry, type Viewer, type Visibility } from './catalog-entry.js';
import { DerivedCache, type VersionKey } from './derived-cache.js';
import { UserRoadmapRepository, type PublishedRoadmap } from './user-roadmap-repository.js';

export interface CatalogLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CatalogOptions {
  contentDir: string;
  db: Database;
  feed: ChangeFeed;
  log: CatalogLogger;
  /** Official content already loaded (tests); read from `contentDir` when absent. */
  content?: Content;
  /** Where to keep a snapshot of valid content for the next start, and the version of the code that reads it. */
  snapshot?: { dir: string; codeVersion: string };
}

export interface ReloadResult {
  ok: boolean;
  /** Problems found; when there are any, nothing changed. */
  issues: ContentIssue[];
  /** Official roadmaps added, changed or removed. */
  changed: string[];
}

/** User roadmaps kept loaded: enough for the busy ones, bounded whatever users create (by their files' size). */
const USER_ROADMAPS_KEPT = 500;
const USER_ROADMAPS_BYTES = 256 * 1024 * 1024;
/** Ids asked for that are no user roadmap: remembered apart, so guessing ids never evicts real ones. */
const MISSES_KEPT = 5_000;
/** A safety net only: saves are announced, so a copy is never trusted longer than this. */
const USER_ROADMAP_TTL_MS = 5 * 60_000;

function officialEntry(roadmap: Roadmap): CatalogEntry {
  return {
    id: roadmap.id,
    source: 'official',
    roadmap,
    hash: roadmap.hash,
    version: roadmap.meta.version,
    visibility: 'public',
    ownerId: null,
    forkedFrom: null,
  };
}

/** Official roadmaps in the order of the home page: by `order` in the front matter, then by id. */
function inHomeOrder(entries: Iterable<CatalogEntry>): CatalogEntry[] {
  return [...entries].sort((a, b) => (a.roadmap.meta.order ?? 999) - (b.roadmap.meta.order ?? 999) || a.id.localeCompare(b.id));
}

export class RoadmapCatalog {
  readonly derived = new DerivedCache();
  private official = new Map<string, CatalogEntry>();
  private readonly users: UserRoadmapRepository;
  /** Loaded user roadmaps by id; null records "no such roadmap" so misses cost no query either. */
  private readonly userRoadmaps = new LRUCache<string, { entry: CatalogEntry; bytes: number }>({
    max: USER_ROADMAPS_KEPT,
    maxSize: USER_ROADMAPS_BYTES,
    // The loaded roadmap takes a few times its files' size in memory.
    sizeCalculation: (value) => Math.max(1, value.bytes * 3),
    ttl: USER_ROADMAP_TTL_MS,
  });
  private readonly misses = new LRUCache<string, true>({ max: MISSES_KEPT, ttl: USER_ROADMAP_TTL_MS });
  /** Raised each time a user roadmap is forgotten, so a read that started before is not kept. */
  private readonly generations = new Map<string, number>();
  private readonly listeners: ((changedIds: string[]) => void)[] = [];
  /** Raised whenever any roadmap changes, so artefacts made from the whole listing are rebuilt. */
  private listingVersion = 0;
  /** Raised when the official content changes. */
  private officialVersion = 0;

  private constructor(private readonly options: CatalogOptions) {
    this.users = new UserRoadmapRepository(options.db);
    options.feed.subscribe((change) => {
      if (change === null) {
        this.userRoadmaps.clear();
        this.misses.clear();
      } else if (change.topic === 'roadmap') this.forgetLocally(change.roadmapId);
      else if (change.topic === 'content') void this.reload({ announce: false });
    });
  }

  /** Opens the catalog on valid official content; throws a ContentValidationError otherwise. */
  static open(options: CatalogOptions): RoadmapCatalog {
    const catalog = new RoadmapCatalog(options);
    let content = options.content;
    if (!content) {
      const loaded = options.snapshot
        ? loadContentWithSnapshot(options.contentDir, options.snapshot.dir, options.snapshot.codeVersion)
        : loadContent(options.contentDir);
      if (loaded.issues.length > 0) throw new ContentValidationError(loaded.issues);
      content = loaded.content;
    }
    catalog.official = new Map([...content.roadmaps.values()].map((r) => [r.id, officialEntry(r)]));
    return catalog;
  }

  /** The official roadmaps, in home page order. */
  officialEntries(): CatalogEntry[] {
    return inHomeOrder(this.official.values());
  }

  /**
   * The key of artefacts made from every roadmap together (home page, sitemap, search index):
   * it changes whenever any roadmap does.
   */
  listingKey(): VersionKey {
    return { id: '~listing', hash: String(this.listingVersion) };
  }

  /** A counter that changes whenever the official content does (pages that show other official roadmaps include it). */
  get officialGeneration(): number {
    return this.officialVersion;
  }

  /** An official roadmap, synchronously (for links between roadmaps while validating). */
  officialRoadmap(id: string): Roadmap | undefined {
    return this.official.get(id)?.roadmap;
  }

  /** An official roadmap's entry, synchronously: official roadmaps are public, so no viewer is needed (the hot path of cached pages). */
  officialEntry(id: string): CatalogEntry | undefined {
    return this.official.get(id);
  }

  /** The roadmap with this id as `viewer` may see it; undefined when it does not exist or is private to someone else. */
  async get(id: string, viewer: Viewer = GUEST): Promise<CatalogEntry | undefined> {
    const entry = this.official.get(id) ?? (await this.userRoadmap(id));
    return entry && canSee(entry, viewer) ? entry : undefined;
  }

  /** Every roadmap anyone may find: official ones in home page order, then public user roadmaps. */
  async listed(limit = 1000): Promise<CatalogEntry[]> {
    const users: CatalogEntry[] = [];
    for (const id of await this.users.listPublicIds(limit)) {
      const entry = await this.userRoadmap(id);
      if (entry && isListed(entry)) users.push(entry);
    }
    return [...this.officialEntries(), ...users];
  }

  /**
   * The roadmap at an earlier published version (user roadmaps keep every version). Official
   * roadmaps are known at their current version only.
   */
  async atVersion(id: string, version: number, viewer: Viewer = GUEST): Promise<CatalogEntry | undefined> {
    const current = await this.get(id, viewer);
    if (!current || current.version === version) return current;
    if (current.source === 'official') return undefined;
    const stored = await this.users.findVersion(id, version);
    if (!stored) return undefined;
    const roadmap = this.buildUserRoadmap(id, stored.files);
    return roadmap ? { ...current, roadmap, hash: roadmap.hash, version: stored.version } : undefined;
  }

  /** True when a user roadmap with this id was deleted: its pages answer 410, not 404. */
  wasDeleted(id: string): Promise<boolean> {
    return this.official.has(id) ? Promise.resolve(false) : this.users.wasDeleted(id);
  }

  /** Forgets a user roadmap here and on the other instances, after it was saved, hidden or deleted. */
  async roadmapChanged(id: string): Promise<void> {
    this.forgetLocally(id);
    await this.options.feed.publish({ topic: 'roadmap', roadmapId: id });
  }

  /** Listens for roadmaps that changed (after a reload, or a user roadmap's save). */
  onChange(listener: (changedIds: string[]) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Re-reads the content folder. It validates first: with any problem the old content keeps
   * serving and the problems are logged as `file:line: message`. With `announce` the other
   * instances are told to reload too.
   */
  async reload({ announce = true }: { announce?: boolean } = {}): Promise<ReloadResult> {
    const { content, issues } = loadContent(this.options.contentDir);
    if (issues.length > 0) {
      this.options.log.error(
        { problems: issues.map(formatIssue) },
        'content reload refused: the content has problems; the previous content keeps serving',
      );
      return { ok: false, issues, changed: [] };
    }
    const next = new Map([...content.roadmaps.values()].map((r) => [r.id, officialEntry(r)]));
    const ids = new Set([...this.official.keys(), ...next.keys()]);
    const changed = [...ids].filter((id) => this.official.get(id)?.hash !== next.get(id)?.hash).sort();
    this.official = next;
    for (const id of changed) this.derived.forgetRoadmap(id, next.get(id)?.hash ?? null);
    this.options.log.info({ changed }, changed.length > 0 ? 'content reloaded' : 'content reloaded: nothing changed');
    if (changed.length > 0) {
      this.officialVersion += 1;
      this.notify(changed);
    }
    if (announce) await this.options.feed.publish({ topic: 'content' });
    return { ok: true, issues: [], changed };
  }

  private forgetLocally(id: string): void {
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
    if (this.generations.size > MISSES_KEPT) this.generations.clear();
    this.userRoadmaps.delete(id);
    this.misses.delete(id);
    this.derived.forgetRoadmap(id);
    this.notify([id]);
  }

  private notify(changed: string[]): void {
    this.listingVersion += 1;
    for (const listener of this.listeners) listener(changed);
  }

  private async userRoadmap(id: string): Promise<CatalogEntry | null> {
    const hit = this.userRoadmaps.get(id);
    if (hit) return hit.entry;
    if (this.misses.has(id)) return null;
    for (let attempt = 0; ; attempt++) {
      const generation = this.generations.get(id) ?? 0;
      const found = await this.users.findPublished(id);
      const entry = found ? this.userEntry(found) : null;
      const changed = (this.generations.get(id) ?? 0) !== generation;
      // Changed while it was read (saved, hidden, deleted): read it again rather than keep or answer the old state.
      if (changed && attempt === 0) continue;
      if (changed) return entry;
      if (entry) this.userRoadmaps.set(id, { entry, bytes: found?.version?.files.length ?? 0 });
      else this.misses.set(id, true);
      return entry;
    }
  }

  private userEntry({ row, version }: PublishedRoadmap): CatalogEntry | null {
    if (!version) return null;
    const roadmap = this.buildUserRoadmap(row.id, version.files);
    if (!roadmap) return null;
    return {
      id: row.id,
      source: 'user',
      roadmap,
      hash: roadmap.hash,
      version: version.version,
      visibility: row.visibility as Visibility,
      ownerId: row.owner_id,
      forkedFrom:
        row.forked_from_id && row.forked_from_hash ? { id: row.forked_from_id, hash: row.forked_from_hash, version: row.forked_from_version } : null,
    };
  }

  /** A stored version, loaded with the structural rules; published versions passed them, so problems here mean damage. */
  private buildUserRoadmap(id: string, filesJson: string): Roadmap | null {
    let files: Record<string, string>;
    try {
      files = JSON.parse(filesJson) as Record<string, string>;
    } catch {
      this.options.log.error({ roadmapId: id }, 'stored user roadmap is not valid JSON');
      return null;
    }
    const { roadmap, issues } = loadRoadmap(id, new MemoryFiles(files), {
      rules: 'structural',
      base: id,
      path: `/r/${id}`,
      others: (other) => this.officialRoadmap(other),
    });
    if (!roadmap || issues.length > 0) {
      this.options.log.error({ roadmapId: id, problems: issues.map(formatIssue) }, 'stored user roadmap no longer validates');
      return null;
    }
    return roadmap;
  }
}
