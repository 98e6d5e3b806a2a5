/**
 * Load generation for the benchmark: wrk (Debian package `wrk`) when installed, since a
 * JavaScript client saturates before the server on large pages; otherwise autocannon in this
 * process. Servers under test run as child processes.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const CONNECTIONS = 50;
export const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => fs.existsSync(p));

export interface Result {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Requests that differ one from the next: wrk runs `wrkScript` (Lua); autocannon calls `next`. */
export interface VaryingRequests {
  wrkScript: string;
  next: () => { method: 'GET' | 'PUT' | 'POST'; path: string; body?: string };
}

export async function startChild(script: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(new URL(script, import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

const run = promisify(execFile);

/**
 * wrk runs as a child process while this process's event loop stays free: fetch's pooled
 * keep-alive connections must see the server close them while idle, or the next request after a
 * run would be sent on a connection that is already gone.
 */
async function loadWithWrk(wrk: string, name: string, url: string, headers: Record<string, string>, varying?: VaryingRequests): Promise<Result> {
  const args = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  let scriptDir: string | undefined;
  if (varying) {
    scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-wrk-'));
    const script = path.join(scriptDir, 'requests.lua');
    fs.writeFileSync(script, varying.wrkScript);
    args.push('-s', script);
  }
  try {
    await run(wrk, ['-t1', '-c10', '-d1s', ...args, url]);
    const out = (await run(wrk, ['-t1', `-c${CONNECTIONS}`, `-d${DURATION}s`, '--latency', ...args, url])).stdout;
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
    const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
    const p99Ms = p99 ? Number(p99[1]) * (p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1) : NaN;
    const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors:.*?(\d+)/.exec(out)?.[1] ?? 0);
    return { name, requestsPerSecond: Math.round(rps), p99Ms: Math.round(p99Ms * 100) / 100, errors, non2xx: 0 };
  } finally {
    if (scriptDir) fs.rmSync(scriptDir, { recursive: true, force: true });
  }
}

/** Measures `url` at CONNECTIONS connections for DURATION seconds, after a one-second warm-up. */
export async function load(name: string, url: string, headers: Record<string, string> = {}, varying?: VaryingRequests): Promise<Result> {
  if (WRK) return loadWithWrk(WRK, name, url, headers, varying);
  const requests = varying ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...varying.next() }) }] : undefined;
  await autocannon({ url, connections: 10, duration: 1, headers, requests });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, requests });
  return { name, requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}
