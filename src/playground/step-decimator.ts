import type { TrainingStep } from '../protocol';

/**
 * Keeps at most `cap` of the steps between two messages, evenly spread (the stride doubles
 * whenever the buffer fills), always with the latest step; non-finite steps are dropped
 * (NaN never reaches a chart).
 */
export class StepDecimator {
  private buf: TrainingStep[] = [];
  private stride = 1;
  private latest: TrainingStep | undefined;

  constructor(readonly cap = 200) {}

  /** Whether the step with this global index would be kept. */
  wants(globalStep: number): boolean {
    return globalStep % this.stride === 0;
  }

  add(step: TrainingStep): void {
    if (!isFiniteStep(step)) return;
    this.latest = step;
    if (!this.wants(step.globalStep)) return;
    this.buf.push(step);
    if (this.buf.length >= this.cap) {
      this.stride *= 2;
      this.buf = this.buf.filter((s) => s.globalStep % this.stride === 0);
    }
  }

  /** The kept steps (latest included), and a fresh start. */
  take(): TrainingStep[] {
    const out = this.buf;
    if (this.latest && out[out.length - 1] !== this.latest) out.push(this.latest);
    this.buf = [];
    this.latest = undefined;
    this.stride = 1;
    return out;
  }

  get size(): number {
    return this.buf.length + (this.latest && this.buf[this.buf.length - 1] !== this.latest ? 1 : 0);
  }
}

function isFiniteStep(s: TrainingStep): boolean {
  return Number.isFinite(s.batchLoss) && Number.isFinite(s.distance) && Number.isFinite(s.learningRate) && s.theta.every(Number.isFinite);
}
