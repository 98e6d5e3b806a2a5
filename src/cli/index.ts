/**
 * The `milepost` command: serve, migrate and validate content.
 * Usage: milepost <command> [options]; `milepost help` lists commands.
 */
import { loadConfig } from '../config.js';
import { formatIssue } from '../content/content-issue.js';
import { loadContent } from '../content/roadmap-loader.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

const HELP = `Usage: milepost <command>

Commands:
  serve              start the web server (same as npm start)
  migrate            apply pending database migrations
  validate [dir]     check content files (default: CONTENT_DIR or ./content)
  help               show this help

Configuration comes from environment variables; see the README.`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve': {
      const { startServer } = await import('../server.js');
      await startServer();
      return 0;
    }
    case 'migrate': {
      const config = loadConfig();
      const db = openDatabase(config.database);
      try {
        const result = await migrateToLatest(db);
        const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
        return 0;
      } finally {
        await db.destroy();
      }
    }
    case 'validate': {
      const dir = args[0] ?? loadConfig().contentDir;
      const { content, issues } = loadContent(dir);
      if (issues.length > 0) {
        for (const issue of issues) console.error(formatIssue(issue));
        console.error(`\n${issues.length} problem(s) found.`);
        return 1;
      }
      for (const roadmap of content.roadmaps.values()) {
        console.log(
          `${roadmap.id}: ${roadmap.order.length} topics in ${roadmap.sections.length} sections, ${roadmap.totalHours} hours, ${roadmap.faq.length} FAQ entries, ${roadmap.projects.length} projects`,
        );
      }
      console.log('Content is valid.');
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli[\\/]index\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
