/**
 * Running the PostgreSQL client tools (pg_dump, pg_restore): finding them, comparing their
 * version with the server's, and passing credentials without exposing them in `ps`.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';

export interface PgTools {
  pgDump: string;
  pgRestore: string;
}

export const DEFAULT_PG_TOOLS: PgTools = { pgDump: 'pg_dump', pgRestore: 'pg_restore' };

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

const INSTALL_HINT = 'Install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client).';

/** Runs `command` to completion; a missing program becomes a clear Error instead of ENOENT. */
export function runTool(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      // eslint-disable-next-line no-restricted-properties -- the tool needs this process's PATH, HOME and PG* settings; only PGPASSWORD is added.
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        const where = command.includes('/') ? `at ${command}` : 'in PATH';
        reject(new Error(`${command} was not found ${where}. ${INSTALL_HINT}`));
      } else {
        reject(new Error(`Cannot run ${command}: ${error.message}`));
      }
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** The major version a client tool reports, e.g. 15 for `pg_dump (PostgreSQL) 15.20`. */
export async function toolMajorVersion(command: string): Promise<number> {
  const result = await runTool(command, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout);
  if (result.code !== 0 || !match?.[1])
    throw new Error(`${command} --version did not report a PostgreSQL version: ${result.stdout || result.stderr}`);
  return Number(match[1]);
}

/** The server's major version, e.g. 16 for `server_version_num` 160004. */
export async function serverMajorVersion(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    const result = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(result.rows[0]?.server_version_num) / 10000);
  } catch (error) {
    throw new Error(`Cannot connect to PostgreSQL (${redactedUrl(connectionString)}): ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why `pg_dump` of major `client` cannot dump a server of major `server`, or null when it can. */
export function dumpVersionProblem(client: number, server: number): string | null {
  if (server <= client) return null;
  return `pg_dump ${client} cannot back up a PostgreSQL ${server} server (pg_dump must be at least as new as the server). Install the PostgreSQL ${server} client tools and put them first in PATH.`;
}

/** The URL without its password, for messages. */
export function redactedUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return 'invalid URL';
  }
}

/**
 * Splits the password out of the URL: libpq reads it from PGPASSWORD, so it never appears on a
 * command line that other users of the machine can see.
 */
export function libpqConnection(connectionString: string): { dbname: string; env: Record<string, string> } {
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.href, env: password ? { PGPASSWORD: password } : {} };
}
