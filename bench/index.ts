/**
 * `npm run bench`: throughput and p99 latency at 50 connections for the anonymous roadmap and
 * topic pages, each as a ratio to a bare node:http server measured in the same run, plus the
 * roadmap page's weight. Servers run in child processes. The load comes from wrk (Debian
 * package `wrk`) when installed, since a JavaScript client saturates before the server on
 * large pages; otherwise from autocannon in this process.
 * Targets (DESIGN.md): page ≥ 30 % of node:http, first load ≤ 150 KB gzip, JS ≤ 50 KB gzip.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { buildClient } from '../scripts/build-client.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;

interface Result {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function startChild(script: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL(script, import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => fs.existsSync(p));

function loadWithWrk(wrk: string, name: string, url: string, headers: Record<string, string>): Result {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  execFileSync(wrk, ['-t1', '-c10', '-d1s', ...headerArgs, url]);
  const out = execFileSync(wrk, ['-t1', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', ...headerArgs, url]).toString();
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const p99Ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
  const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors:.*?(\d+)/.exec(out)?.[1] ?? 0);
  return { name, requestsPerSecond: Math.round(rps), p99Ms: Math.round(p99Ms * 100) / 100, errors, non2xx: 0 };
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  if (WRK) return loadWithWrk(WRK, name, url, headers);
  await autocannon({ url, connections: 10, duration: 1, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return { name, requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

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

async function main(): Promise<void> {
  await buildClient();
  const hello = await startChild('./hello-server.ts');
  const app = await startChild('./app-server.ts');
  // What a browser sends; the cached page answers with brotli.
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  try {
    const baseline = await load('node:http hello world', `http://127.0.0.1:${hello.port}/`);
    const results = [
      baseline,
      await load('GET /backend (anonymous, cached, br)', `http://127.0.0.1:${app.port}/backend`, gzip),
      await load('GET /backend/http (anonymous, cached, br)', `http://127.0.0.1:${app.port}/backend/http`, gzip),
    ];
    const weight = await pageWeight(`http://127.0.0.1:${app.port}`);
    console.log(`\nMilepost benchmark: ${CONNECTIONS} connections, ${DURATION}s per run, load from ${WRK ? 'wrk' : 'autocannon'}\n`);
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
    fs.mkdirSync('reports', { recursive: true });
    fs.writeFileSync(
      'reports/bench.json',
      JSON.stringify({ date: new Date().toISOString(), connections: CONNECTIONS, duration: DURATION, results, weight }, null, 2),
    );
  } finally {
    hello.child.kill('SIGTERM');
    app.child.kill('SIGTERM');
  }
}

await main();
