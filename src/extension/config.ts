import * as vscode from 'vscode';
import type { PlaygroundDefaults } from '../protocol';

/** The `gaussLab.*` settings, with the chapter's defaults when unset or out of range. */
export function readDefaults(): PlaygroundDefaults {
  const c = vscode.workspace.getConfiguration('gaussLab');
  const num = (key: string, fallback: number, ok: (x: number) => boolean) => {
    const x = c.get<number>(key);
    return typeof x === 'number' && Number.isFinite(x) && ok(x) ? x : fallback;
  };
  const int = (x: number) => Number.isInteger(x);
  return {
    sgd: {
      learningRate: num('learningRate', 0.03, (x) => x > 0),
      batchSize: num('batchSize', 10, (x) => int(x) && x >= 1),
      epochs: num('epochs', 3, (x) => int(x) && x >= 0),
      schedule: 'constant',
      loss: 'squared',
      huberDelta: 1,
      weightDecay: 0,
      seed: num('seed', 0, (x) => int(x) && x >= 0 && x < 2 ** 32),
      stepsPerSecond: num('stepsPerSecond', 60, (x) => x >= 0),
    },
    maxPlotPoints: num('maxPlotPoints', 5000, (x) => int(x) && x >= 100),
  };
}
