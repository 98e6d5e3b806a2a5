// `npm run dev`: rebuilds the server and the client on every source change and restarts the
// server (content changes need no restart: send SIGHUP, or run `milepost content reload`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import { clientBuildOptions, cssBuildOptions, writeClient } from './build-client.js';
import { serverBundleOptions } from './build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Without the stamp the server never trusts a content snapshot, which an edit of the loader could make stale.
fs.rmSync(path.join(root, 'dist/.build-stamp'), { force: true });
let server = null;
let clientResults = { js: null, css: null };

function restart() {
  if (server) server.kill('SIGTERM');
  server = spawn(process.execPath, [path.join(root, 'dist/server.js')], { stdio: 'inherit', env: process.env });
}

/** An esbuild plugin that runs `after` once each successful rebuild has finished. */
const onRebuild = (name, after) => ({
  name,
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0) after(result);
    });
  },
});

let serverReady = false;
const serverContext = await context({
  ...serverBundleOptions(),
  plugins: [
    onRebuild('restart-server', () => {
      serverReady = true;
      if (clientResults.js && clientResults.css) restart();
    }),
  ],
});
const clientContext = await context({
  ...clientBuildOptions(),
  write: false,
  plugins: [
    onRebuild('write-client', (result) => {
      clientResults = { ...clientResults, js: result };
      if (clientResults.css) writeClient(clientResults.js, clientResults.css);
      if (serverReady) restart();
    }),
  ],
});
const cssContext = await context({
  ...cssBuildOptions(),
  plugins: [
    onRebuild('write-css', (result) => {
      clientResults = { ...clientResults, css: result };
      if (clientResults.js) writeClient(clientResults.js, clientResults.css);
      if (serverReady) restart();
    }),
  ],
});
await Promise.all([serverContext.watch(), clientContext.watch(), cssContext.watch()]);
console.log('npm run dev: watching src/ for changes');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    server?.kill('SIGTERM');
    await Promise.all([serverContext.dispose(), clientContext.dispose(), cssContext.dispose()]);
    process.exit(0);
  });
}
