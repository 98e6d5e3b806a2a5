/**
 * Built client assets (the stylesheet, one script per page type and their shared chunks) with
 * content-hashed names, read from `dist/client/manifest.json` written by `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PAGE_SCRIPTS, type PageContext, type PageScript } from '../views/page-context.js';
import { markRoutes } from './access.js';

export const ASSETS_DIR = path.join(PROJECT_ROOT, 'dist', 'client') + path.sep;

interface BuildManifest {
  css: string;
  scripts: Record<PageScript, { file: string; imports: string[] }>;
}

export function readAssetManifest(dir = ASSETS_DIR): PageContext['assets'] {
  const file = `${dir}manifest.json`;
  if (!fs.existsSync(file)) {
    throw new Error(`Client assets are missing (${file}). Run "npm run build" first.`);
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildManifest;
  const url = (name: string) => `/assets/${name}`;
  const scripts = Object.fromEntries(
    PAGE_SCRIPTS.map((name) => {
      const built = manifest.scripts[name];
      if (!built) throw new Error(`Client assets are incomplete: no "${name}" script in ${file}. Run "npm run build".`);
      return [name, { src: url(built.file), preload: built.imports.map(url) }];
    }),
  ) as PageContext['assets']['scripts'];
  return { css: url(manifest.css), scripts };
}

export async function registerAssets(app: FastifyInstance, dir = ASSETS_DIR): Promise<void> {
  await app.register(async (scope) => {
    markRoutes(scope, 'public');
    await scope.register(fastifyStatic, {
      root: dir,
      prefix: '/assets/',
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      index: false,
      wildcard: false,
      allowedPath: (pathName) => !pathName.endsWith('manifest.json'),
    });
  });
}
