/**
 * Reads the environment once, applies documented defaults and validates the result.
 * Nothing else in the code base reads `process.env`.
 */
import net from 'node:net';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { schemaProblems } from './validation/schema-problems.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: 'localhost' }),
  DATABASE_URL: Type.String({ minLength: 1, default: 'sqlite:./data/milepost.db' }),
  BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  CONTENT_DIR: Type.String({ minLength: 1, default: './content' }),
  CACHE_DIR: Type.String({ minLength: 1, default: './data/cache' }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info' }),
  TRUST_PROXY: Type.String({ default: 'false', maxLength: 2000 }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  REDIS_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:._-]*$', maxLength: 64, default: '' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Milepost <no-reply@localhost>' }),
  SESSION_IDLE_DAYS: Type.Number({ exclusiveMinimum: 0, maximum: 365, default: 30 }),
  SESSION_MAX_DAYS: Type.Number({ exclusiveMinimum: 0, maximum: 3650, default: 90 }),
  PROGRESS_WRITES_PER_MINUTE: Type.Integer({ minimum: 1, default: 300 }),
  PROGRESS_MERGES_PER_HOUR: Type.Integer({ minimum: 1, default: 30 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 24, maxLength: 256, pattern: '^[\\x21-\\x7e]+$' })),
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  CONTENT_EDIT_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]*\\{path\\}[^\\s]*$', maxLength: 500 })),
});

export type DatabaseConfig = { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

export interface Config {
  port: number;
  host: string;
  /** Public origin of the site, e.g. `https://roadmaps.example.org`, used for absolute links. */
  baseUrl: string;
  database: DatabaseConfig;
  contentDir: string;
  /** Where files made from roadmaps (PDFs, images) are kept between restarts. */
  cacheDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Which proxies in front may say who the client is (in X-Forwarded-For): none (false), the
   * nearest n hops, or the proxies at these addresses and CIDR ranges.
   */
  trustProxy: false | number | string[];
  /** Shared store for rate limits and pub/sub between instances; in-process when absent. */
  redisUrl: string | null;
  /** Put before every Redis key, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Outgoing mail server; without it mail goes to the outbox table and the log. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Per-user limits on progress changes: each one is logged, and the log feeds public profiles. */
  progressLimits: { writesPerMinute: number; mergesPerHour: number };
  /**
   * Prometheus metrics at /metrics: off unless a token is set (then asked for as a bearer token)
   * or a port of their own (then served there, to whoever can reach that port).
   */
  metrics: { token: string | null; port: number | null };
  /**
   * Where each official topic's file can be edited, with `{path}` for the file's path in the
   * content folder (e.g. `https://github.com/school/content/edit/main/{path}`); no link without it.
   */
  contentEditUrl: string | null;
  session: {
    /** A session unused for this long ends. */
    idleDays: number;
    /** A session ends this long after sign-in, however active. */
    maxDays: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses TRUST_PROXY: `false`, a hop count (`1` for one proxy in front), or a comma-separated list
 * of proxy addresses and CIDR ranges. `true` is refused: it would trust every hop, so a client
 * could choose its own address by writing the first X-Forwarded-For entry.
 */
export function parseTrustProxy(value: string): false | number | string[] {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    throw new ConfigError(
      'TRUST_PROXY=true would trust every X-Forwarded-For hop, letting clients pick their own address. Give the number of proxies in front (e.g. TRUST_PROXY=1) or their addresses (e.g. TRUST_PROXY=10.0.0.5,10.1.0.0/16).',
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY: ${hops} hops is more proxies than any deployment has; give 1 to 10 or the proxy addresses.`);
    return hops;
  }
  const entries = text.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const max = family === 6 ? 128 : 32;
    const badBits = bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > max);
    if (family === 0 || badBits || rest.length > 0) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.1.0.0/16).`);
    }
  }
  return entries;
}

/** Parses `sqlite:<path>` or `postgres://…` into a database config. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length);
    if (filename === '') throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/milepost.db');
    return { dialect: 'sqlite', filename: filename === ':memory:' ? filename : path.resolve(filename) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', connectionString: url };
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://');
}

/** Variables that hold secrets: an error names their length, never their value. */
const SECRETS = new Set(['METRICS_TOKEN', 'SMTP_URL']);

function shown(name: string, value: unknown): string {
  return SECRETS.has(name) ? `${String(value).length} characters` : JSON.stringify(value);
}

/**
 * Builds the config from an environment (defaults to `process.env`).
 * Throws a ConfigError naming every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, raw));
  const problems = schemaProblems(EnvSchema, converted);
  if (problems.length > 0) {
    const lines = problems.map(({ path: [name], message }) => `${name ?? 'environment'}: ${message} (got ${shown(String(name), raw[String(name)])})`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env2 = converted as Static<typeof EnvSchema>;
  const port = env2.PORT;
  return {
    port,
    host: env2.HOST,
    baseUrl: env2.BASE_URL ?? `http://localhost:${port}`,
    database: parseDatabaseUrl(env2.DATABASE_URL),
    contentDir: path.resolve(env2.CONTENT_DIR),
    cacheDir: path.resolve(env2.CACHE_DIR),
    logLevel: env2.LOG_LEVEL,
    trustProxy: parseTrustProxy(env2.TRUST_PROXY),
    redisUrl: env2.REDIS_URL ?? null,
    redisPrefix: env2.REDIS_PREFIX,
    smtpUrl: env2.SMTP_URL ?? null,
    mailFrom: env2.MAIL_FROM,
    session: { idleDays: env2.SESSION_IDLE_DAYS, maxDays: env2.SESSION_MAX_DAYS },
    metrics: { token: env2.METRICS_TOKEN ?? null, port: env2.METRICS_PORT ?? null },
    contentEditUrl: env2.CONTENT_EDIT_URL ?? null,
    progressLimits: { writesPerMinute: env2.PROGRESS_WRITES_PER_MINUTE, mergesPerHour: env2.PROGRESS_MERGES_PER_HOUR },
  };
}
