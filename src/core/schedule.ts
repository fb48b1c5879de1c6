/**
 * Learning-rate schedules: their names (one list for the panel, the CLI and the messages) and
 * what each name stands for. No imports, so anything may use the vocabulary cheaply.
 */

/** Learning-rate schedules; `t` counts minibatch steps from 0, `epoch` epochs from 0. */
export type Schedule =
  | { readonly kind: 'constant' }
  /** η · factor^⌊epoch / every⌋ */
  | { readonly kind: 'step'; readonly every: number; readonly factor: number }
  /** η / (1 + decay · t): the 1/t decay */
  | { readonly kind: 'inverse'; readonly decay: number }
  /** η_min + (η − η_min)(1 + cos(π t / T))/2 over the T steps of the run */
  | { readonly kind: 'cosine'; readonly minLearningRate?: number };

/** The schedules a person picks by name (panel, CLI, settings); their parameters are in {@link scheduleFor}. */
export const SCHEDULE_KINDS = ['constant', 'step', 'inverse', 'cosine'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/**
 * The schedule a name stands for: η halves every epoch (`step`), η/(1 + 0.01·t) (`inverse`),
 * a cosine from η down to 0 over the run (`cosine`).
 */
export function scheduleFor(kind: ScheduleKind): Schedule {
  switch (kind) {
    case 'constant':
      return { kind: 'constant' };
    case 'step':
      return { kind: 'step', every: 1, factor: 0.5 };
    case 'inverse':
      return { kind: 'inverse', decay: 0.01 };
    case 'cosine':
      return { kind: 'cosine' };
  }
}
