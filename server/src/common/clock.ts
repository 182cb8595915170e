/** The one source of "now". Services never call `new Date()` for business time. */
export interface Clock {
  now(): Date;
}

/**
 * Wall-clock time plus an offset that dev tools (and tests) can move forward.
 * Moving it never goes backwards, so periods and leases stay monotonic.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): Date {
    return new Date(this.base() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new Error("the clock only moves forward");
    this.offsetMs += ms;
    return this.now();
  }
}

/** A clock that stands still until told to move: for tests. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = "2026-01-15T12:00:00.000Z") {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

/** Wall-clock time, for security timers (sessions, login limits) that business time must not move. */
export const wallClock: Clock = { now: () => new Date() };
