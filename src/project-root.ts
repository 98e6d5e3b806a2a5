/**
 * The folder Milepost is installed in (the one holding its package.json), found from this module's
 * own location, so paths to built assets work from the sources, from dist/ and from the bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'milepost') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Milepost cannot find its own package.json');
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot();
