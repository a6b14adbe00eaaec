/**
 * The time as the notification jobs see it. Injected (`CLOCK`) so that tests can move it to
 * 08:00 somewhere instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that says what it is told (tests, scripted runs). */
export class SettableClock implements Clock {
  constructor(private current: Date = new Date()) {}

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }
}
