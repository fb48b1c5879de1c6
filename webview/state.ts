// The webview's state: a union (an error is a screen), a pure reducer over validated
// extension messages and local UI actions, and what survives a reload.
import * as l10n from '@vscode/l10n';
import {
  PROTOCOL_VERSION,
  type BusyMessage,
  type DatasetInfo,
  type DesignChoice,
  type ErrorMessage,
  type ExtensionToWebview,
  type FitPayload,
  type InitMessage,
  type PersistedPlaygroundState,
  type SgdParams,
  type TrainingEpoch,
  type TrainingStatus,
  type TrainingStep,
  type ViewKind,
  type WhatIfResult,
} from '../src/protocol';

export { parseExtensionMessage, parsePersisted, describeRejection } from '../src/protocol-schema';

/** d2l's default curves for the normal explorer: (μ, σ) = (0, 1), (0, 2), (3, 1). */
export const D2L_NORMAL_PAIRS: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [3, 1],
];

export interface NormalState {
  readonly pairs: readonly (readonly [number, number])[];
  /** Sample size of the histogram. */
  readonly n: number;
}

/** What the training section shows; the curves themselves live in the chart views. */
export interface TrainingState {
  readonly status: TrainingStatus;
  readonly totalSteps: number;
  /** Steps taken in this run (the last step's globalStep + 1), 0 before the first. */
  readonly stepsTaken: number;
  readonly last: TrainingStep | null;
  readonly lastEpoch: TrainingEpoch | null;
  readonly divergence: { readonly message: string; readonly suggestedLearningRate: number } | null;
  readonly optimumLoss: number | null;
  /** What the reference line is (the minimiser of the run's objective). */
  readonly optimumLabel: string | null;
  /** That optimum's loss on the validation rows (the validation curve's reference), if any. */
  readonly optimumValidationLoss: number | null;
  /** When the optimum is not unique: each moving coefficient's range over the minimisers. */
  readonly optimumExtent: string | null;
  /** Counts run starts (`reset: true`), so views know when to clear their curves. */
  readonly run: number;
}

export const idleTraining: TrainingState = {
  status: 'idle',
  totalSteps: 0,
  stepsTaken: 0,
  last: null,
  lastEpoch: null,
  divergence: null,
  optimumLoss: null,
  optimumLabel: null,
  optimumValidationLoss: null,
  optimumExtent: null,
  run: 0,
};

export interface ReadyState {
  readonly kind: 'ready';
  readonly init: InitMessage;
  readonly view: ViewKind;
  readonly dataset: DatasetInfo | null;
  /** The design of the current fit (or the one the user just asked for). */
  readonly design: DesignChoice | null;
  readonly fit: FitPayload | null;
  readonly busy: BusyMessage | null;
  /** The last error, shown as a screen until the next successful message of its scope. */
  readonly error: ErrorMessage | null;
  readonly training: TrainingState;
  readonly sgd: SgdParams;
  readonly normal: NormalState;
  /** Bumped by `requestExport`: the view answers with its charts. */
  readonly exportRequests: number;
  /** The what-if box's last answer for the current fit. */
  readonly whatIf: WhatIfResult | null;
}

/** What the webview shows: an error is a screen, not a console line. */
export type PlaygroundState =
  | { readonly kind: 'loading'; readonly restored: PersistedPlaygroundState | null }
  | { readonly kind: 'error'; readonly message: string; readonly hint: string | null }
  | ReadyState;

/** Local actions from the view's own controls. */
export type LocalAction =
  | { readonly type: 'local/sgd'; readonly sgd: SgdParams }
  | { readonly type: 'local/design'; readonly design: DesignChoice }
  | { readonly type: 'local/normal'; readonly normal: NormalState }
  | { readonly type: 'local/dismissError' };

export type Action = ExtensionToWebview | LocalAction;

export function initialState(restored?: PersistedPlaygroundState | null): PlaygroundState {
  return { kind: 'loading', restored: restored ?? null };
}

/** The next state after a message or a local action. Pure: never mutates `state`. */
export function reduce(state: PlaygroundState, action: Action): PlaygroundState {
  if (action.type === 'init') {
    if (action.protocolVersion !== PROTOCOL_VERSION) {
      return {
        kind: 'error',
        message: l10n.t('The extension speaks protocol {0}, this view {1}.', String(action.protocolVersion), String(PROTOCOL_VERSION)),
        hint: l10n.t('Reload the window (Developer: Reload Window) so both sides are the same version.'),
      };
    }
    // A fresh init (reload, re-handshake) keeps what the user already set up.
    const prev = state.kind === 'ready' ? state : undefined;
    const restored = state.kind === 'loading' ? state.restored : null;
    return {
      kind: 'ready',
      init: action,
      view: action.view,
      dataset: prev?.dataset ?? null,
      design: prev?.design ?? restored?.design ?? null,
      fit: prev?.fit ?? null,
      busy: null,
      error: null,
      training: prev?.training ?? idleTraining,
      sgd: prev ? followDefaults(prev.sgd, prev.init.defaults.sgd, action.defaults.sgd) : (restored?.sgd ?? action.defaults.sgd),
      normal: prev?.normal ?? restored?.normal ?? { pairs: D2L_NORMAL_PAIRS, n: 1000 },
      exportRequests: prev?.exportRequests ?? 0,
      whatIf: prev?.whatIf ?? null,
    };
  }
  if (state.kind !== 'ready') return state;
  switch (action.type) {
    case 'busy':
      return { ...state, busy: action };
    case 'dataset':
      return {
        ...state,
        // Another dataset brings back the default η: a stable η depends on the data's scale (one
        // that suits this file can diverge on the next). Batch size, epochs, schedule, loss,
        // seed and pace are the user's way of working: they follow across datasets. The same
        // file read again (it changed on disk) keeps everything.
        sgd: state.dataset && state.dataset.label !== action.dataset.label ? { ...state.sgd, learningRate: state.init.defaults.sgd.learningRate } : state.sgd,
        dataset: action.dataset,
        design: action.dataset.design,
        fit: null,
        busy: null,
        error: state.error?.scope === 'data' ? null : state.error,
        training: { ...idleTraining, run: state.training.run + 1 },
      };
    case 'fit':
      return {
        ...state,
        design: action.design,
        fit: action.fit,
        whatIf: null,
        busy: null,
        error: state.error && (state.error.scope === 'fit' || state.error.scope === 'data') ? null : state.error,
        training: { ...idleTraining, run: state.training.run + 1 },
      };
    case 'training': {
      const t = state.training;
      const base = action.reset ? { ...idleTraining, run: t.run + 1 } : t;
      const last = action.steps.length ? action.steps[action.steps.length - 1] : base.last;
      const lastEpoch = action.epochs.length ? action.epochs[action.epochs.length - 1] : base.lastEpoch;
      return {
        ...state,
        busy: null,
        error: state.error?.scope === 'training' ? null : state.error,
        training: {
          status: action.status,
          totalSteps: action.totalSteps,
          stepsTaken: last ? last.globalStep + 1 : 0,
          last,
          lastEpoch,
          divergence: action.status === 'diverged' ? (action.divergence ?? base.divergence) : null,
          optimumLoss: action.optimumLoss ?? base.optimumLoss,
          optimumLabel: action.optimumLabel ?? base.optimumLabel,
          optimumValidationLoss: action.optimumValidationLoss ?? base.optimumValidationLoss,
          optimumExtent: action.optimumExtent !== undefined ? action.optimumExtent : base.optimumExtent,
          run: base.run,
        },
      };
    }
    case 'error':
      return { ...state, busy: null, error: action };
    case 'requestExport':
      return { ...state, exportRequests: state.exportRequests + 1 };
    case 'whatIfResult':
      return { ...state, whatIf: action.result };
    case 'defaults':
      return { ...state, init: { ...state.init, defaults: action.defaults }, sgd: followDefaults(state.sgd, state.init.defaults.sgd, action.defaults.sgd) };
    case 'landscape':
      // same fit over other axes: the training run (and its trajectory) carries on
      return state.fit ? { ...state, fit: { ...state.fit, landscape: action.landscape } } : state;
    case 'local/sgd':
      return { ...state, sgd: action.sgd };
    case 'local/design':
      return { ...state, design: action.design };
    case 'local/normal':
      return { ...state, normal: action.normal };
    case 'local/dismissError':
      return { ...state, error: null };
    default:
      return state;
  }
}

/**
 * New SGD defaults (the settings changed): a field still at the previous default follows
 * them, one the user changed stays. The same object when nothing changes.
 */
export function followDefaults(sgd: SgdParams, previous: SgdParams, next: SgdParams): SgdParams {
  const out = { ...sgd } as Record<keyof SgdParams, unknown>;
  let changed = false;
  for (const k of Object.keys(next) as (keyof SgdParams)[]) {
    if (sgd[k] === previous[k] && sgd[k] !== next[k]) {
      out[k] = next[k];
      changed = true;
    }
  }
  return changed ? (out as unknown as SgdParams) : sgd;
}

/** What survives a reload through `setState` (the serializer hands it back to the extension). */
export function persisted(state: PlaygroundState): PersistedPlaygroundState | undefined {
  if (state.kind === 'loading') return state.restored ?? undefined;
  if (state.kind !== 'ready') return undefined;
  return { version: 2, view: state.view, design: state.design, sgd: state.sgd, normal: state.normal };
}
