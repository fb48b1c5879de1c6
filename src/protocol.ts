/**
 * The typed messages between the extension and its webviews (the playground and the
 * normal-distribution explorer). Types only, no `vscode` import: both sides share it.
 * Runtime validation of every received message lives next to each receiver
 * (`src/extension/messages.ts`, `webview/state.ts`), checked against these types.
 *
 * Handshake: the webview posts `ready` once its script runs; the extension answers `init`.
 * The extension posts nothing before `ready` (a reloaded webview says `ready` again and gets a
 * fresh `init`). Each side validates what it receives and drops (and logs) anything else.
 *
 * Data flow: the extension host reads the CSV and runs every computation in a worker
 * thread; the webview receives only what it draws (summaries, a ≤ maxPlotPoints sample,
 * grids, training progress). It never receives a file path it could open itself: a
 * dataset is named by a display label only.
 */

/** Bumped when a message changes shape; the webview shows an error on a mismatch. */
export const PROTOCOL_VERSION = 2;

/** How the extension is running: mirrors `vscode.ExtensionMode` in readable form. */
export type ExtensionModeName = 'production' | 'development' | 'test';

/** Which screen a webview shows. */
export type ViewKind = 'playground' | 'normal';

// The vocabulary is the core's: one home for each name list and shape.
import type { ResidualDiagnostics } from './core/residual-diagnostics';
import type { DesignChoice, SgdParams } from './core/choices';
import type { FitSummary } from './core/fit-summary';
import type { CodeLanguage } from './core/model-code';
import type { HeaderChoice } from './core/data';
export type { DesignChoice, SgdParams } from './core/choices';
export type { FitSummary, TermRow } from './core/fit-summary';
export type { LossKind } from './core/linear-model';
export type { ScheduleKind } from './core/schedule';
export type { CodeLanguage as ModelCodeLanguage } from './core/model-code';

// ---- shared shapes ------------------------------------------------------------------

/** The `gaussLab.*` settings the webview uses as defaults. */
export interface PlaygroundDefaults {
  readonly sgd: SgdParams;
  readonly maxPlotPoints: number;
}

export interface ColumnInfo {
  readonly name: string;
  readonly numeric: boolean;
  /** Why a column is not numeric, e.g. `"alice" at row 2 is not a number`. */
  readonly reason?: string;
  /** A text column read as a category: its number of levels. */
  readonly levels?: number;
  /** A category's rare levels (fewer than RARE_LEVEL_ROWS rows each): the rarest, how many in all, and as a phrase. */
  readonly rare?: { readonly levels: readonly { readonly level: string; readonly rows: number }[]; readonly count: number; readonly text: string };
  /** Why it looks like an id: not a feature by default. */
  readonly id?: string;
  /** A numeric column of this few distinct whole numbers: maybe codes (one click makes it a category). */
  readonly integerLevels?: number;
}

export interface DroppedRowInfo {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

/** A loaded dataset, as the Data section shows it. */
export interface DatasetInfo {
  /** Display label only (workspace-relative name, or "d2l synthetic (built-in)"). */
  readonly label: string;
  readonly builtin: boolean;
  readonly columns: readonly ColumnInfo[];
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rowsDropped: number;
  /** The first reasons rows were dropped. */
  readonly dropped: readonly DroppedRowInfo[];
  readonly warnings: readonly string[];
  /** The design the extension fitted first (last used for this file, or a sensible default). */
  readonly design: DesignChoice;
  /** A file's first line: the choice, and whether it was read as a header (null: not a text file). */
  readonly header: { readonly choice: HeaderChoice; readonly firstLineIsHeader: boolean } | null;
}


/** A uniform sample of rows for plotting; statistics always use every row. */
export interface PlotSample {
  /** Rows shown and rows in the data, for "showing 5,000 of 1,000,000 rows". */
  readonly shown: number;
  readonly total: number;
  /** Raw feature values per chosen feature (before polynomial expansion), shown rows only. */
  readonly features: readonly (readonly number[])[];
  readonly y: readonly number[];
  /** Closed-form predictions and residuals y − ŷ for the shown rows. */
  readonly yhat: readonly number[];
  readonly residuals: readonly number[];
  /** Each shown point's row number in its file (1-based data row for the built-in data). */
  readonly rows: readonly number[];
  /** Each shown point's leverage hᵢ and Cook's distance (null where undefined: an exact fit). */
  readonly leverage: readonly (number | null)[];
  readonly cooks: readonly (number | null)[];
}

/** One input of the what-if box: a column the model reads, with a starting value. */
export interface WhatIfInput {
  readonly name: string;
  readonly kind: 'number' | 'category';
  /** A category's levels as the model knows them. */
  readonly levels?: readonly string[];
  /** The starting value: a number column's median, a category's most frequent level. */
  readonly value: string;
}

/** A part's scores (see core/held-out.ts). */
export interface PartScores {
  readonly rows: number;
  readonly rmse: number;
  readonly mae: number;
  readonly rSquared: number;
  readonly logRmse: number | null;
}

/** Scores of the closed form fitted on the training rows (the design's validation split). */
export interface HeldOutScores {
  readonly fraction: number;
  readonly seed: number;
  readonly train: PartScores;
  readonly validation: PartScores;
}

/** What the model predicts for the what-if values, or why it cannot. */
export type WhatIfResult =
  | {
      readonly prediction: number;
      readonly level: number;
      readonly confidence: readonly [number, number];
      readonly predictionInterval: readonly [number, number];
      /** The formula's left side: what is predicted. */
      readonly predicts: string;
    }
  | { readonly note: string };

/** The fitted line/curve over one feature's range, for the data chart (one feature only). */
export interface FitCurve {
  readonly x: readonly number[];
  readonly yhat: readonly number[];
  /** The feature on the x axis (as the model names it, e.g. `x` or `np.log(x)`). */
  readonly feature: string;
  /** Its highest power in the model (1: a line). */
  readonly degree: number;
}

/**
 * Mean squared loss over a grid of two parameters (the others at the optimum), for the
 * contour chart. `loss[i][j]` is at (a[j], b[i]).
 */
export interface LossLandscape {
  /** Parameter names on the axes, e.g. "w (x1)" and "b", or two weights. */
  readonly aName: string;
  readonly bName: string;
  /** Indices of the two parameters in the coefficient vector (intercept first). */
  readonly aIndex: number;
  readonly bIndex: number;
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly loss: readonly (readonly number[])[];
  /** The closed-form optimum (a*, b*). */
  readonly optimum: readonly [number, number];
}

/** MSE and Gaussian NLL along one coefficient (others fixed): both minimal at the same place. */
export interface LikelihoodProfile {
  readonly name: string;
  readonly values: readonly number[];
  readonly mse: readonly number[];
  readonly nll: readonly number[];
  /** Index into `values` of the smallest `mse`. */
  readonly argminMse: number;
  /** Index into `values` of the smallest `nll`. */
  readonly argminNll: number;
}

export interface FitPayload {
  /** The model as a formula (the one written, or the pickers' design said as one). */
  readonly formula: string;
  /** The target as the model names it (e.g. `np.log(price)`). */
  readonly target: string;
  readonly intercept: boolean;
  readonly summary: FitSummary;
  /** Coefficients in original units, intercept first (0 for dropped terms). */
  readonly coefficients: readonly number[];
  readonly termNames: readonly string[];
  readonly sample: PlotSample;
  readonly curve: FitCurve | null;
  readonly landscape: LossLandscape | null;
  readonly profiles: readonly LikelihoodProfile[];
  /** σ̂ for the residual chart's N(0, σ̂²) density. */
  readonly sigma: number | null;
  /**
   * statsmodels' block under the summary, over every row the model used; null where a statistic
   * is not defined (the omnibus test below 8 rows, as statsmodels' NaN).
   */
  readonly diagnostics: { readonly [K in keyof ResidualDiagnostics]: number | null };
  /** Held-out scores when the design holds rows out for validation, else null. */
  readonly heldOut: HeldOutScores | null;
  /** The what-if box's inputs (the columns the model reads). */
  readonly whatIf: readonly WhatIfInput[];
}

/** One minibatch step, as drawn. */
export interface TrainingStep {
  readonly globalStep: number;
  readonly epoch: number;
  readonly step: number;
  readonly learningRate: number;
  readonly batchLoss: number;
  /** Coefficients in original units, intercept first (same order as FitPayload.coefficients). */
  readonly theta: readonly number[];
  /** ‖θ − θ*‖ to the closed-form optimum. */
  readonly distance: number;
}

export interface TrainingEpoch {
  readonly epoch: number;
  readonly trainLoss: number;
  /** null without a validation split. */
  readonly validationLoss: number | null;
  readonly distance: number;
}

export type TrainingStatus = 'idle' | 'playing' | 'paused' | 'done' | 'diverged' | 'cancelled';

// ---- webview → extension ----------------------------------------------------------

/** The webview's script is running and listening. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** A line for the "Gauss Lab" output channel (errors inside the webview would be invisible otherwise). */
export interface LogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

/** Open the quick pick of workspace CSV files (the extension owns file access). */
export interface ChooseDatasetMessage {
  readonly type: 'chooseDataset';
}

/** Refit the closed form with this design (and reset training). */
export interface SetDesignMessage {
  readonly type: 'setDesign';
  readonly design: DesignChoice;
}

/** Training controls. `play`/`step`/`reset` carry the current parameters. */
export interface TrainMessage {
  readonly type: 'train';
  readonly command: 'play' | 'pause' | 'step' | 'reset';
  readonly params: SgdParams;
}

/** Change η (or the pace) while training, without a reset. */
export interface TuneMessage {
  readonly type: 'tune';
  readonly learningRate: number;
  readonly stepsPerSecond: number;
}

/** Export actions; charts come as SVG text rendered by the webview's Vega views. */
export interface ExportMessage {
  readonly type: 'export';
  /** model: Save Model…; predictOther: Predict on Another CSV… */
  readonly what: 'report' | 'predictions' | 'modelCode' | 'model' | 'predictOther';
  /** For `report`: chart name → SVG markup. */
  readonly charts?: Readonly<Record<string, string>>;
  /** For `modelCode`: which language; the extension asks with a quick pick when absent. Additive (optional). */
  readonly language?: CodeLanguage;
}

/** Cancel a long load or fit. */
export interface CancelMessage {
  readonly type: 'cancel';
}

/**
 * Show the loss landscape over these two parameters: indices into the coefficient vector
 * (intercept first), distinct, not dropped. The extension answers with `landscape`. Additive.
 */
export interface SetLandscapeAxesMessage {
  readonly type: 'setLandscapeAxes';
  readonly a: number;
  readonly b: number;
}

/**
 * Save one chart as a file through VS Code's save dialog (not a browser download): the view renders it with its
 * Vega view and the extension asks where to save it. `data` is SVG markup for `svg` and a
 * `data:image/png;base64,` URL for `png`. Additive.
 */
export interface SaveChartMessage {
  readonly type: 'saveChart';
  /** The chart's name, e.g. `residuals` (a short, file-name-safe string). */
  readonly name: string;
  readonly format: 'svg' | 'png';
  readonly data: string;
}

/** Read the file again with its first line as a header, as data, or detected. Additive. */
export interface SetHeaderMessage {
  readonly type: 'setHeader';
  readonly header: HeaderChoice;
}

/** The what-if box's values, by column (typed text: read as the model reads a CSV cell). */
export interface WhatIfMessage {
  readonly type: 'whatIf';
  readonly values: Readonly<Record<string, string>>;
}

export type WebviewToExtension =
  | WhatIfMessage
  | ReadyMessage
  | LogMessage
  | ChooseDatasetMessage
  | SetDesignMessage
  | TrainMessage
  | TuneMessage
  | ExportMessage
  | CancelMessage
  | SetLandscapeAxesMessage
  | SaveChartMessage
  | SetHeaderMessage;

// ---- extension → webview ----------------------------------------------------------

/** The answer to `ready`: everything the view needs before data arrives. */
export interface InitMessage {
  readonly type: 'init';
  readonly protocolVersion: number;
  readonly extensionVersion: string;
  readonly extensionMode: ExtensionModeName;
  /** Name of the first workspace folder, or null when no folder is open. */
  readonly workspaceName: string | null;
  readonly view: ViewKind;
  readonly defaults: PlaygroundDefaults;
  /** VS Code's `workbench.reduceMotion`: "on" calms the live charts, "auto" follows the system. */
  readonly reduceMotion?: 'on' | 'off' | 'auto';
}

/** Something slow is under way (loading a large file, fitting): show progress, offer Cancel. */
export interface BusyMessage {
  readonly type: 'busy';
  readonly message: string;
  /** 0…1 when known. */
  readonly fraction: number | null;
}

/** A dataset was loaded (or reloaded after the file changed on disk). */
export interface DatasetMessage {
  readonly type: 'dataset';
  readonly dataset: DatasetInfo;
}

/** The closed-form fit of the current design. */
export interface FitMessage {
  readonly type: 'fit';
  readonly design: DesignChoice;
  readonly fit: FitPayload;
}

/** Training progress, throttled (≥ 30 per second while playing, never thousands). */
export interface TrainingMessage {
  readonly type: 'training';
  readonly status: TrainingStatus;
  /** Steps since the previous message (a bounded tail when many happened). */
  readonly steps: readonly TrainingStep[];
  /** Epochs completed since the previous message. */
  readonly epochs: readonly TrainingEpoch[];
  /** Set when status is 'diverged': names epoch, step and a stable η. */
  readonly divergence: { readonly message: string; readonly suggestedLearningRate: number } | null;
  /** Set when training (re)started: the run's start, so the view clears its curves. */
  readonly reset: boolean;
  readonly totalSteps: number;
  /**
   * The mean loss on the training rows of the exact minimiser of the run's objective (its loss,
   * its weight decay, its training rows): the reference line of the loss chart; null when unknown.
   */
  readonly optimumLoss?: number | null;
  /** What that reference is: "least squares optimum", "ridge optimum, λ = 0.1", "LAD optimum", … */
  readonly optimumLabel?: string | null;
  /** The same optimum's mean loss on the validation rows (the validation curve's reference). */
  readonly optimumValidationLoss?: number | null;
  /** When other θ reach the same minimum (LAD's flat bottom): how far each coefficient ranges. */
  readonly optimumExtent?: string | null;
}

/** An error is a screen: what happened and what to try. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly scope: 'data' | 'fit' | 'training' | 'export';
  readonly message: string;
  readonly hint: string | null;
}

/**
 * The extension asks the view for its charts (the palette's "Export Fit Report"): the view
 * answers with an `export` message carrying `charts`. A view that ignores it gets a report
 * without charts after a short wait. Additive.
 */
export interface RequestExportMessage {
  readonly type: 'requestExport';
  readonly what: 'report';
}

/** The loss landscape of the current fit over the axes `setLandscapeAxes` chose. Additive. */
export interface LandscapeMessage {
  readonly type: 'landscape';
  readonly landscape: LossLandscape | null;
}

/**
 * The `gaussLab.*` settings changed while the view is open: its new defaults. The view takes
 * them for the fields the user has not changed (still equal to the previous defaults). Additive.
 */
export interface DefaultsMessage {
  readonly type: 'defaults';
  readonly defaults: PlaygroundDefaults;
}

export type ExtensionToWebview =
  | InitMessage
  | BusyMessage
  | DatasetMessage
  | FitMessage
  | TrainingMessage
  | ErrorMessage
  | RequestExportMessage
  | LandscapeMessage
  | DefaultsMessage
  | WhatIfResultMessage;

/** The what-if box's prediction, answering a `whatIf`. */
export interface WhatIfResultMessage {
  readonly type: 'whatIfResult';
  readonly result: WhatIfResult;
}

/** What the webview persists with `setState` (restored by the panel serializer after a reload). */
export interface PersistedPlaygroundState {
  readonly version: 2;
  readonly view: ViewKind;
  readonly design: DesignChoice | null;
  readonly sgd: SgdParams | null;
  /** For the normal explorer: the (μ, σ) pairs and the sample size. */
  readonly normal: { readonly pairs: readonly (readonly [number, number])[]; readonly n: number } | null;
}
