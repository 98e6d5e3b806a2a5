import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, POSTGRES_ADMIN_URL, type TestDatabase } from '../../test/helpers/databases.js';
import { preparingPool } from './postgres-pool.js';

// Only PostgreSQL has pooled connections that the server can end under a checked-out client.
describe('the PostgreSQL pool', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createPostgresDatabase();
  });
  afterAll(async () => testDb?.drop());

  it('survives a connection that dies while checked out, and does not reuse it', async () => {
    const raw = new pg.Pool({ connectionString: testDb.url, max: 2 });
    raw.on('error', () => undefined);
    const pool = preparingPool(raw);
    const connection = await pool.connect();
    const { rows } = await connection.query<{ pid: number }>('select pg_backend_pid() as pid', []);
    const pid = rows[0]!.pid;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      // Ended by the server with no query running: pg emits 'error' on the client itself.
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(connection.query('select 1', [])).rejects.toThrow();
      connection.release();
      const next = await pool.connect();
      const again = await next.query<{ pid: number }>('select pg_backend_pid() as pid', []);
      expect(again.rows[0]!.pid).not.toBe(pid);
      next.release();
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
