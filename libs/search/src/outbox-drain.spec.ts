import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { OutboxDrainLoop, type DrainPass } from './outbox-drain.js';

type Counts = 'sent' | 'failed';

/** A consumer whose passes are scripted: each entry is a pass's result or the error it throws. */
function scripted(passes: (DrainPass<Counts> | Error)[], idleMs = 5) {
  const errors: string[] = [];
  let calls = 0;
  const logger = new Logger('test');
  logger.error = (message: unknown) => {
    errors.push(String(message));
  };
  const loop = new OutboxDrainLoop<Counts>({
    label: 'Test',
    logger,
    counts: ['sent', 'failed'],
    idleMs,
    async pass() {
      const next = passes[calls] ?? { claimed: 0, sent: 0, failed: 0 };
      calls += 1;
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { loop, errors, calls: () => calls };
}

describe('OutboxDrainLoop', () => {
  it('drains: adds up the counts of every pass until one claims nothing', async () => {
    const { loop, calls } = scripted([
      { claimed: 3, sent: 2, failed: 1 },
      { claimed: 1, sent: 1, failed: 0 },
    ]);
    expect(await loop.drain()).toEqual({ sent: 3, failed: 1 });
    expect(calls()).toBe(3);
  });

  it('runs passes back to back while they claim rows, and sleeps until woken when one is empty', async () => {
    const { loop, calls } = scripted([
      { claimed: 2, sent: 2, failed: 0 },
      { claimed: 2, sent: 2, failed: 0 },
    ]);
    const stop = new AbortController();
    let wake: () => void = () => undefined;
    const running = loop.run(stop.signal, {
      idleMs: 60_000,
      wakeUp: () => new Promise<void>((resolve) => (wake = resolve)),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls()).toBe(3); // two full passes, then the empty one, then asleep (the timer is long)
    wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls()).toBe(4); // the wake-up ran one more pass at once
    stop.abort();
    await running;
  });

  it('logs a failing pass, waits the backoff out and goes on', async () => {
    const { loop, errors, calls } = scripted([
      new Error('connection refused'),
      { claimed: 1, sent: 1, failed: 0 },
    ]);
    const stop = new AbortController();
    const running = loop.run(stop.signal, {
      wakeUp: () => new Promise<void>(() => undefined),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // first backoff: at most 500 ms
    stop.abort();
    await running;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Test pass failed \(connection refused\); retry in \d+ ms$/);
    expect(calls()).toBeGreaterThanOrEqual(3);
  });

  it('stops when its signal aborts, without another pass', async () => {
    const { loop, calls } = scripted([]);
    const stop = new AbortController();
    stop.abort();
    await loop.run(stop.signal);
    expect(calls()).toBe(0);
  });
});
