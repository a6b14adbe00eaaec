/**
 * At most `size` rankings hold their eligible documents at once; the others wait their turn, in
 * order. A ranking holds every eligible document of one opportunity (up to megabytes parsed), so
 * without a bound the API's memory grows with the number of concurrent callers; with one, it
 * grows with `size`. On a machine whose cores are busy anyway, waiting costs no throughput.
 */
export class RankingSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size > 0)) {
      throw new RangeError(`ranking slots must be a positive whole number, got ${size}`);
    }
  }

  /** Runs `task` in a free slot, waiting for one first if all are taken. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // hand the slot straight to the next in line, so a newcomer cannot overtake it
      const next = this.waiting.shift();
      if (next === undefined) this.active -= 1;
      else next();
    }
  }

  /** Rankings running now and waiting now (for tests and diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.waiting.length };
  }
}
