import { buildWeb } from '../../scripts/build-web.ts';

/** The browser tests drive the built web client: build it once, before any test file runs. */
export default async function setup(): Promise<void> {
  await buildWeb();
}
