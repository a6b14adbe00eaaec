import { rmSync } from 'node:fs';

/** Stops what global-setup started and removes its temporary directory. */
export default async function globalTeardown() {
  const state = globalThis.__TALENTBRIDGE_TEST__;
  if (state === undefined) return;
  await Promise.allSettled(state.stops.map((stop) => stop()));
  rmSync(state.root, { recursive: true, force: true });
}
