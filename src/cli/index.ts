/**
 * The `milepost` command: dispatches to the commands in `commands/`.
 * Usage: milepost <command> [options]; `milepost help` lists commands.
 */
import { loadConfig } from '../config.js';
import { processIo, type CliIo, type CommandContext } from './command-context.js';
import { backupCommand } from './commands/backup.js';
import { contentReloadCommand } from './commands/content-reload.js';
import { importCommand } from './commands/import.js';
import { exportCommand } from './commands/export.js';
import { migrateCommand } from './commands/migrate.js';
import { restoreCommand } from './commands/restore.js';
import { userCreateCommand } from './commands/user-create.js';
import { linkCheckUserAgent, linksCheckCommand } from './commands/links-check.js';
import { validateCommand } from './commands/validate.js';

const HELP = `Usage: milepost <command>

Commands:
  serve                      start the web server (same as npm start)
  migrate                    apply pending database migrations
  validate [dir]             check content files (default: CONTENT_DIR or ./content)
  links check [--roadmap <id>] [--timeout <ms>] [--concurrency <n>] [--slow <ms>]
                             request every outside link of the content; reports broken links,
                             redirects and slow answers, and exits 1 when a link is broken
  import <file.json | folder> [--id <id>] [--force]  add a roadmap (roadmap.sh editor JSON, or a Milepost folder)
  content reload             check the content, then make the running server(s) re-read it
                             without a restart (the same as sending the server SIGHUP)
  user create --email <e> [--name <n>] [--admin] [--password-stdin]
                             create a user with a verified email; without --password-stdin
                             a strong password is generated and printed once
  export <id> <file> [--force]
                             write a roadmap (official or a user's) as a .tar.gz of content files
  backup <file> [--force]    write a consistent backup of the live database (safe while serving)
  restore <file> [--force]   replace the database with a backup, then migrate it
                             (stop the server first; --force replaces existing data)
  help                       show this help

Configuration comes from environment variables; see the README.`;

type Environment = Record<string, string | undefined>;

async function dispatch(command: string | undefined, args: string[], io: CliIo, env: Environment | undefined): Promise<number> {
  const context = (): CommandContext => ({ config: loadConfig(env), io });
  switch (command) {
    case 'serve': {
      const { startServer } = await import('../server.js');
      await startServer();
      return 0;
    }
    case 'migrate':
      return migrateCommand(args, context());
    case 'validate':
      return validateCommand(args[0] ?? loadConfig(env).contentDir, io);
    case 'links': {
      const [sub, ...rest] = args;
      if (sub === 'check') {
        const config = loadConfig(env);
        return linksCheckCommand(config.contentDir, rest, io, { userAgent: linkCheckUserAgent(config.baseUrl) });
      }
      io.err(`Unknown links command "${sub ?? ''}". Did you mean "milepost links check"?`);
      return 1;
    }
    case 'import':
      return importCommand(args, loadConfig(env).contentDir, io);
    case 'content': {
      const [sub] = args;
      if (sub === 'reload') return contentReloadCommand(loadConfig(env), io);
      io.err(`Unknown content command "${sub ?? ''}". Did you mean "milepost content reload"?`);
      return 1;
    }
    case 'user': {
      const [sub, ...rest] = args;
      if (sub === 'create') return userCreateCommand(rest, context());
      io.err(`Unknown user command "${sub ?? ''}". Did you mean "milepost user create"?`);
      return 1;
    }
    case 'export':
      return exportCommand(args, { config: loadConfig(env), io });
    case 'backup':
      return backupCommand(args, context());
    case 'restore':
      return restoreCommand(args, context());
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(HELP);
      return command === undefined ? 1 : 0;
    default:
      io.err(`Unknown command "${command}".\n\n${HELP}`);
      return 1;
  }
}

/**
 * Runs one `milepost` invocation and returns its exit code. Configuration comes from `env`
 * (default: this process's environment). Errors are printed as their message alone: they are
 * meant for operators, and a stack trace would bury the one line that matters.
 */
export async function runCli(argv: string[], io: CliIo = processIo, env?: Environment): Promise<number> {
  const [command, ...args] = argv;
  try {
    return await dispatch(command, args, io, env);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli[\\/]index\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  });
}
