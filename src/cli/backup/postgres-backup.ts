/**
 * Online backup of PostgreSQL with pg_dump: it reads inside one repeatable-read snapshot, so the
 * archive is consistent while the server keeps writing.
 */
import { writeFileAtomically } from './atomic-file.js';
import { dumpVersionProblem, libpqConnection, runTool, serverMajorVersion, toolMajorVersion, type PgTools } from './pg-tools.js';

/** Writes a custom-format archive of the database at `connectionString` to `file`. */
export async function backupPostgres(connectionString: string, file: string, tools: PgTools): Promise<void> {
  const client = await toolMajorVersion(tools.pgDump);
  const server = await serverMajorVersion(connectionString);
  const problem = dumpVersionProblem(client, server);
  if (problem) throw new Error(problem);
  const { dbname, env } = libpqConnection(connectionString);
  await writeFileAtomically(file, async (temp) => {
    // Custom format is compressed and lets pg_restore clean and reorder; ownership and grants
    // are left out so the archive restores under whatever role the target installation uses.
    const result = await runTool(tools.pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${temp}`, `--dbname=${dbname}`], env);
    if (result.code !== 0) throw new Error(`pg_dump failed:\n${result.stderr.trim()}`);
  });
}
