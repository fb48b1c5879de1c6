/**
 * Messages between the extension host and the playground worker (`playground-compute.ts`).
 * Internal to the extension (the webview never sees them). Types only.
 *
 * The worker owns the dataset; it answers each request that carries an `id` with one
 * `done` message, and sends what the webview should show as `post` messages (already in
 * the webview protocol's shapes), which the host forwards unchanged.
 */
import type { HeaderChoice } from '../core/data';
import type { DisplayLanguage } from '../core/display-language';
import type { DesignChoice, ExtensionToWebview, FitPayload, SgdParams } from '../protocol';

/**
 * How the worker reaches a data file: its path on disk (desktop: the worker streams it), or its
 * bytes (the web: the extension read it with VS Code's file system and transferred it).
 */
export type FileRef = { readonly path: string } | { readonly bytes: Uint8Array };

export type HostToWorker =
  /** The display language of every text the worker makes (sent first). */
  | { readonly kind: 'language'; readonly language: DisplayLanguage }
  /** Reads a data file (every numeric column, text as categories), then fits `design` (or a default one). */
  | { readonly kind: 'loadFile'; readonly id: number; readonly file: FileRef; readonly label: string; readonly design: DesignChoice | null; readonly maxPlotPoints: number; readonly header?: HeaderChoice; readonly threads?: number }
  /** The built-in d2l synthetic dataset (1,000 rows, w = [2, −3.4], b = 4.2). */
  | { readonly kind: 'loadBuiltin'; readonly id: number; readonly label: string; readonly design: DesignChoice | null; readonly maxPlotPoints: number }
  | { readonly kind: 'setDesign'; readonly id: number; readonly design: DesignChoice; readonly maxPlotPoints: number }
  | { readonly kind: 'train'; readonly command: 'play' | 'pause' | 'step' | 'reset'; readonly params: SgdParams }
  | { readonly kind: 'tune'; readonly learningRate: number; readonly stepsPerSecond: number }
  /** Cancels a load or fit under way (the previous data stays), or stops training. */
  | { readonly kind: 'cancel' }
  /**
   * The data with ŷ and residual columns: written to a new file at `path` (`wx`: never overwrites),
   * or without a path (the web) returned as `text` for the extension to write.
   */
  | { readonly kind: 'writePredictions'; readonly id: number; readonly path?: string }
  /** Recomputes the loss landscape of the current fit over coefficients `a` and `b`. */
  | { readonly kind: 'setLandscapeAxes'; readonly a: number; readonly b: number }
  /** Re-sends the current dataset, fit and training state (a reloaded webview). */
  | { readonly kind: 'resend' }
  /** The what-if box: predicts one row of typed values with the current model (posts `whatIfResult`). */
  | { readonly kind: 'whatIf'; readonly values: Readonly<Record<string, string>> }
  /** The current fit as a model file's text (`done` carries it in `text`). */
  | { readonly kind: 'modelText'; readonly id: number }
  /**
   * Predicts every row of `input` (named `inputName`) with the current model into `output` (chosen
   * in a save dialog), or without an output (the web) returns the CSV as `output` in `done`.
   */
  | { readonly kind: 'predictFile'; readonly id: number; readonly input: FileRef; readonly inputName: string; readonly output?: string };

export type WorkerToHost =
  | { readonly kind: 'post'; readonly message: ExtensionToWebview }
  | { readonly kind: 'done'; readonly id: number; readonly ok: boolean; readonly error?: string; readonly hint?: string | null; readonly rows?: number; readonly cancelled?: boolean; readonly text?: string; readonly output?: string }
  /** The current fit changed (the host keeps it for exports). */
  | { readonly kind: 'fitted'; readonly design: DesignChoice; readonly fit: FitPayload; readonly rowsDropped: number; readonly label: string }
  | { readonly kind: 'progress'; readonly id: number; readonly message: string; readonly rows: number }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };
