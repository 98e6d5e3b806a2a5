/** The set-up browser test files share: a listening app and Chromium, started before the file's tests and closed after. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, startLiveServer, type LiveServer } from './browser.js';

/** Starts both (with `startLiveServer`'s arguments) and hands them to `use` before the tests run. */
export function useLiveBrowser(use: (started: { server: LiveServer; browser: Browser }) => void, ...args: Parameters<typeof startLiveServer>): void {
  let started: { server: LiveServer; browser: Browser } | undefined;
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startLiveServer(...args), launchBrowser()]);
    started = { server, browser };
    use(started);
  });
  afterAll(async () => {
    await started?.browser.close();
    await started?.server.close();
  });
}

/** Signs up through the site's form, starting from `/signup?next=<next>`, and waits to arrive at `next`. */
export async function signUpInBrowser(
  page: Page,
  base: string,
  account: { name: string; email: string; password: string; next: string },
): Promise<void> {
  await page.goto(`${base}/signup?next=${encodeURIComponent(account.next)}`);
  await page.locator('#signup-name').fill(account.name);
  await page.locator('#signup-email').fill(account.email);
  await page.locator('#signup-password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${base}${account.next}`);
}
