// What the bench engine needs to know about a snippet language: how its markers are written,
// how its Markdown fences name it, and how its variants run (harness, program, interpreter,
// crash stacks, the warnings in its terms). One entry per language in ./index.ts; adding a
// language is its entry and its harness.
import type { BenchGroup, BenchRegion } from '../markers';
import type { VariantPrograms } from '../program';
import type { BenchRunOptions } from '../result';

/**
 * How a language's snippets are written and found: all the code lens needs (kept apart from
 * the running part, which only the lazily loaded engine bundle carries).
 */
export interface LanguageSyntax {
  readonly id: string;
  /** For messages: "JavaScript". */
  readonly label: string;
  /** Source files in this language: lower-case extensions with the dot. */
  readonly extensions: readonly string[];
  /** Words of a Markdown fence's info string that mean this language (```js, d2l's {.python .input}). */
  readonly fenceWords: readonly string[];
  /** Markers are line comments with this prefix: `// @bench loop`, `# @bench loop`. */
  readonly commentPrefix: string;
  /** `# %%` cell lines are markers (`# %% @bench loop`) and end groups (Python's cells). */
  readonly cells: boolean;
  /** In a Markdown (notebook-style) block, IPython magics (`%timeit`, `!pip`) are blanked before it runs. */
  readonly notebookMagics: boolean;
}

/** A language's syntax and how its variants run. */
export interface BenchLanguage extends LanguageSyntax {
  /** The harness every variant process runs (its source text), and the extension of the files written for it. */
  readonly harness: () => string;
  readonly fileExtension: string;
  /** The source is transpiled to JavaScript (sucrase, lines kept) before it runs. */
  readonly transpile: boolean;
  /** The program is a CommonJS module body run by Node: the runner keeps the sinking rewrite only when Node parses it. */
  readonly commonJs: boolean;
  /** A variant's program (the baseline when `variant` is undefined). */
  programs(group: BenchGroup, variant: BenchRegion | undefined): VariantPrograms;
  /** The interpreter to start, and its environment. */
  interpreter(options: BenchRunOptions): { readonly command: string; readonly env: NodeJS.ProcessEnv };
  /** The message when the interpreter is not found. */
  interpreterMissing(command: string): string;
  /** Untimed calls before each sample, in ms (see BenchRunOptions.reentryMs). */
  reentryMs(options: BenchRunOptions): number;
  /** Whether the setup runs once per process (else before every sample). */
  setupOnce(options: BenchRunOptions): boolean;
  /**
   * The process writes its stack to the run's stack file on a fatal signal, and when sent this
   * signal (Python's faulthandler): the runner can then name the line a crash or a timeout was on.
   * Without it, a crash is placed on the variant's first line.
   */
  readonly stackSignal?: NodeJS.Signals;
  /** The lines (1-based, innermost last as written) of a stack dump's frames in the program at `virtualPath`. */
  stackLines?(dump: string, virtualPath: string): number[];
  /** The warning for a variant that takes about as long as the empty loop. */
  nearlyEmpty(name: string, median: string, baseline: string): string;
  /** A median under 1 ns is work the engine optimized away (JIT languages). */
  readonly subNanosecondIsDeadCode: boolean;
}

