/**
 * The pace of a playing run, pure (the clock is passed in, so a test drives it): how many
 * minibatch steps are due at `stepsPerSecond` (0 = as fast as a time slice allows), when the
 * steps gathered so far are posted (at most one message per flush interval: the charts redraw
 * at ~40 per second, never thousands), and how long to wait before the next slice.
 */

/** At most one training message per this many ms while playing. */
export const FLUSH_MS = 25;
/** Compute per slice before messages get a turn, in ms. */
export const SLICE_MS = 15;

export class Pacer {
  private start = 0;
  private steps = 0;
  private lastFlush = -Infinity;

  constructor(private rate = 0) {}

  /** Steps per second (0 = unthrottled). */
  get stepsPerSecond(): number {
    return this.rate;
  }

  /** (Re)starts the clock of the run at `now`, e.g. on Play or a new pace. */
  restart(now: number, stepsPerSecond = this.rate): void {
    this.rate = stepsPerSecond;
    this.start = now;
    this.steps = 0;
  }

  /** Steps due at `now` (unbounded when unthrottled: the slice's deadline stops them). */
  due(now: number): number {
    if (this.rate <= 0) return Number.MAX_SAFE_INTEGER;
    return Math.max(0, Math.floor(((now - this.start) * this.rate) / 1000) + 1 - this.steps);
  }

  /** Records `n` steps taken. */
  took(n: number): void {
    this.steps += n;
  }

  /** Whether a message may go out at `now` (one per FLUSH_MS). */
  flushDue(now: number): boolean {
    return now - this.lastFlush >= FLUSH_MS;
  }

  /** Records a message posted at `now`. */
  flushed(now: number): void {
    this.lastFlush = now;
  }

  /** Milliseconds until the next slice: the next step's time, but never past the next flush. */
  delay(now: number): number {
    if (this.rate <= 0) return 0;
    // step k (from 0) falls due at start + k/rate: the next one is step number `steps`
    return Math.min(FLUSH_MS, Math.max(1, this.start + (this.steps * 1000) / this.rate - now));
  }
}
