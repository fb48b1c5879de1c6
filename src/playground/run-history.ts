import type { TrainingEpoch, TrainingStep } from '../protocol';

/**
 * The run so far as the view was sent it (steps and epochs), bounded: when either list
 * reaches `cap`, every other entry is dropped (the latest is always kept). Replayed to a view
 * that reconnects (a hidden panel is torn down), so its curves come back.
 */
export class RunHistory {
  private stepList: TrainingStep[] = [];
  private epochList: TrainingEpoch[] = [];

  constructor(readonly cap = 1000) {}

  clear(): void {
    this.stepList = [];
    this.epochList = [];
  }

  add(steps: readonly TrainingStep[], epochs: readonly TrainingEpoch[]): void {
    this.stepList.push(...steps);
    this.epochList.push(...epochs);
    this.stepList = thin(this.stepList, this.cap);
    this.epochList = thin(this.epochList, this.cap);
  }

  get steps(): readonly TrainingStep[] {
    return this.stepList;
  }

  get epochs(): readonly TrainingEpoch[] {
    return this.epochList;
  }
}

/** Halves `xs` (keeping the first and the last) until it is shorter than `cap`. */
function thin<T>(xs: T[], cap: number): T[] {
  let out = xs;
  while (out.length >= cap && out.length > 2) {
    const last = out[out.length - 1];
    out = out.filter((_, i) => i % 2 === 0);
    if (out[out.length - 1] !== last) out.push(last);
  }
  return out;
}

/** Epochs with a non-finite loss are not sent. */
export function finiteEpochs(epochs: readonly TrainingEpoch[]): TrainingEpoch[] {
  return epochs.filter((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.distance));
}

