// What running a bench group gives back. Types only (plus nothing at run time), so the lens, the
// hover, the CLI and tests share one vocabulary. Errors are values, not exceptions.
import type { NumberBound } from '../core/bounds';
import type { SampleSummary } from './statistics';
import type { SnippetLanguage } from './markers';

/** One timed variant: summary statistics of its per-iteration times, and the raw samples. */
/** Wall-clock limit of one group, in seconds (the `gaussLab.bench.timeoutSeconds` setting, the CLI's `--timeout`). */
export const BENCH_TIMEOUT_SECONDS: NumberBound = { min: 0, exclusiveMin: true, max: Infinity, default: 30 };

export interface VariantResult extends SampleSummary {
  readonly name: string;
  /** The variant's marker line (0-based). */
  readonly markerLine: number;
  /** How many times the snippet ran inside each timed sample, calibrated so a sample lasts at least the target (raised mid-run if the code got faster; this is the last value). */
  readonly iterationsPerSample: number;
  readonly raw: {
    /** Nanoseconds per iteration of each sample, in the order the samples ran. */
    readonly samplesNs: readonly number[];
    /**
     * d2l's `Timer` view of the same samples: `times` are seconds per run of the snippet (one per
     * sample), with `avg`, `sum` and `cumsum` as `Timer` computes them.
     */
    readonly timer: { readonly times: readonly number[]; readonly avg: number; readonly sum: number; readonly cumsum: readonly number[] };
    /** Median nanoseconds spent before each timed sample on the setup (Python, or `jsSetup: 'per-sample'`; near 0 when the setup ran once). Never part of a timing. */
    readonly setupNs: number;
  };
}

/** The fastest against the slowest: `factor` = median(slowest) / median(fastest). */
export interface BenchRatio {
  readonly fastest: string;
  readonly slowest: string;
  readonly factor: number;
  /** 95% paired-bootstrap confidence interval of the factor. */
  readonly ci95: readonly [number, number];
}

export interface BenchWarning {
  /** The variant it is about, or null for the whole group. */
  readonly variant: string | null;
  /** The user's line (0-based) it is about, or null. */
  readonly line: number | null;
  readonly message: string;
}

export interface BenchSuccess {
  readonly kind: 'ok';
  readonly groupId: string;
  readonly language: SnippetLanguage;
  /** In file order. */
  readonly variants: readonly VariantResult[];
  readonly ratio: BenchRatio;
  /** Each variant against the fastest (the fastest itself has factor 1). */
  readonly relative: ReadonlyArray<{ readonly name: string; readonly factor: number; readonly ci95: readonly [number, number] }>;
  /** Median nanoseconds per iteration of an empty body in the same loop (the loop's own cost), or null if not measured. */
  readonly baselineNs: number | null;
  readonly warnings: readonly BenchWarning[];
  /** "Node v20.20.2", "Python 3.11.2". */
  readonly runtime: string;
  readonly method: {
    /** Interleaved rounds: each variant ran once per round, the starting variant rotating. */
    readonly rounds: number;
    readonly sampleTargetMs: number;
    readonly warmupMs: number;
    /** Untimed calls before each JavaScript sample (0 for Python, whose timings showed no such effect). */
    readonly reentryMs: number;
    readonly budgetMs: number;
    /** When the setup ran: once per variant process, or before every sample. */
    readonly setup: 'once' | 'per-sample';
  };
  readonly elapsedMs: number;
}

export interface BenchFailure {
  readonly kind: 'error';
  /** The variant whose code failed ("setup" when the failing line is in the setup), or null for the group. */
  readonly variant: string | null;
  /** In the user's terms: what happened and, where it helps, what to try. */
  readonly message: string;
  /** The user's line (0-based) where it happened, when known. */
  readonly line: number | null;
  /** The last part of what the snippet printed, when that helps explain a crash. */
  readonly output?: string;
}

export interface BenchCancelled {
  readonly kind: 'cancelled';
}

export type BenchGroupResult = BenchSuccess | BenchFailure | BenchCancelled;

/** Progress of a run, for a status line or a lens that says "timing… 40%". */
export interface BenchProgress {
  readonly phase: 'queued' | 'starting' | 'calibrating' | 'sampling' | 'done';
  readonly variant?: string;
  /** Rounds finished so far (sampling phase). */
  readonly round?: number;
  /** 0 to 1, by the time budget; reaches 1 only with 'done'. */
  readonly fraction: number;
}

export interface BenchRunOptions {
  /** Wall-clock limit for the whole group in milliseconds; the processes are killed past it (the setting; 30 000 by default in the editor). */
  readonly timeoutMs: number;
  /** The Python interpreter; defaults to "python3" ("python" on Windows). */
  readonly pythonPath?: string;
  /** Aborting kills the processes and resolves `{ kind: 'cancelled' }`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: BenchProgress) => void;
  /** Time to spend on the group, start-up included (default 1250 ms); at least `minSamples` rounds run regardless. */
  readonly budgetMs?: number;
  /** Samples per variant at the least (default 10). */
  readonly minSamples?: number;
  /** Samples per variant at the most (default 1000). */
  readonly maxSamples?: number;
  /** Target duration of one sample (default 10 ms; shorter values are for tests). */
  readonly sampleMs?: number;
  /** Warm-up per variant before calibration (default: 5% of the budget, between 20 and 100 ms). */
  readonly warmupMs?: number;
  /**
   * JavaScript: untimed calls before each sample (default 20 ms). A variant's process waits while
   * the others run, and allocating code is slower for the first ~20 ms after such a pause (a plain
   * hrtime loop with 10 ms samples measured the 10,000-element push loop 33 µs when run back to
   * back, 62 µs in the first sample after a 50 ms pause, 37 µs after a 20 ms re-entry).
   */
  readonly reentryMs?: number;
  /** The user's file: its folder is the working directory and where `require`/`import` resolve. */
  readonly filePath?: string;
  /** Node for JavaScript; defaults to this process's executable (run as Node inside VS Code). */
  readonly nodePath?: string;
  /** What a snippet may print in total before its process is stopped (default 1 MiB). */
  readonly maxOutputBytes?: number;
  /**
   * When a JavaScript/TypeScript setup runs: 'once' per variant process (the default), or
   * 'per-sample' as Python's does. Once is the shape module-level code has, one closure over one
   * set of values, which V8 specializes; re-running the setup creates new closures each sample and
   * measured the vector-add kernel 2.8× slower than mitata, tinybench or plain module code do.
   * Choose 'per-sample' when the snippet consumes what the setup builds.
   */
  readonly jsSetup?: 'once' | 'per-sample';
  /** Seed of the bootstrap (default 0): the same samples give the same interval. */
  readonly seed?: number;
}
