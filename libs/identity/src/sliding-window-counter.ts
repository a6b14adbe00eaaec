/** Bound on remembered keys, so a flood of made-up keys (e-mails, domains) cannot exhaust memory. */
const DEFAULT_MAX_KEYS = 100_000;

/**
 * Counts events per key in a sliding window, in this process's memory (several API instances
 * each keep their own counts; see docs/identity.md). When more than `maxKeys` keys are known the
 * least recently counted ones are forgotten.
 */
export class SlidingWindowCounter {
  private readonly events = new Map<string, number[]>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), windowMs);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  /** Seconds until `key` is below `limit` again; 0 when it is now. */
  retryAfterSeconds(key: string, limit: number, now = Date.now()): number {
    const times = this.recent(key, now);
    if (times.length < limit) return 0;
    const freedAt = times[times.length - limit] + this.windowMs;
    return Math.max(1, Math.ceil((freedAt - now) / 1000));
  }

  record(key: string, now = Date.now()): void {
    const times = this.recent(key, now);
    times.push(now);
    this.events.delete(key); // re-insert: the Map's order is then least recently counted first
    this.events.set(key, times);
    while (this.events.size > this.maxKeys) {
      const oldest = this.events.keys().next().value as string;
      this.events.delete(oldest);
    }
  }

  private recent(key: string, now: number): number[] {
    const times = (this.events.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.events.delete(key);
    else this.events.set(key, times);
    return times;
  }

  private sweep(now: number): void {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}
