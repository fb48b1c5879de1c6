/**
 * Every `gaussLab.*` setting: its type, default and (for numbers) bounds, declared once and
 * taken from the core where the core owns the fact. package.json's `contributes.configuration`
 * must say the same (a unit test compares them); `config.ts` reads the settings through this
 * table. No `vscode` import here, so the test can load it.
 */
import type { NumberBound } from '../core/bounds';
import { MAX_PLOT_POINTS, SGD_BOUNDS, THREADS } from '../core/choices';
import { BENCH_TIMEOUT_SECONDS } from '../bench/result';

export type SettingSpec =
  | { readonly type: 'number'; readonly bound: NumberBound }
  | { readonly type: 'boolean'; readonly default: boolean }
  | { readonly type: 'string'; readonly default: string };

/** Keys without the `gaussLab.` prefix. */
export const SETTINGS = {
  learningRate: { type: 'number', bound: SGD_BOUNDS.learningRate },
  batchSize: { type: 'number', bound: SGD_BOUNDS.batchSize },
  epochs: { type: 'number', bound: SGD_BOUNDS.epochs },
  seed: { type: 'number', bound: SGD_BOUNDS.seed },
  maxPlotPoints: { type: 'number', bound: MAX_PLOT_POINTS },
  threads: { type: 'number', bound: THREADS },
  stepsPerSecond: { type: 'number', bound: SGD_BOUNDS.stepsPerSecond },
  'codeLens.enabled': { type: 'boolean', default: true },
  'codeLens.include': { type: 'string', default: '**' },
  'bench.timeoutSeconds': { type: 'number', bound: BENCH_TIMEOUT_SECONDS },
  pythonPath: { type: 'string', default: '' },
} as const satisfies Record<string, SettingSpec>;

export const SETTINGS_SECTION = 'gaussLab';
