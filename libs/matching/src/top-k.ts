/**
 * Keeps the k best items seen so far under `compare` (negative = better) in a binary heap whose
 * root is the worst kept item: O(n log k) time, O(k) memory, and the result does not depend on
 * the order items arrive in (ties must be broken by `compare` itself).
 */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  /** Worse-than: the heap keeps the worst item at the root. */
  private worse(a: T, b: T): boolean {
    return this.compare(a, b) > 0;
  }

  push(item: T): void {
    if (this.k <= 0) return;
    const h = this.heap;
    if (h.length < this.k) {
      h.push(item);
      this.up(h.length - 1);
    } else if (this.compare(item, h[0]) < 0) {
      h[0] = item;
      this.down(0);
    }
  }

  get size(): number {
    return this.heap.length;
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(h[i], h[parent])) return;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < h.length && this.worse(h[l], h[top])) top = l;
      if (r < h.length && this.worse(h[r], h[top])) top = r;
      if (top === i) return;
      [h[i], h[top]] = [h[top], h[i]];
      i = top;
    }
  }
}
