/**
 * Node flags of the API process, wherever it is started: `npm start`, `npm run start:api`, the
 * Dockerfile and the matching benchmark (a test keeps them equal).
 *
 * `--heap-growing-percent=50` lets V8's old generation grow to 1.5× what survived the last full
 * collection before it collects again. Left to itself V8 picks up to 4× when collections look
 * cheap, and with ~50 MB surviving, a busy API then sat at 275–330 MB of RSS; with 1.5× it stays
 * near 200 MB (docs/matching.md). It is a growth factor, not a cap: a process that really needs
 * more memory still gets it, it only collects more often.
 */
export const API_NODE_FLAGS: readonly string[] = [
  '--enable-source-maps',
  '--heap-growing-percent=50',
];

/** Node flags of the worker process (same places as {@link API_NODE_FLAGS}). */
export const WORKER_NODE_FLAGS: readonly string[] = ['--enable-source-maps'];
