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

/** The bench code lens's settings (`gaussLab.codeLens.*`, `gaussLab.bench.*`, `gaussLab.pythonPath`). */
export interface BenchSettings {
  readonly enabled: boolean;
  /** Glob of the files that get lenses ("**" = all). */
  readonly include: string;
  readonly timeoutMs: number;
  /** Empty when unset. */
  readonly pythonPath: string;
}

export function readBenchSettings(resource?: vscode.Uri): BenchSettings {
  const c = vscode.workspace.getConfiguration('gaussLab', resource);
  const timeout = c.get<number>('bench.timeoutSeconds');
  const include = c.get<string>('codeLens.include');
  const python = c.get<string>('pythonPath');
  return {
    enabled: c.get<boolean>('codeLens.enabled') !== false,
    include: typeof include === 'string' && include.trim() !== '' ? include.trim() : '**',
    timeoutMs: typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : 30_000,
    pythonPath: typeof python === 'string' ? python.trim() : '',
  };
}
