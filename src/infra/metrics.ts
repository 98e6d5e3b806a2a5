/**
 * Prometheus metrics (prom-client), one registry per app instance. Off unless the operator turns
 * them on (METRICS_TOKEN or METRICS_PORT); when off, nothing here is made and no request pays
 * for it. Labels are only ever route templates, methods, status codes, statement kinds and the
 * names of our own caches and queues: never a URL, a user, an address or a token.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The parts of the app the metrics read when scraped. */
export interface MetricSources {
  /** Hits and misses of each in-memory cache, since start. */
  caches: () => { name: string; hits: number; misses: number }[];
  /** Mail waiting in the outbox, and mail that failed for good. */
  mail: () => Promise<{ pending: number; failed: number }>;
  /** PostgreSQL pool connections (null on SQLite, which has one connection). */
  pool: () => { total: number; idle: number; waiting: number } | null;
}

/** Seconds: from a fast cached answer to a slow export. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly queries: Histogram<'kind'>;
  private readonly batches: Histogram<'writer'>;
  private streams: () => number = () => 0;

  constructor(dialect: 'sqlite' | 'postgres') {
    this.registry.setDefaultLabels({ dialect });
    collectDefaultMetrics({ register: this.registry, prefix: 'milepost_' });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'milepost_http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'milepost_http_request_duration_seconds',
      help: 'Time from a request’s arrival to the last byte of its answer',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.queries = new Histogram({
      name: 'milepost_db_query_duration_seconds',
      help: 'Database statements, by kind (select, insert, update, delete, other)',
      labelNames: ['kind'],
      buckets: QUERY_BUCKETS,
      registers,
    });
    this.batches = new Histogram({
      name: 'milepost_group_commit_batch_size',
      help: 'Items committed together by a group commit (status writes, recorded answers)',
      labelNames: ['writer'],
      buckets: BATCH_BUCKETS,
      registers,
    });
    const streams = () => this.streams();
    new Gauge({
      name: 'milepost_sse_streams_open',
      help: 'Server-sent event streams (live team dashboards) open on this instance',
      registers,
      collect() {
        this.set(streams());
      },
    });
  }

  /** Reads the app's caches, mail queue and pool when scraped. */
  watch(sources: MetricSources): void {
    const registers = [this.registry];
    new Counter({
      name: 'milepost_cache_requests_total',
      help: 'Reads of the in-memory caches, by cache and whether they found what they looked for',
      labelNames: ['cache', 'result'],
      registers,
      collect() {
        this.reset();
        for (const cache of sources.caches()) {
          this.inc({ cache: cache.name, result: 'hit' }, cache.hits);
          this.inc({ cache: cache.name, result: 'miss' }, cache.misses);
        }
      },
    });
    new Gauge({
      name: 'milepost_mail_queue',
      help: 'Mail in the outbox: pending (waiting or retrying) and failed (given up)',
      labelNames: ['state'],
      registers,
      async collect() {
        const depth = await sources.mail().catch(() => null);
        if (!depth) return;
        this.set({ state: 'pending' }, depth.pending);
        this.set({ state: 'failed' }, depth.failed);
      },
    });
    new Gauge({
      name: 'milepost_db_pool_connections',
      help: 'PostgreSQL pool connections: total open, idle, and queries waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  /** Counts the open streams through `count` when scraped. */
  watchStreams(count: () => number): void {
    this.streams = count;
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  /** A statement of this kind (select, insert, update, delete, other) took `seconds`. */
  query(kind: string, seconds: number): void {
    this.queries.observe({ kind }, seconds);
  }

  /** An observer of one group commit's batch sizes. */
  batchesOf(writer: string): (size: number) => void {
    return (size) => this.batches.observe({ writer }, size);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Kysely's node kinds of the four statements; anything else (raw SQL, DDL) is `other`. */
const KINDS: Record<string, string> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
};

export function statementKind(nodeKind: string): string {
  return KINDS[nodeKind] ?? 'other';
}
