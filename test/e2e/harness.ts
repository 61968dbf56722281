/**
 * What every e2e file shares: a private local cloud (seeded demo community), its own
 * preview server on port 0, and Debian's chromium driven by playwright-core with a fresh
 * profile. Pages opened through `openPhone` record console errors, uncaught exceptions and
 * any request that tries to leave the machine (those are blocked: the preview is hermetic).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPreview, type Preview } from '../../local/preview/server';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const OUTPUT_DIR = join(__dirname, '..', '..', 'test-output', 'e2e');

const INSTALL_HINT =
  'The e2e tests drive Debian chromium with Chinese fonts. Install them as root: ' +
  'apt-get install -y chromium fonts-noto-cjk (never `npx playwright install`).';

export interface E2E {
  cloud: TestCloud;
  preview: Preview;
  context: BrowserContext;
  close(): Promise<void>;
}

export interface Phone {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Requests that tried to leave 127.0.0.1 (blocked). */
  external: string[];
}

/** Fails with the install command when chromium or the CJK fonts are missing. */
export function requireBrowser(): void {
  const missing = [!existsSync(CHROMIUM) && `chromium (${CHROMIUM})`, !existsSync(CJK_FONT) && 'fonts-noto-cjk'].filter(
    Boolean,
  );
  if (missing.length) throw new Error(`Missing ${missing.join(' and ')}. ${INSTALL_HINT}`);
}

export async function startE2E(): Promise<E2E> {
  requireBrowser();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const cloud = await startTestCloud();
  const preview = await startPreview({ cloud });
  const profile = mkdtempSync(join(tmpdir(), 'cs-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 960, height: 740 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    cloud,
    preview,
    context,
    async close() {
      await context.close();
      await preview.close();
      await cloud.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the preview at a deep link (`pages/me/index?as=demo-secretary`) and waits until it booted. */
export async function openPhone(e2e: E2E, link: string): Promise<Phone> {
  const page = await e2e.context.newPage();
  const phone: Phone = { page, errors: [], external: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') phone.errors.push(message.text());
  });
  page.on('pageerror', (error) => phone.errors.push(`uncaught: ${error.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(e2e.preview.url) || /^(data|blob):/.test(url) || url.startsWith('http://127.0.0.1:')) {
      return route.continue();
    }
    phone.external.push(url);
    return route.abort();
  });
  await page.goto(`${e2e.preview.url}#/${link}`);
  await page.waitForFunction('window.__previewReady === true', null, {
    timeout: 15000,
  });
  return phone;
}

/** The visible page of the phone (the top of the page stack). */
/**
 * A tdesign loading spinner as the preview renders it: classes inside a component carry its
 * tag as a prefix (`t-loading--t-loading__spinner`), so tdesign's own `.t-loading` matches nothing.
 */
export const SPINNER = '[class*="t-loading__spinner"]';

export function currentPage(phone: Phone) {
  return phone.page.locator('.pv-page:not([hidden])');
}

export async function screenshot(phone: Phone, name: string): Promise<string> {
  const file = join(OUTPUT_DIR, `${name.replace(/[^a-zA-Z0-9_-]+/g, '_')}.png`);
  await phone.page.locator('[data-testid="phone"]').screenshot({ path: file, animations: 'disabled' });
  return file;
}
