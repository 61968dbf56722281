/**
 * jest `globalSetup` of the e2e project: the preview renders the real tdesign components
 * from miniprogram_npm ("构建 npm") and calls the built cloud functions.
 */
import { buildFunctions } from '../../scripts/build-functions';
import { packNpm } from '../../scripts/pack-npm';

export default async function globalSetup(): Promise<void> {
  await packNpm({ quiet: true });
  await buildFunctions();
}
