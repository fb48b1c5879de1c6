/**
 * d2l's Timer: record running times. `start()` begins a lap, `stop()` ends it and
 * returns its length in seconds; `avg`, `sum` and `cumsum` summarise the laps.
 * Uses `performance.now()`, a global in Node, workers and browsers.
 */
export class Timer {
  readonly times: number[] = [];
  private t0 = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.start();
  }

  start(): void {
    this.t0 = this.now();
  }

  /** Ends the lap; returns its length in seconds. */
  stop(): number {
    const dt = (this.now() - this.t0) / 1000;
    this.times.push(dt);
    return dt;
  }

  /** Mean lap in seconds (NaN with no laps, never a division by zero hidden as 0). */
  avg(): number {
    return this.times.length === 0 ? NaN : this.sum() / this.times.length;
  }

  sum(): number {
    let s = 0;
    for (const t of this.times) s += t;
    return s;
  }

  /** Running totals of the laps. */
  cumsum(): number[] {
    let s = 0;
    return this.times.map((t) => (s += t));
  }
}
