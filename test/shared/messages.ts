// Helpers shared by the unit tests (vitest) and the in-host suite (bundled into the extension host).
import type { SgdParams } from '../../src/protocol';

/** The playground's training parameters: d2l's defaults (η 0.03, batch 10, 3 epochs), overridable. */
export const sgdParams = (over: Partial<SgdParams> = {}): SgdParams => ({
  learningRate: 0.03,
  batchSize: 10,
  epochs: 3,
  schedule: 'constant',
  loss: 'squared',
  huberDelta: 1,
  weightDecay: 0,
  seed: 0,
  stepsPerSecond: 0,
  ...over,
});

/** Paths of every non-finite number in a message (NaN must never reach a chart). */
export function nonFinite(x: unknown, path = '$'): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}
