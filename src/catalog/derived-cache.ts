/**
 * Everything made from a roadmap version (its layout, page bodies, JSON documents, later PDFs and
 * images), cached under (roadmap id, content hash, kind). A new version has a new hash, so it is
 * never served stale; an unchanged one stays cached. Bounded by an estimate of bytes held.
 */
import { LRUCache } from 'lru-cache';

/** Roughly what the artefacts of a few dozen large roadmaps take. */
const MAX_BYTES = 256 * 1024 * 1024;
/** What an artefact counts for when its size is not known (a layout, a small document). */
const DEFAULT_BYTES = 16 * 1024;

export interface VersionKey {
  id: string;
  hash: string;
}

export class DerivedCache {
  private readonly values = new LRUCache<string, { value: unknown }>({
    maxSize: MAX_BYTES,
    sizeCalculation: (entry) => sizeOf(entry.value),
  });

  /** The artefact `kind` of this version, built once by `build`. */
  get<T>(version: VersionKey, kind: string, build: () => T): T {
    const key = `${version.id}@${version.hash}/${kind}`;
    const hit = this.values.get(key);
    if (hit) return hit.value as T;
    const value = build();
    this.values.set(key, { value });
    return value;
  }

  /** Drops every artefact of a roadmap's versions other than `keepHash` (all of them when null). */
  forgetRoadmap(id: string, keepHash: string | null = null): void {
    const prefix = `${id}@`;
    for (const key of [...this.values.keys()]) {
      if (key.startsWith(prefix) && (keepHash === null || !key.startsWith(`${prefix}${keepHash}/`))) this.values.delete(key);
    }
  }

  get size(): number {
    return this.values.size;
  }
}

function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length * 2 || 1;
  if (Buffer.isBuffer(value)) return value.length || 1;
  if (value && typeof value === 'object' && 'raw' in value && Buffer.isBuffer((value as { raw: unknown }).raw)) {
    const body = value as { raw: Buffer; gzip?: Buffer; brotli?: Buffer };
    return body.raw.length + (body.gzip?.length ?? 0) + (body.brotli?.length ?? 0) || 1;
  }
  return DEFAULT_BYTES;
}
