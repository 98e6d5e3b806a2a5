/**
 * `npm run bench`: throughput and p99 latency at 50 connections, each as a ratio to a bare
 * node:http server measured in the same run:
 * - the anonymous roadmap and topic pages (cached), and the roadmap page's weight;
 * - reading a learner's progress and writing one topic status, on SQLite and on PostgreSQL
 *   (a throwaway database, created and dropped here);
 * - kill -9 under write load, CRASH_ROUNDS rounds per dialect (default 10): acknowledged writes lost.
 * Targets (DESIGN.md): page ≥ 30 % of node:http, first load ≤ 150 KB gzip, JS ≤ 50 KB gzip;
 * progress read ≥ 30 % with p99 ≤ 10 ms; status write ≥ 10 % with p99 ≤ 25 ms; no write lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { buildClient } from '../scripts/build-client.js';
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from '../test/helpers/databases.js';
import { runCrashRounds } from '../test/helpers/crash-rounds.js';
import { CONNECTIONS, DURATION, WRK, load, startChild, type Result } from './load.js';
import { loadProgress } from './progress-load.js';

const CRASH_ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);

async function pageWeight(base: string) {
  const response = await fetch(`${base}/backend`, { headers: { 'accept-encoding': 'identity' } });
  const html = await response.text();
  const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  const sizes: { html: number; css?: number; js?: number } = { html: gzipSync(html, { level: 9 }).length };
  for (const asset of assets) {
    const body = Buffer.from(await (await fetch(`${base}${asset}`)).arrayBuffer());
    sizes[asset.endsWith('.js') ? 'js' : 'css'] = gzipSync(body, { level: 9 }).length;
  }
  return { ...sizes, total: sizes.html + (sizes.css ?? 0) + (sizes.js ?? 0) };
}

/** A throwaway PostgreSQL database, or null (with the reason printed) when no server answers. */
async function postgresOrNull(): Promise<TestDatabase | null> {
  try {
    return await createPostgresDatabase();
  } catch (error) {
    console.error(`PostgreSQL is not available, its rows are skipped: ${(error as Error).message}`);
    return null;
  }
}

/** Waits until requests the load left queued are answered, so shutdown does not cut them off. */
async function drained(base: string): Promise<void> {
  await fetch(`${base}/readyz`).catch(() => undefined);
}

/** Starts an app server on `db`, runs the progress loads, stops the server and drops the database. */
async function progressOn(db: TestDatabase): Promise<Result[]> {
  const app = await startChild('./app-server.ts', { DATABASE_URL: db.url });
  try {
    const results = await loadProgress(`http://127.0.0.1:${app.port}`, db.name);
    await drained(`http://127.0.0.1:${app.port}`);
    return results;
  } finally {
    app.child.kill('SIGTERM');
    await new Promise((resolve) => app.child.once('exit', resolve));
    await db.drop();
  }
}

async function crashOn(db: TestDatabase | null) {
  if (!db) return null;
  try {
    const result = await runCrashRounds({ databaseUrl: db.url, rounds: CRASH_ROUNDS });
    return { dialect: db.name, ...result, lost: result.lostStatus.length + result.lostActivity.length };
  } finally {
    await db.drop();
  }
}

function verdict(r: Result | undefined, baseline: Result, minRatio: number, maxP99: number): string {
  if (!r) return 'not measured';
  const ratio = r.requestsPerSecond / baseline.requestsPerSecond;
  const met = ratio >= minRatio && r.p99Ms <= maxP99 && r.errors + r.non2xx === 0;
  return `${met ? 'met' : 'MISSED'} (${(ratio * 100).toFixed(1)} %, p99 ${r.p99Ms} ms)`;
}

async function main(): Promise<void> {
  await buildClient();
  const hello = await startChild('./hello-server.ts');
  const sqlite = await createSqliteDatabase();
  const app = await startChild('./app-server.ts', { DATABASE_URL: sqlite.url });
  // What a browser sends; the cached page answers with brotli.
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  // Other work on the machine skews every number, tails most: the load average is printed with them.
  const loadBefore = os.loadavg()[0] ?? 0;
  try {
    const baseline = await load('node:http hello world', `http://127.0.0.1:${hello.port}/`);
    const results = [
      baseline,
      await load('GET /backend (anonymous, cached, br)', `http://127.0.0.1:${app.port}/backend`, gzip),
      await load('GET /backend/http (anonymous, cached, br)', `http://127.0.0.1:${app.port}/backend/http`, gzip),
    ];
    const weight = await pageWeight(`http://127.0.0.1:${app.port}`);
    results.push(...(await loadProgress(`http://127.0.0.1:${app.port}`, 'sqlite')));
    await drained(`http://127.0.0.1:${app.port}`);
    const postgres = await postgresOrNull();
    if (postgres) results.push(...(await progressOn(postgres)));
    const loadAfter = os.loadavg()[0] ?? 0;
    const crashes = [await crashOn(await createSqliteDatabase()), await crashOn(await postgresOrNull())].filter((c) => c !== null);

    console.log(`\nMilepost benchmark: ${CONNECTIONS} connections, ${DURATION}s per run, load from ${WRK ? 'wrk' : 'autocannon'}`);
    console.log(`${os.cpus().length} cores; 1-minute load average ${loadBefore.toFixed(1)} before the runs, ${loadAfter.toFixed(1)} after\n`);
    console.log('| run | req/s | p99 ms | ratio to node:http | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const ratio = `${((r.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(1)} %`;
      console.log(`| ${r.name} | ${r.requestsPerSecond} | ${r.p99Ms} | ${ratio} | ${r.errors + r.non2xx} |`);
    }
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `\nPage weight of /backend (gzip): HTML ${kb(weight.html ?? 0)}, CSS ${kb(weight.css ?? 0)}, JS ${kb(weight.js ?? 0)}, total ${kb(weight.total)}`,
    );
    console.log(`Targets: total ≤ 150 KB, JS ≤ 50 KB, cached page ≥ 30 % of node:http.`);
    for (const dialect of ['sqlite', 'postgres']) {
      const read = results.find((r) => r.name.startsWith('GET /api/v1/me/progress') && r.name.includes(dialect));
      const write = results.find((r) => r.name.startsWith('PUT /api/v1/me/progress') && r.name.includes(dialect));
      console.log(
        `Progress on ${dialect}: read ≥ 30 % with p99 ≤ 10 ms: ${verdict(read, baseline, 0.3, 10)}; write ≥ 10 % with p99 ≤ 25 ms: ${verdict(write, baseline, 0.1, 25)}`,
      );
    }
    console.log('');
    for (const c of crashes) {
      console.log(`kill -9 under write load on ${c.dialect}, ${c.rounds} rounds: acknowledged writes lost: ${c.lost} of ${c.acknowledged}`);
    }
    fs.mkdirSync('reports', { recursive: true });
    fs.writeFileSync(
      'reports/bench.json',
      JSON.stringify({ date: new Date().toISOString(), connections: CONNECTIONS, duration: DURATION, results, weight, crashes }, null, 2),
    );
  } finally {
    hello.child.kill('SIGTERM');
    app.child.kill('SIGTERM');
    await sqlite.drop();
  }
}

await main();
