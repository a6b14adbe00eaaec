export interface BackoffOptions {
  /** Delay after the first failure, before jitter. */
  baseMs: number;
  /** Upper bound of any delay. */
  capMs: number;
}

export const OUTBOX_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 60_000 };

/**
 * Delay before the next attempt after `attempts` failures: exponential (base · 2^(attempts-1)),
 * capped, with "equal jitter" (half fixed, half random) so relays that failed together do not
 * retry in lock-step, while a delay never shrinks below half of its step.
 */
export function backoffDelayMs(
  attempts: number,
  options: BackoffOptions = OUTBOX_BACKOFF,
  random: () => number = Math.random,
): number {
  const step = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
