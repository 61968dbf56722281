/**
 * Watch mode: saving a file of the mini-program rebuilds the preview and the open browser
 * reloads on its own, staying on the same page. Runs on a copy of miniprogram/ so the
 * real sources are never touched.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview, type Preview } from '../../local/preview/server';
import { MINIPROGRAM_DIR } from '../../local/preview/paths';
import { DEMO } from '../../local/seed/community';
import { currentPage, openPhone, startE2E, type E2E } from './harness';

jest.setTimeout(60000);

let e2e: E2E;
let copy: string;
let watched: Preview;

beforeAll(async () => {
  e2e = await startE2E();
  copy = join(mkdtempSync(join(tmpdir(), 'cs-preview-watch-')), 'miniprogram');
  cpSync(MINIPROGRAM_DIR, copy, { recursive: true });
  watched = await startPreview({ cloud: e2e.cloud, root: copy, watch: true });
});
afterAll(async () => {
  await watched?.close();
  await e2e?.close();
  if (copy) rmSync(join(copy, '..'), { recursive: true, force: true });
});

test('a saved wxml change reloads the open page with the new content', async () => {
  const phone = await openPhone({ ...e2e, preview: watched }, `pages/me/index?as=${DEMO.resident}`);
  await currentPage(phone).getByText('林晓燕').waitFor();
  const file = join(copy, 'pages', 'me', 'index.wxml');
  const source = readFileSync(file, 'utf8');
  expect(source).toContain('我的身份');
  writeFileSync(file, source.replace('我的身份', '我的身份（已更新）'));
  await currentPage(phone).getByText('我的身份（已更新）').waitFor({ timeout: 15000 });
  expect(phone.page.url()).toContain('#/pages/me/index');
  expect(watched.current().error).toBeNull();

  // A broken template keeps the last good build served and says why.
  writeFileSync(file, `${source}\n<view>`);
  await phone.page.getByTestId('preview-error').waitFor({ timeout: 15000 });
  expect(watched.current().error).toBeTruthy();
  expect(phone.errors).toEqual([]);
});
