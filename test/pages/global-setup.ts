/**
 * jest `globalSetup` of the pages project: makes sure miniprogram/miniprogram_npm holds the
 * real tdesign components the page tests render (DevTools' "构建 npm", done by
 * miniprogram-ci). Takes a few milliseconds when it is already up to date.
 */
import { packNpm } from '../../scripts/pack-npm';

export default async function globalSetup(): Promise<void> {
  await packNpm({ quiet: true });
}
