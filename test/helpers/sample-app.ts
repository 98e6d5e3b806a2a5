/**
 * The app built on the sample content (test/helpers/content-fixture.ts) and a fresh database,
 * plus a direct handle on that database so tests can arrange rows and check what was written.
 */
import { afterAll } from 'vitest';
import { removeDir, writeSampleContent } from './content-fixture.js';
import type { TestDatabase } from './databases.js';
import { useTestApp, type TestApp } from './test-app.js';

export type SampleApp = TestApp;

/** Registers hooks that build the app before the suite and tear everything down after it. */
export function useSampleApp(create: () => Promise<TestDatabase>): SampleApp {
  let contentDir: string | undefined;
  const env = useTestApp(create, { contentDir: () => (contentDir = writeSampleContent()) });
  afterAll(() => {
    if (contentDir) removeDir(contentDir);
  });
  return env;
}
