import { describe, expect, it } from '@jest/globals';
import { Slots } from './slots.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most `size` tasks at once and the rest in the order they came', async () => {
    const slots = new Slots(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const tasks = Array.from({ length: 6 }, (_, i) =>
      slots.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => finish.push(resolve));
        running -= 1;
        return i * 10;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.load).toEqual({ running: 2, waiting: 4 });
    // finishing the second lets the third in, not a later one
    finish[1]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    // each task that ends lets exactly the next one in
    for (const [ending, expected] of [
      [0, [0, 1, 2, 3]],
      [2, [0, 1, 2, 3, 4]],
      [3, [0, 1, 2, 3, 4, 5]],
    ] as const) {
      finish[ending]();
      await tick();
      expect(started).toEqual(expected);
      expect(running).toBe(2);
    }
    finish[4]();
    finish[5]();
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a task that fails, and passes the failure on', async () => {
    const slots = new Slots(1);
    await expect(
      slots.run(async () => {
        throw new Error('engine down');
      }),
    ).rejects.toThrow('engine down');
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a size that is not a positive whole number', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) {
      expect(() => new Slots(size)).toThrow(RangeError);
    }
  });
});
