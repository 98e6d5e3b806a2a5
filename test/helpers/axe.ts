/** Runs axe-core inside a page and returns its violations as readable lines (empty when clean). */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { AXE_PATH } from './browser.js';

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/** The page's context must bypass CSP (`bypassCSP: true`): axe is injected as an inline script. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: fs.readFileSync(AXE_PATH, 'utf8') });
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
}
