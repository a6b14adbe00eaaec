import type { Meilisearch } from 'meilisearch';
import { percentile } from './latency.js';

/** Milliseconds of a Meilisearch duration: ISO 8601 (`PT0.123S`) or a trace value (`12.3ms`). */
export function durationMs(text: string | null | undefined): number {
  if (text === null || text === undefined) return 0;
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text);
  if (iso !== null) {
    const [, h = '0', m = '0', s = '0'] = iso;
    return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  }
  const trace = /^(\d+(?:\.\d+)?)\s*(ns|µs|us|ms|s)$/.exec(text.trim());
  if (trace === null) return 0;
  const factor = { ns: 1e-6, µs: 1e-3, us: 1e-3, ms: 1, s: 1000 }[trace[2] as 'ms'];
  return Number(trace[1]) * factor;
}

/** Every result of a list the engine pages with `from` / `next` (tasks, batches). */
async function everyPage<T>(
  page: (from: number | undefined) => Promise<{ results: T[]; next: number | null }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let from: number | undefined; ;) {
    const { results, next } = await page(from);
    all.push(...results);
    if (next === null || results.length === 0) return all;
    from = next;
  }
}

/**
 * What the engine did with an index's writes since `since`: its batches (tasks it auto-batched
 * together), how many documents each held and how long each took, how long tasks waited before
 * their batch started, and the steps of its own progress trace that took the most time in all.
 */
export async function engineBatchSummary(
  meili: Meilisearch,
  index: string,
  since: Date,
): Promise<string[]> {
  const batches = await everyPage((from) =>
    meili.batches.getBatches({
      indexUids: [index],
      afterStartedAt: since.toISOString(),
      limit: 200,
      ...(from === undefined ? {} : { from }),
    }),
  );
  const tasks = await everyPage((from) =>
    meili.tasks.getTasks({
      indexUids: [index],
      afterEnqueuedAt: since.toISOString(),
      statuses: ['succeeded', 'failed'],
      limit: 1000,
      ...(from === undefined ? {} : { from }),
    }),
  );
  if (batches.length === 0) return ['engine: no batches'];
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const durations = sorted(batches.map((b) => durationMs(b.duration)));
  const docs = sorted(
    batches.map((b) =>
      Number((b.details as { receivedDocuments?: number }).receivedDocuments ?? 0),
    ),
  );
  const perTask = sorted(batches.map((b) => b.stats.totalNbTasks));
  const waits = sorted(
    tasks
      .filter((t) => t.startedAt !== null)
      .map((t) => Date.parse(t.startedAt as string) - Date.parse(t.enqueuedAt)),
  );
  const steps = new Map<string, number>();
  for (const b of batches) {
    for (const [step, value] of Object.entries(b.stats.progressTrace ?? {})) {
      steps.set(step, (steps.get(step) ?? 0) + durationMs(String(value)));
    }
  }
  const total = durations.reduce((a, b) => a + b, 0);
  const top = [...steps]
    .filter(([step]) => step.split(' > ').length >= 2)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const slowest = batches.reduce((a, b) =>
    durationMs(b.duration) > durationMs(a.duration) ? b : a,
  );
  const slow = batches
    .filter((b) => durationMs(b.duration) > 1000)
    .map(
      (b) =>
        `+${((Date.parse(b.startedAt) - since.getTime()) / 1000).toFixed(1)} s: ${ms(durationMs(b.duration))}`,
    )
    .reverse();
  return [
    `batches over 1 s (start after the load began: time): ${slow.length === 0 ? 'none' : slow.join(', ')}`,
    `slowest batch (${ms(durationMs(slowest.duration))}): ${JSON.stringify(slowest.stats.progressTrace ?? {})}`,
    `engine batches: ${batches.length} (${tasks.length} tasks), tasks per batch p50 ${percentile(perTask, 50)} max ${perTask.at(-1)}, documents per batch p50 ${percentile(docs, 50)} max ${docs.at(-1)}; batch time p50 ${ms(percentile(durations, 50))}, p95 ${ms(percentile(durations, 95))}, max ${ms(durations.at(-1) ?? 0)}, ${ms(total)} in all; task enqueued → started p50 ${ms(percentile(waits, 50))}, p95 ${ms(percentile(waits, 95))}`,
    ...top.map(
      ([step, t]) => `  ${step}: ${ms(t)} (${((t / Math.max(total, 1)) * 100).toFixed(0)}%)`,
    ),
  ];
}
