// Milepost as it runs in production, for the benchmark: on DATABASE_URL when given (the bench
// passes a throwaway database), else on a throwaway SQLite file removed at exit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const dir = process.env.DATABASE_URL ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-bench-'));
const databaseUrl = dir ? `sqlite:${path.join(dir, 'bench.db')}` : (process.env.DATABASE_URL ?? '');
const app = await buildApp(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address && typeof address === 'object') process.send?.({ port: address.port });
process.on('SIGTERM', () => {
  void app.close().then(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});
