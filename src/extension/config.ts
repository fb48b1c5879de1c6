import * as vscode from 'vscode';
import { inBound } from '../core/bounds';
import { DEFAULT_SGD_PARAMS } from '../core/choices';
import type { PlaygroundDefaults } from '../protocol';
import { SETTINGS, SETTINGS_SECTION } from './settings';

type NumberKey = { [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K]['type'] extends 'number' ? K : never }[keyof typeof SETTINGS];

/** A numeric setting, or its default when unset or out of its bounds. */
function numberSetting(c: vscode.WorkspaceConfiguration, key: NumberKey): number {
  const { bound } = SETTINGS[key];
  const x = c.get<unknown>(key);
  return inBound(x, bound) ? x : bound.default;
}

/** The `gaussLab.*` settings the playground uses as defaults (the chapter's when unset or out of range). */
export function readDefaults(): PlaygroundDefaults {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    sgd: {
      ...DEFAULT_SGD_PARAMS,
      learningRate: numberSetting(c, 'learningRate'),
      batchSize: numberSetting(c, 'batchSize'),
      epochs: numberSetting(c, 'epochs'),
      seed: numberSetting(c, 'seed'),
      stepsPerSecond: numberSetting(c, 'stepsPerSecond'),
    },
    maxPlotPoints: numberSetting(c, 'maxPlotPoints'),
  };
}

/** `gaussLab.threads`: threads that read a large CSV file (0: the machine's cores, resolved where the reading runs). */
export function readThreads(): number {
  return numberSetting(vscode.workspace.getConfiguration(SETTINGS_SECTION), 'threads');
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
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, resource);
  const include = c.get<unknown>('codeLens.include');
  const python = c.get<unknown>('pythonPath');
  return {
    enabled: c.get<unknown>('codeLens.enabled') !== false,
    include: typeof include === 'string' && include.trim() !== '' ? include.trim() : SETTINGS['codeLens.include'].default,
    timeoutMs: numberSetting(c, 'bench.timeoutSeconds') * 1000,
    pythonPath: typeof python === 'string' ? python.trim() : SETTINGS.pythonPath.default,
  };
}
