/**
 * Node flags of the API process, wherever it is started: `npm start`, `npm run start:api`, the
 * Dockerfile and the matching benchmark (a test keeps them equal).
 *
 * `--heap-growing-percent=50` lets V8's old generation grow to 1.5× what survived the last full
 * collection before it collects again. Left to itself V8 picks up to 4× when collections look
 * cheap, and with ~50 MB surviving, a busy API then sat at 275–330 MB of RSS; with 1.5× it stays
 * near 200 MB (docs/matching.md). It is a growth factor, not a cap: a process that really needs
 * more memory still gets it, it only collects more often.
 *
 * `--no-allocation-site-pretenuring` keeps V8 from deciding, from what survived a few young
 * collections, that objects made at some line of code are long-lived and creating them straight
 * in the old generation from then on. In a request/response server nearly everything dies with
 * its request, but whether that decision was taken depended on what the process happened to do
 * first: after start-up and publishing, full collections under load came every ~0.7 s instead
 * of every ~3 s, and an API call cost ~25 % more CPU (docs/matching.md).
 */
export const API_NODE_FLAGS: readonly string[] = [
  '--enable-source-maps',
  '--heap-growing-percent=50',
  '--no-allocation-site-pretenuring',
];

/** Node flags of the worker process (same places as {@link API_NODE_FLAGS}). */
export const WORKER_NODE_FLAGS: readonly string[] = ['--enable-source-maps'];
