import { performance } from 'node:perf_hooks';

/** The value below which `p` percent of the sorted samples lie (nearest rank, rounded down). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Latencies of `call(i)`, one call at a time: `warmup` unmeasured calls first, then calls for
 * `seconds`. Sorted, ready for {@link percentile}.
 */
export async function sampleFor(
  seconds: number,
  warmup: number,
  call: (i: number) => Promise<void>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call(i);
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const start = performance.now();
    await call(i);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

/** Fails on a non-2xx answer (naming it) and reads the body, as a client would. */
export async function expectOk(res: Response): Promise<void> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** The header and a row of a latency table: path, requests, p50 and p99 in ms. */
export const LATENCY_HEADER = `${'path'.padEnd(28)} ${'requests'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`;
export const latencyRow = (name: string, sorted: readonly number[]): string =>
  `${name.padEnd(28)} ${String(sorted.length).padStart(7)} ${percentile(sorted, 50).toFixed(2).padStart(8)} ${percentile(sorted, 99).toFixed(2).padStart(8)}`;
