/**
 * The emulator's clock. Flowing by default (wall-clock speed from `start`), or frozen so that
 * only `advance` moves it (what tests want). It never moves backwards: billing already done
 * cannot be undone.
 */
export class EmulatorClock {
  private offsetMs: number;
  private frozenMs: number | undefined;

  constructor(start: Date, frozen: boolean) {
    this.offsetMs = start.getTime() - Date.now();
    this.frozenMs = frozen ? start.getTime() : undefined;
  }

  get frozen(): boolean {
    return this.frozenMs !== undefined;
  }

  nowMs(): number {
    return this.frozenMs ?? Date.now() + this.offsetMs;
  }

  /** Unix seconds, the unit of every Stripe timestamp. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Moves to `ms` if that is later than now; earlier targets are ignored. */
  moveTo(ms: number): void {
    if (ms <= this.nowMs()) return;
    if (this.frozenMs !== undefined) this.frozenMs = ms;
    else this.offsetMs = ms - Date.now();
  }
}
