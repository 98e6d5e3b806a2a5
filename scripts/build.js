// `npm run build`: the server, transpiled file by file into dist/ and bundled into dist/server.js
// (type checking is `npm run typecheck`'s job), and the client bundles in dist/client. With
// --if-stale it does nothing when dist/ was built from exactly these sources.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const STAMP = path.join(dist, '.build-stamp');

/** Source files of the server (tests left out). */
export function serverSources() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(file);
    }
  };
  walk(path.join(root, 'src'));
  return files.sort();
}

/** A hash of everything the build reads: sources, styles, the build scripts and the lockfile. */
function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...serverSources(),
    path.join(root, 'src/web/styles.css'),
    path.join(root, 'scripts/build.js'),
    path.join(root, 'scripts/build-client.js'),
    path.join(root, 'package-lock.json'),
  ];
  for (const file of inputs) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export function serverBuildOptions() {
  return {
    entryPoints: serverSources(),
    outdir: dist,
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: true,
    logLevel: 'warning',
  };
}

/**
 * The server entry bundled with its dependencies into one file: loading one module instead of
 * hundreds takes start-up from over three seconds to about one. Packages with native code, and
 * those that serve files from their own folder, stay outside and load from node_modules.
 */
export const SERVER_EXTERNALS = ['argon2', 'better-sqlite3', 'pg-native', '@fastify/swagger-ui', 'pdfkit', '@resvg/resvg-js'];

export function serverBundleOptions() {
  return {
    entryPoints: [path.join(root, 'src/server.ts')],
    outfile: path.join(dist, 'server.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: true,
    external: SERVER_EXTERNALS,
    // Bundled CommonJS packages still call require() for Node's own modules.
    banner: { js: "import { createRequire as __milepostRequire } from 'node:module'; const require = __milepostRequire(import.meta.url);" },
    logLevel: 'warning',
  };
}

export async function buildAll() {
  // Loaded only when there is something to build, so that an up-to-date `npm start` skips them.
  const [{ build }, { buildClient }] = await Promise.all([import('esbuild'), import('./build-client.js')]);
  // The per-file build first (the CLI and tools import it), then the bundle replaces dist/server.js.
  await Promise.all([build(serverBuildOptions()), buildClient()]);
  await build(serverBundleOptions());
}

/** Builds unless dist/ was built from exactly these sources; returns whether it built. */
export async function buildIfStale({ force = false } = {}) {
  const hash = inputsHash();
  if (!force && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) return false;
  const started = Date.now();
  fs.rmSync(STAMP, { force: true });
  await buildAll();
  fs.writeFileSync(STAMP, hash);
  console.log(`built dist/ in ${Date.now() - started} ms`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfStale({ force: !process.argv.includes('--if-stale') });
