/** What one relay has done since it started: passes that claimed rows, and their sizes. */
export interface RelayStatsSummary {
  /** Passes that claimed at least one row. */
  passes: number;
  /** Rows claimed, processed (sent), retried and dead-lettered in those passes. */
  rows: number;
  processed: number;
  retried: number;
  failed: number;
  /** Documents loaded and written (rows of one document coalesce into one). */
  documents: number;
  /** Rows per pass: nearest-rank percentiles and the largest. */
  rowsPerPass: { p50: number; p95: number; max: number };
  /** Rows per pass, counted in power-of-two buckets: `"1"`, `"2-3"`, `"4-7"`, … → passes. */
  histogram: Record<string, number>;
  /** Wall time of a pass (claim, load, engine tasks, settle), ms: percentiles and the longest. */
  passMs: { p50: number; p95: number; max: number };
}

/**
 * Counts a relay's passes and their batch sizes (exactly: a pass claims at most
 * OUTBOX_BATCH_SIZE rows, so there are at most that many distinct sizes). The worker logs a
 * summary every minute it was busy and when it stops; benchmarks and tests read it.
 */
export class RelayStats {
  private passes = 0;
  private rows = 0;
  private processed = 0;
  private retried = 0;
  private failed = 0;
  private documents = 0;
  private readonly sizes = new Map<number, number>();
  /** Pass durations, bounded: the latest {@link KEPT_DURATIONS} passes. */
  private readonly durations: number[] = [];

  record(pass: {
    claimed: number;
    documents: number;
    processed: number;
    retried: number;
    failed: number;
    ms?: number;
  }): void {
    if (pass.claimed === 0) return;
    if (pass.ms !== undefined) {
      if (this.durations.length === KEPT_DURATIONS) this.durations.shift();
      this.durations.push(pass.ms);
    }
    this.passes += 1;
    this.rows += pass.claimed;
    this.documents += pass.documents;
    this.processed += pass.processed;
    this.retried += pass.retried;
    this.failed += pass.failed;
    this.sizes.set(pass.claimed, (this.sizes.get(pass.claimed) ?? 0) + 1);
  }

  summary(): RelayStatsSummary {
    const sizes = [...this.sizes].sort(([a], [b]) => a - b);
    const rank = (p: number): number => {
      if (this.passes === 0) return 0;
      const wanted = Math.max(1, Math.ceil((p / 100) * this.passes));
      let seen = 0;
      for (const [size, count] of sizes) {
        seen += count;
        if (seen >= wanted) return size;
      }
      return sizes[sizes.length - 1][0];
    };
    const durations = [...this.durations].sort((a, b) => a - b);
    const histogram: Record<string, number> = {};
    for (const [size, count] of sizes) {
      const low = 2 ** Math.floor(Math.log2(size));
      const key = low === 1 ? '1' : `${low}-${low * 2 - 1}`;
      histogram[key] = (histogram[key] ?? 0) + count;
    }
    return {
      passes: this.passes,
      rows: this.rows,
      processed: this.processed,
      retried: this.retried,
      failed: this.failed,
      documents: this.documents,
      rowsPerPass: { p50: rank(50), p95: rank(95), max: sizes.at(-1)?.[0] ?? 0 },
      histogram,
      passMs: {
        p50: nearestRank(durations, 50),
        p95: nearestRank(durations, 95),
        max: durations.at(-1) ?? 0,
      },
    };
  }
}

const KEPT_DURATIONS = 10_000;

function nearestRank(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** One log line for a summary: `12 passes, 340 rows (…); rows per pass p50 …; 1:3 2-3:5 …`. */
export function formatRelayStats(s: RelayStatsSummary): string {
  const buckets = Object.entries(s.histogram)
    .map(([range, count]) => `${range}:${count}`)
    .join(' ');
  return (
    `${s.passes} passes, ${s.rows} rows (${s.processed} processed, ${s.retried} retried, ` +
    `${s.failed} dead-lettered) in ${s.documents} document writes; rows per pass p50 ` +
    `${s.rowsPerPass.p50}, p95 ${s.rowsPerPass.p95}, max ${s.rowsPerPass.max}; histogram ${buckets}; ` +
    `pass time p50 ${Math.round(s.passMs.p50)} ms, p95 ${Math.round(s.passMs.p95)} ms, ` +
    `max ${Math.round(s.passMs.max)} ms`
  );
}
