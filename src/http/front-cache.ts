/**
 * The fastest path for the busiest answers: public pages and documents asked for without a cookie
 * or credentials (first visits, crawlers, shared links). The first such answer goes through
 * Fastify as usual; its status, headers and bytes are then kept here, and the same request is
 * answered from here before routing. Anything personal never gets in: only responses to requests
 * without a Cookie or Authorization header, from routes whose access is public and whose
 * Cache-Control is not private. Every roadmap change empties it.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';

interface FrontEntry {
  status: number;
  headers: OutgoingHttpHeaders;
  etag: string | undefined;
  body: Buffer;
}

export class FrontCache {
  // Every change clears it; the time limit is a safety net for an answer stored while a change landed.
  private readonly entries = new LRUCache<string, FrontEntry>({ max: 1000, ttl: 5 * 60_000 });

  private static keyOf(url: string, acceptEncoding: string | string[] | undefined): string {
    return `${url}\n${typeof acceptEncoding === 'string' ? acceptEncoding : ''}`;
  }

  /** True for requests whose answer can be shared with anyone sending the same request. */
  static isAnonymous(headers: IncomingMessage['headers']): boolean {
    return headers.cookie === undefined && headers.authorization === undefined;
  }

  /** Answers the request from the cache when it can; false when Fastify must. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url || !FrontCache.isAnonymous(req.headers)) return false;
    const entry = this.entries.get(FrontCache.keyOf(req.url, req.headers['accept-encoding']));
    if (!entry) return false;
    if (entry.etag !== undefined && req.headers['if-none-match'] === entry.etag) {
      const { 'content-length': _length, 'content-encoding': _encoding, ...headers } = entry.headers;
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(entry.status, entry.headers);
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }

  /** Keeps an answer that was just given, for the same request by anyone else. */
  store(req: IncomingMessage, status: number, headers: OutgoingHttpHeaders, body: Buffer): void {
    if (req.method !== 'GET' || !req.url || !FrontCache.isAnonymous(req.headers) || status !== 200) return;
    const cacheControl = String(headers['cache-control'] ?? '');
    if (/private|no-store/.test(cacheControl) || headers['set-cookie'] !== undefined) return;
    this.entries.set(FrontCache.keyOf(req.url, req.headers['accept-encoding']), {
      status,
      headers: { ...headers },
      etag: headers.etag as string | undefined,
      body,
    });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
