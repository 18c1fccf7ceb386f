import type { Browser, Page } from '@playwright/test';

/** A new browser context signed in through local sign-in as the catalog User `userRef`. */
export async function signedInAs(
  browser: Browser,
  baseURL: string,
  userRef: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Sign in as').selectOption(userRef);
  await page.getByRole('button', { name: 'Sign in locally' }).click();
  await page.waitForURL(/\/$/);
  return page;
}
