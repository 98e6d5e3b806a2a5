/** Starts Milepost: validates config and content, listens, and shuts down gracefully. */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ContentValidationError } from './content/content-issue.js';
import { pidFileFor, writePidFile } from './infra/pid-file.js';
import { PROJECT_ROOT } from './project-root.js';

const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The built server keeps a snapshot of valid content in dist/, named by the build's own stamp (a
 * hash of every source file), so a new build never reads an older build's snapshot. Run from the
 * sources, there is no stamp to trust and the content is always read afresh.
 */
function contentSnapshot(): { dir: string; codeVersion: string } | undefined {
  const stamp = path.join(PROJECT_ROOT, 'dist', '.build-stamp');
  if (!import.meta.url.endsWith('/dist/server.js') || !fs.existsSync(stamp)) return undefined;
  return { dir: path.join(PROJECT_ROOT, 'dist', '.content-snapshot'), codeVersion: fs.readFileSync(stamp, 'utf8') };
}

export async function startServer(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  let app;
  try {
    app = await buildApp(config, { contentSnapshot: contentSnapshot() });
  } catch (error) {
    if (error instanceof ContentValidationError) {
      console.error(`Refusing to start: ${error.message}`);
      process.exit(65);
    }
    throw error;
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // SIGHUP re-reads the content folder (milepost content reload sends it); bad content changes nothing.
  process.on('SIGHUP', () => {
    app.log.info('SIGHUP: reloading the content');
    void app.catalog.reload().catch((err: unknown) => app.log.error({ err }, 'content reload failed'));
  });
  await app.listen({ port: config.port, host: config.host });
  // Removed on any exit, graceful or not (kill -9 leaves it, and then names a dead process).
  process.once('exit', writePidFile(pidFileFor(config.database)));
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/dist/server.js');
if (isMain) {
  startServer().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
