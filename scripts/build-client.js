// Bundles the client entries (one per page type, sharing chunks) and the stylesheet into
// dist/client with content-hashed names, with gzip and brotli copies and a manifest.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_DIR = path.join(root, 'dist', 'client');
export const ENTRIES = ['home', 'roadmap', 'topic', 'page', 'skill-test', 'review', 'plan', 'notes', 'editor', 'import', 'team'];

/** Options shared by the one-off build and `npm run dev`'s watcher. */
export function clientBuildOptions() {
  return {
    entryPoints: Object.fromEntries(ENTRIES.map((name) => [name, path.join(root, 'src/web/entries', `${name}.ts`)])),
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: CLIENT_DIR,
    entryNames: '[name].[hash]',
    chunkNames: 'chunk.[hash]',
    metafile: true,
    write: false,
    legalComments: 'none',
  };
}

function emit(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
  fs.writeFileSync(`${file}.gz`, gzipSync(contents, { level: 9 }));
  fs.writeFileSync(`${file}.br`, brotliCompressSync(contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}

/** Writes a finished build to dist/client; returns the manifest. */
export function writeClient(js, css) {
  fs.rmSync(CLIENT_DIR, { recursive: true, force: true });
  for (const out of [...js.outputFiles, ...css.outputFiles]) emit(out.path, out.contents);
  const rel = (file) => path.relative(CLIENT_DIR, path.resolve(root, file));
  const outputs = js.metafile.outputs;
  /** Every chunk an output imports, directly or not, so the page can preload them all. */
  const importsOf = (file, seen = new Set()) => {
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
      seen.add(imported.path);
      importsOf(imported.path, seen);
    }
    return seen;
  };
  const scripts = {};
  for (const [file, output] of Object.entries(outputs)) {
    const name = output.entryPoint && ENTRIES.find((entry) => output.entryPoint.endsWith(`entries/${entry}.ts`));
    if (name) scripts[name] = { file: rel(file), imports: [...importsOf(file)].map(rel) };
  }
  const cssFile = Object.keys(css.metafile.outputs).find((file) => file.endsWith('.css'));
  const manifest = { css: rel(cssFile), scripts };
  fs.writeFileSync(path.join(CLIENT_DIR, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

export function cssBuildOptions() {
  return {
    entryPoints: { app: path.join(root, 'src/web/styles.css') },
    bundle: true,
    minify: true,
    outdir: CLIENT_DIR,
    entryNames: '[name].[hash]',
    metafile: true,
    write: false,
  };
}

export async function buildClient() {
  const [js, css] = await Promise.all([build(clientBuildOptions()), build(cssBuildOptions())]);
  return writeClient(js, css);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await buildClient();
  console.log(
    `client assets: ${Object.values(manifest.scripts)
      .map((s) => s.file)
      .join(', ')}, ${manifest.css}`,
  );
}
