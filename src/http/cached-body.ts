/**
 * Bodies rendered once and served many times: kept with a gzip copy and an ETag so the hot
 * anonymous pages cost a map lookup, not a render and a compression per request.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants as zlib, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FrontCache } from './front-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers to anonymous requests for public cached bodies, served before routing (http/front-cache.ts). */
    frontCache?: FrontCache;
  }
}

export interface CachedBody {
  raw: Buffer;
  /** Compressed copies; absent for bodies too small to gain from compression. */
  gzip?: Buffer;
  brotli?: Buffer;
  etag: string;
  contentType: string;
}

/** Bodies up to this size go out as they are: compressing them saves too little. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Prepares a body to be sent many times. Pages and documents that change only with the content
 * get the smallest encoding (`fast: false`); per-user answers that change with every write get a
 * cheap one (`fast: true`), made once per change.
 */
export function cacheBody(body: string, contentType: string, options: { fast?: boolean } = {}): CachedBody {
  const raw = Buffer.from(body, 'utf8');
  const cached: CachedBody = { raw, etag: etagOf(raw), contentType };
  if (raw.length <= COMPRESS_MIN_BYTES) return cached;
  const settings = compression(raw, options.fast ? 'fast' : 'smallest');
  cached.gzip = gzipSync(raw, settings.gzip);
  cached.brotli = brotliCompressSync(raw, settings.brotli);
  return cached;
}

const gzipAsync = promisify(gzip);
const LARGE_CHUNK = 1024 * 1024;
const brotliAsync = promisify(brotliCompress);

/**
 * A body of megabytes that changes often (a cohort's matrix), compressed with the quickest
 * settings that still shrink JSON some fifteen times, on the thread pool (both codings at once)
 * so that it does not hold up everyone else's requests.
 */
export async function cacheLargeBody(body: string, contentType: string): Promise<CachedBody> {
  const raw = Buffer.from(body, 'utf8');
  const cached: CachedBody = { raw, etag: etagOf(raw), contentType };
  if (raw.length <= COMPRESS_MIN_BYTES) return cached;
  const settings = compression(raw, 'large');
  // In large chunks: each chunk is a trip to the thread pool and back.
  const chunkSize = Math.min(raw.length, LARGE_CHUNK);
  [cached.gzip, cached.brotli] = await Promise.all([
    gzipAsync(raw, { ...settings.gzip, chunkSize }),
    brotliAsync(raw, { ...settings.brotli, chunkSize }),
  ]);
  return cached;
}

/** Brotli quality and gzip level: 11 and 9 for bodies made once, 4 and 6 per change, 1 and 2 per change of megabytes. */
const EFFORT = { smallest: [11, 9], fast: [4, 6], large: [1, 2] } as const;

function compression(raw: Buffer, effort: keyof typeof EFFORT): { gzip: ZlibOptions; brotli: BrotliOptions } {
  const [quality, level] = EFFORT[effort];
  return {
    gzip: { level },
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } },
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

/** What an Accept-Encoding header allows; the same few headers arrive again and again, so answers are remembered. */
const acceptedCodings = new Map<string, { br: boolean; gzip: boolean }>();

function codingsOf(request: FastifyRequest): { br: boolean; gzip: boolean } {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return { br: false, gzip: false };
  let known = acceptedCodings.get(header);
  if (!known) {
    const allows = (coding: string) => {
      const entry = header.split(',').find((part) => part.trim().split(';')[0]?.trim() === coding);
      return entry !== undefined && !/;\s*q=0(\.0+)?\s*$/.test(entry);
    };
    known = { br: allows('br'), gzip: allows('gzip') };
    if (acceptedCodings.size >= 100) acceptedCodings.clear();
    acceptedCodings.set(header, known);
  }
  return known;
}

/** Answers 304 Not Modified, with no body at all (not even a serialised null). */
export function notModified(reply: FastifyReply): FastifyReply {
  return reply.code(304).send();
}

/**
 * Sends a cached body with revalidation (ETag / 304), compressed with brotli or gzip when the
 * client accepts it. The bytes are written straight to the socket with the headers the request's
 * hooks set (security headers among them): nothing is left for Fastify to serialise or encode.
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: CachedBody,
  cacheControl = 'no-cache',
  /** False for public answers that change without a roadmap change (profiles): the front cache would keep them too long. */
  { shareable = true }: { shareable?: boolean } = {},
): FastifyReply {
  reply
    .header('content-type', body.contentType)
    .header('etag', body.etag)
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding, Cookie');
  if (request.headers['if-none-match'] === body.etag) return notModified(reply);
  const codings = codingsOf(request);
  let bytes = body.raw;
  if (body.brotli && codings.br) {
    bytes = body.brotli;
    reply.header('content-encoding', 'br');
  } else if (body.gzip && codings.gzip) {
    bytes = body.gzip;
    reply.header('content-encoding', 'gzip');
  }
  reply.header('content-length', bytes.length);
  const headers = reply.getHeaders() as OutgoingHttpHeaders;
  reply.hijack();
  reply.raw.writeHead(reply.statusCode, headers);
  reply.raw.end(request.method === 'HEAD' ? undefined : bytes);
  // A public answer to a request without credentials is the same for anyone who asks the same way.
  if (shareable && request.routeOptions.config.access === 'public') request.server.frontCache?.store(request.raw, reply.statusCode, headers, bytes);
  return reply;
}

/**
 * Sends an answer made from one roadmap. Official roadmaps change only with a deploy, so they get
 * `officialCacheControl`; a user roadmap may turn private or be deleted at any moment, so its
 * answers are revalidated every time, and only public ones are shared (front cache) or indexed.
 */
export function sendRoadmapAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  roadmap: { source: 'official' | 'user'; visibility: 'public' | 'unlisted' | 'private' },
  body: CachedBody,
  officialCacheControl = 'no-cache',
): FastifyReply {
  if (roadmap.source === 'official') return sendCached(request, reply, body, officialCacheControl);
  if (roadmap.visibility !== 'public') reply.header('x-robots-tag', 'noindex');
  return sendCached(request, reply, body, roadmap.visibility === 'private' ? 'private, no-cache' : 'no-cache', {
    shareable: roadmap.visibility === 'public',
  });
}
