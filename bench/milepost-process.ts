/**
 * Milepost for the benchmark, started exactly as `npm start` starts it (`node scripts/start.js`,
 * the built server, the default log level), on a free port and the given database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../test/helpers/server-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface MilepostProcess {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawning to accepting connections. */
  startMs: number;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export async function startMilepost(databaseUrl: string, env: Record<string, string> = {}): Promise<MilepostProcess> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`milepost exited with ${child.exitCode}`);
    if (await accepts(port)) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startMs = Date.now() - started;
  return {
    child,
    port,
    startMs,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
