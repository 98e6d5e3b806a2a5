/**
 * Built client assets (CSS and the client script) with content-hashed names, read from
 * `dist/web/manifest.json` written by `npm run build`.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { markRoutes } from './access.js';

export const ASSETS_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AssetManifest {
  css: string;
  js: string;
}

export function readAssetManifest(dir = ASSETS_DIR): AssetManifest {
  const file = `${dir}manifest.json`;
  if (!fs.existsSync(file)) {
    throw new Error(`Client assets are missing (${file}). Run "npm run build" first.`);
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as AssetManifest;
  return { css: `/assets/${manifest.css}`, js: `/assets/${manifest.js}` };
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
