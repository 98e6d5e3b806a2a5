// Bundles the client script and stylesheet into dist/web with content-hashed names.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist', 'web');

export async function buildClient() {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const js = await build({
    entryPoints: [path.join(root, 'src/web/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    write: false,
    legalComments: 'none',
  });
  const css = await build({
    entryPoints: [path.join(root, 'src/web/styles.css')],
    bundle: true,
    minify: true,
    write: false,
  });
  const emit = (name, ext, text) => {
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 10);
    const file = `${name}.${hash}.${ext}`;
    fs.writeFileSync(path.join(outDir, file), text);
    fs.writeFileSync(path.join(outDir, `${file}.gz`), gzipSync(text, { level: 9 }));
    fs.writeFileSync(path.join(outDir, `${file}.br`), brotliCompressSync(text));
    return file;
  };
  const manifest = {
    js: emit('app', 'js', js.outputFiles[0].text),
    css: emit('app', 'css', css.outputFiles[0].text),
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = await buildClient();
  console.log(`client assets: ${manifest.js}, ${manifest.css}`);
}
