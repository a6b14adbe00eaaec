/**
 * At most `size` tasks run at once; the others wait their turn, in order. For work whose cost
 * grows with the number of callers at once: rankings that hold every eligible document
 * (matching's `RankingSlots`), searches that take the engine's CPU from indexing (profiles'
 * `TalentSearchSlots`). On a machine whose cores are busy anyway, waiting costs no throughput.
 */
export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size > 0)) {
      throw new RangeError(`slots must be a positive whole number, got ${size}`);
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

  /** Tasks running now and waiting now (for tests and diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.waiting.length };
  }
}
