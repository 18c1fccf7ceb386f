// node tmp-shot.mjs BASE admin|member|remote WIDTH PATH NAME [full]
import { chromium } from '@playwright/test';
const [base, who, width, path, name, full] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({
  viewport: { width: Number(width), height: 900 },
  ...(who === 'remote' ? { extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.7' } } : {}),
});
const page = await context.newPage();
if (who === 'admin' || who === 'member') {
  const ref = who === 'admin' ? 'user:default/sanne-devries' : 'user:default/priya-raman';
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Sign in as').selectOption(ref);
  await page.getByRole('button', { name: 'Sign in locally' }).click();
  await page.waitForURL(`${base}/`);
}
await page.goto(`${base}${path}`);
await page.waitForLoadState('networkidle');
const out = `/work/notes35/shots/${name}-${who}-${width}.png`;
await page.screenshot({ path: out, fullPage: full === 'full' });
console.log(out);
await browser.close();
