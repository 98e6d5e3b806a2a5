/** What the catalog answers about one roadmap: its content at one version, and who may see it. */
import type { Roadmap } from '../content/roadmap-model.js';

export const VISIBILITIES = ['private', 'unlisted', 'public'] as const;
/** private: the owner only; unlisted: anyone with the link, never listed or indexed; public: listed and searchable. */
export type Visibility = (typeof VISIBILITIES)[number];

export interface CatalogEntry {
  id: string;
  /** Official roadmaps come from the content folder; user roadmaps from the database. */
  source: 'official' | 'user';
  roadmap: Roadmap;
  /** The content hash of this version (the same as `roadmap.hash`). */
  hash: string;
  /** Official: the front matter's `version`; user roadmaps: the published version number. */
  version: number;
  visibility: Visibility;
  /** The user who owns a user roadmap; null for official ones. */
  ownerId: string | null;
  /** Where a fork came from: the source roadmap, and the hash and version it was forked at. */
  forkedFrom: { id: string; hash: string; version: number | null } | null;
}

/** Who is asking: a signed-in user's id, or null for a guest. */
export interface Viewer {
  userId: string | null;
}

export const GUEST: Viewer = { userId: null };

/** True when `viewer` may read the roadmap (pages, JSON, API, progress). */
export function canSee(entry: Pick<CatalogEntry, 'visibility' | 'ownerId'>, viewer: Viewer): boolean {
  return entry.visibility !== 'private' || (viewer.userId !== null && viewer.userId === entry.ownerId);
}

/** True when the roadmap may appear in listings, search results and the sitemap. */
export function isListed(entry: Pick<CatalogEntry, 'visibility'>): boolean {
  return entry.visibility === 'public';
}

/** The path of a roadmap's page: official roadmaps at `/<id>`, user roadmaps at `/r/<id>`. */
export function roadmapPath(entry: Pick<CatalogEntry, 'roadmap'>): string {
  return entry.roadmap.path;
}
