/**
 * Bodies rendered once and served many times: kept with a gzip copy and an ETag so the hot
 * anonymous pages cost a map lookup, not a render and a compression per request.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CachedBody {
  raw: Buffer;
  gzip: Buffer;
  etag: string;
  contentType: string;
}

export function cacheBody(body: string, contentType: string): CachedBody {
  const raw = Buffer.from(body, 'utf8');
  return {
    raw,
    gzip: gzipSync(raw, { level: 9 }),
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"`,
    contentType,
  };
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

function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/.test(header) && !/\bgzip;\s*q=0(\.0*)?\b/.test(header);
}

/** Sends a cached body with revalidation (ETag / 304) and gzip when the client accepts it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: CachedBody, cacheControl = 'no-cache'): FastifyReply {
  reply
    .header('content-type', body.contentType)
    .header('etag', body.etag)
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding, Cookie');
  if (request.headers['if-none-match'] === body.etag) return reply.code(304).send();
  if (acceptsGzip(request)) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.raw);
}
