/** Builds the cloud functions once before the function suite: tests run the deployable bundles. */
import { buildFunctions } from '../../scripts/build-functions';

export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
