/**
 * jest `globalSetup` of the pages project: makes sure miniprogram/miniprogram_npm holds the
 * real tdesign components the page tests render (DevTools' "构建 npm", done by
 * miniprogram-ci; a few milliseconds when up to date), and builds the cloud functions for
 * the page tests that render live function data (esbuild cannot run inside jsdom).
 */
import { packNpm } from '../../scripts/pack-npm';
import { buildFunctions } from '../../scripts/build-functions';

export default async function globalSetup(): Promise<void> {
  await packNpm({ quiet: true });
  await buildFunctions();
}
