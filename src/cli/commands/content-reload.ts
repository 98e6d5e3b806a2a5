/**
 * `milepost content reload`: checks the content folder, then tells the running server to re-read
 * it without a restart. With REDIS_URL every instance hears it; otherwise the server on this
 * machine gets SIGHUP. Invalid content is reported and nothing is sent, and a server that finds
 * problems itself keeps serving what it had.
 */
import { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { pidFileFor, runningServer } from '../../infra/pid-file.js';
import type { CliIo } from '../command-context.js';
import { validateCommand } from './validate.js';

export async function contentReloadCommand(config: Config, io: CliIo): Promise<number> {
  if (validateCommand(config.contentDir, io) !== 0) {
    io.err('Nothing was reloaded: fix the problems above first. The server keeps serving the content it has.');
    return 65;
  }
  if (config.redisUrl) {
    const redis = new Redis(config.redisUrl, { connectTimeout: 2_000, maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      const channel = `${config.redisPrefix}milepost:changes`;
      const heard = await redis.publish(channel, JSON.stringify({ topic: 'content', from: 'milepost-cli' }));
      io.out(`Asked ${heard} running instance(s) to reload the content.`);
      return heard > 0 ? 0 : 1;
    } finally {
      redis.disconnect();
    }
  }
  const file = pidFileFor(config.database);
  const pid = runningServer(file);
  if (pid === null) {
    io.err(`No running server found (no live process in ${file}). Start it with "npm start"; it reads the content at start.`);
    return 1;
  }
  process.kill(pid, 'SIGHUP');
  io.out(`Asked the server (process ${pid}) to reload the content; it logs what changed, or the problems it found.`);
  return 0;
}
