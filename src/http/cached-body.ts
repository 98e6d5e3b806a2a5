/**
 * Bodies rendered once and served many times: kept with a gzip copy and an ETag so the hot
 * anonymous pages cost a map lookup, not a render and a compression per request.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedBody {
  raw: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
  contentType: string;
}

export function cacheBody(body: string, contentType: string): CachedBody {
  const raw = Buffer.from(body, 'utf8');
  return {
    raw,
    gzip: gzipSync(raw, { level: 9 }),
    brotli: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
    etag: etagOf(raw),
    contentType,
  };
}

/** A strong ETag naming these exact bytes. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** A bounded map of cached bodies; the oldest entry goes first when it is full. */
export class BodyCache {
  private readonly entries = new Map<string, CachedBody>();

  constructor(private readonly maxEntries = 2000) {}

  get(key: string, render: () => CachedBody): CachedBody {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const body = render();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, body);
    return body;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** True when Accept-Encoding lists the coding without refusing it (`;q=0`). */
function accepts(request: FastifyRequest, coding: 'br' | 'gzip'): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  const entry = header.split(',').find((part) => part.trim().split(';')[0]?.trim() === coding);
  return entry !== undefined && !/;\s*q=0(\.0+)?\s*$/.test(entry);
}

/** Sends a cached body with revalidation (ETag / 304), compressed with brotli or gzip when the client accepts it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: CachedBody, cacheControl = 'no-cache'): FastifyReply {
  reply
    .header('content-type', body.contentType)
    .header('etag', body.etag)
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding, Cookie');
  if (request.headers['if-none-match'] === body.etag) return reply.code(304).send();
  if (accepts(request, 'br')) return reply.header('content-encoding', 'br').send(body.brotli);
  if (accepts(request, 'gzip')) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.raw);
}
