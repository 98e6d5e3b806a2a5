/**
 * A separate process that keeps writing, like a running server: each transaction adds one
 * `outbox` row and one `activity` row numbered n, so a consistent snapshot holds equal,
 * gap-free sequences in both tables. Prints "ready" after its first commit; stops when stdin closes.
 * Run: node --import tsx write-loop.ts '<DatabaseConfig as JSON>' <user id>
 */
import type { DatabaseConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/db/database.js';

const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const userId = process.argv[3] ?? '';
const db = openDatabase(config);
let stop = false;
process.stdin.on('end', () => (stop = true)).resume();

let n = 0;
while (!stop) {
  const now = new Date().toISOString();
  const id = `w-${String(n).padStart(8, '0')}`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('outbox')
      .values({ id, to_address: 'load@example.org', subject: `write ${n}`, body_text: 'x'.repeat(200), created_at: now })
      .execute();
    await trx
      .insertInto('activity')
      .values({ id, user_id: userId, roadmap_id: 'backend', topic_id: 'http', status: 'done', occurred_at: now })
      .execute();
  });
  n += 1;
  if (n === 1) process.stdout.write('ready\n');
  // better-sqlite3 answers synchronously, so without this the loop would never let stdin's 'end' in.
  await new Promise((resolve) => setImmediate(resolve));
}
await db.destroy();
process.stdout.write(`wrote ${n}\n`);
