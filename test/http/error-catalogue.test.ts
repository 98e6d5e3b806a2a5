import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors.js';

const SRC = path.resolve('src');
const API_DOC = path.resolve('docs/api.md');

/** Every `.ts` / `.tsx` file under src/, as [relative path, text]. */
function sourceFiles(): [string, string][] {
  return (fs.readdirSync(SRC, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => [file, fs.readFileSync(path.join(SRC, file), 'utf8')]);
}

/** Rows of the error-code table in docs/api.md: `| \`code\` | status | meaning |`. */
function documentedCodes(): Map<string, number> {
  const rows = fs.readFileSync(API_DOC, 'utf8').matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm);
  return new Map([...rows].map((m) => [m[1] ?? '', Number(m[2])]));
}

describe('error catalogue', () => {
  it('holds every code the source throws', () => {
    const thrown: { file: string; code: string }[] = [];
    for (const [file, text] of sourceFiles()) {
      for (const match of text.matchAll(/\b(?:AppError|errorBody)\(\s*['"]([^'"]+)['"]/g)) thrown.push({ file, code: match[1] ?? '' });
    }
    expect(thrown.length).toBeGreaterThan(20);
    const unknown = thrown.filter(({ code }) => !Object.hasOwn(ERRORS, code));
    expect(unknown, 'codes thrown but missing from src/errors.ts').toEqual([]);
  });

  it('is documented in docs/api.md with the same statuses, and nothing more', () => {
    const documented = documentedCodes();
    const catalogue = new Map(Object.entries(ERRORS).map(([code, { status }]) => [code, status]));
    const missing = [...catalogue.keys()].filter((code) => !documented.has(code));
    expect(missing, 'catalogue codes missing from docs/api.md').toEqual([]);
    expect(documented).toEqual(catalogue);
  });
});
