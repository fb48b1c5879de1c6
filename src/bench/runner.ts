// Running a bench group: one process per variant (never the extension host), warm-up and
// calibration in each, then interleaved samples until the time budget is spent.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { Socket } from 'node:net';
import * as l10n from '@vscode/l10n';
import { formatCount, formatNumber, localDigits } from '../core/number-format';
import { Timer } from '../core/timer';
import { createRng } from '../core/random';
import type { BenchGroup, BenchRegion } from './markers';
import { BENCH_LANGUAGE, type BenchLanguage } from './languages';
import { DEFAULT_REENTRY_MS } from './languages/javascript';
import type { Program } from './program';
import { transpileSnippet } from './transpile';
import { median, pairedRatio, summarize } from './statistics';
import { BENCH_TIMEOUT_SECONDS, type BenchFailure, type BenchGroupResult, type BenchProgress, type BenchRunOptions, type BenchSuccess, type BenchWarning, type VariantResult } from './result';
import { formatDuration } from './verdict';

// 1.25 s: with spawning, the command round trip and the lens refresh, a click gets its verdict
// within 3 s in the workbench on 2 cores (2.9–3.5 s with 2 s; 2.4–3.0 s with 1.5 s). That still
// leaves ≥ 10 interleaved rounds of ≥ 10 ms samples (each after 20 ms of re-entry) per variant.
export const DEFAULT_BUDGET_MS = 1250;
export const DEFAULT_MIN_SAMPLES = 10;
export const DEFAULT_MAX_SAMPLES = 1000;
/** Target length of one sample: long enough for any clock, short enough for many interleaved rounds in the budget. */
export const DEFAULT_SAMPLE_MS = 10;
export { DEFAULT_REENTRY_MS };
export const DEFAULT_TIMEOUT_MS = BENCH_TIMEOUT_SECONDS.default * 1000;
/** Signals that mean native code crashed, not that someone stopped the process. */
const FATAL_SIGNALS = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGABRT']);
export const DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;

/**
 * Times every variant of a group and compares them.
 *
 * Each variant runs in its own process (Node for JavaScript, TypeScript transpiled by sucrase
 * first; Python with `pythonPath`). In each: the setup, a warm-up, and calibration of the number
 * of iterations per sample so a sample lasts at least `sampleMs` (10 ms). The setup is never timed; Python
 * runs it before every sample (as timeit does), JavaScript once per process by default (see
 * `jsSetup`: re-running it would time V8 on new closures, a slower shape than the code has in a
 * real module). Then rounds of one sample per
 * variant, the first variant rotating each round (A B, B A, …) to cancel drift and first-task
 * bias, until `budgetMs` is spent and at least `minSamples` rounds ran. JavaScript results go to
 * a sink the engine cannot drop, and an empty body timed in the same loop flags snippets too fast
 * to be real work.
 *
 * Never throws for the snippet's faults: a failure is `{ kind: 'error', variant, message, line }`
 * with the line in the user's file (0-based); a timeout kills the processes (and anything they
 * started, by process group) and is such an error; `signal` aborting gives `{ kind: 'cancelled' }`.
 * Only one variant process computes at a time; run groups through a `BenchQueue` so concurrent
 * requests wait instead of competing for the cores.
 *
 * @example const r = await runBenchGroup(findBenchGroups(text, 'python')[0], { timeoutMs: 30_000 });
 *          if (r.kind === 'ok') console.log(formatVerdict(r));
 */
export async function runBenchGroup(group: BenchGroup, options: BenchRunOptions): Promise<BenchGroupResult> {
  if (!group.runnable) return { kind: 'error', variant: null, message: group.reason ?? l10n.t('This group cannot run.'), line: group.startLine };
  if (options.signal?.aborted) return { kind: 'cancelled' };
  const session = new Session(group, options);
  try {
    return await session.run();
  } finally {
    await session.dispose();
  }
}

// ---------------------------------------------------------------------------------------------

interface Frame {
  line: number;
  column: number;
}
interface ErrorReply {
  type: 'error';
  name: string;
  message: string;
  frames: Frame[];
}
type Reply =
  | { type: 'ready'; runtime: string }
  | { type: 'calibrated'; n: number; perIterationNs: number; setupNs: number }
  | { type: 'sample'; ns: number; setupNs: number }
  | { type: 'baseline'; perIterationNs: number };

class SnippetError extends Error {
  constructor(readonly reply: ErrorReply) {
    super(reply.message);
  }
}
class ProcessEnded extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`process ended (${code ?? signal})`);
  }
}
class OutputExceeded extends Error {}
class CommandNotFound extends Error {}
class Stopped extends Error {}

/** One variant's process and the request/reply channel on its fd 3. */
class VariantProcess {
  readonly child: ChildProcess;
  private buffer = '';
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  private early: Reply[] = [];
  private failure: Error | undefined;
  private outputBytes = 0;
  private outputTail = '';

  constructor(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, private readonly maxOutputBytes: number) {
    this.child = spawn(command, args, {
      cwd,
      env,
      detached: process.platform !== 'win32', // its own process group, so a kill reaches whatever it started
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code === 'ENOENT' ? new CommandNotFound(command) : e));
    const channel = this.child.stdio[3] as Socket;
    channel.setEncoding('utf8');
    channel.on('data', (chunk: string) => this.receive(chunk));
    channel.on('error', () => undefined);
    let channelClosed = false;
    channel.on('close', () => (channelClosed = true));
    this.child.on('exit', (code, signal) => {
      // Let a last message on the channel (an error report) arrive before the exit counts.
      const done = () => this.fail(new ProcessEnded(code, signal));
      if (channelClosed) done();
      else {
        const t = setTimeout(done, 100);
        channel.once('close', () => {
          clearTimeout(t);
          done();
        });
      }
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        this.outputBytes += Buffer.byteLength(chunk);
        this.outputTail = (this.outputTail + chunk).slice(-2000);
        if (this.outputBytes > this.maxOutputBytes) {
          this.fail(new OutputExceeded());
          this.kill();
        }
      });
      stream.on('error', () => undefined);
    }
  }

  get output(): string {
    return this.outputTail;
  }

  private receive(chunk: string) {
    this.buffer += chunk;
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 1);
      let message: Reply | ErrorReply;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      if (message.type === 'error') this.fail(new SnippetError(message));
      else if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w.resolve(message);
      } else this.early.push(message);
    }
  }

  private fail(e: Error) {
    if (this.failure) return;
    this.failure = e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }

  /** Sends a request (or none, to await the greeting) and resolves with the reply. */
  request(message?: object): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    if (message) (this.child.stdio[3] as Socket).write(JSON.stringify(message) + '\n');
    const early = this.early.shift();
    if (early) return Promise.resolve(early);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  signal(name: NodeJS.Signals): void {
    try {
      if (this.child.pid !== undefined) process.kill(this.child.pid, name);
    } catch {
      // already gone
    }
  }

  /** Kills the process and its whole process group (anything it started). */
  kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
      return;
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

interface Prepared {
  region: BenchRegion;
  program: Program;
  path: string;
  proc?: VariantProcess;
  n: number;
  samplesNs: number[];
  setupNs: number[];
}

class Session {
  private readonly budgetMs: number;
  private readonly minSamples: number;
  private readonly maxSamples: number;
  private readonly sampleMs: number;
  private readonly warmupMs: number;
  private readonly reentryMs: number;
  private readonly userDir: string;
  private readonly virtualPath: string;
  private readonly language: BenchLanguage;
  private readonly started = performance.now();
  private dir: string | undefined;
  private readonly variants: Prepared[] = [];
  private current: Prepared | undefined;
  private stopReason: 'timeout' | 'abort' | undefined;
  private rejectStop: (e: Error) => void = () => undefined;
  private readonly stopped: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort = () => this.stop('abort');
  private runtime = '';
  private stackPath = '';

  constructor(
    private readonly group: BenchGroup,
    private readonly options: BenchRunOptions,
  ) {
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
    this.minSamples = Math.max(1, Math.floor(options.minSamples ?? DEFAULT_MIN_SAMPLES));
    this.maxSamples = Math.max(this.minSamples, Math.floor(options.maxSamples ?? DEFAULT_MAX_SAMPLES));
    this.sampleMs = options.sampleMs ?? DEFAULT_SAMPLE_MS;
    this.warmupMs = options.warmupMs ?? Math.min(100, Math.max(20, this.budgetMs * 0.05));
    this.language = BENCH_LANGUAGE[group.language];
    this.reentryMs = this.language.reentryMs(options);
    this.userDir = options.filePath ? dirname(options.filePath) : process.cwd();
    const base = options.filePath ? basename(options.filePath) : 'snippet';
    this.virtualPath = join(this.userDir, `${base}.gauss-bench.${this.language.fileExtension}`);
    this.stopped = new Promise<never>((_, reject) => (this.rejectStop = reject));
    this.stopped.catch(() => undefined);
  }

  private stop(reason: 'timeout' | 'abort') {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.rejectStop(new Stopped(reason));
  }

  /** Resolves with p, or rejects as soon as the run is stopped (timeout or abort). */
  private guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.stopped]);
  }

  private elapsed(): number {
    return performance.now() - this.started;
  }

  private progress(p: Omit<BenchProgress, 'fraction'> & { fraction?: number }) {
    const fraction = p.fraction ?? Math.min(0.99, this.elapsed() / this.budgetMs);
    try {
      this.options.onProgress?.({ ...p, fraction });
    } catch {
      // a progress listener's fault is not the benchmark's
    }
  }

  async run(): Promise<BenchGroupResult> {
    this.timer = setTimeout(() => this.stop('timeout'), this.options.timeoutMs);
    this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
    try {
      this.progress({ phase: 'starting' });
      const prepared = await this.guard(this.prepare());
      if (prepared) return prepared;
      for (const v of this.variants) {
        this.current = v;
        this.progress({ phase: 'starting', variant: v.region.name });
        v.proc = this.spawn(v);
        const ready = await this.guard(v.proc.request());
        if (ready.type === 'ready') this.runtime = ready.runtime;
      }
      const targetNs = Math.max(1, Math.round(this.sampleMs * 1e6));
      for (const v of this.variants) {
        this.current = v;
        this.progress({ phase: 'calibrating', variant: v.region.name });
        const c = await this.guard(v.proc!.request({ op: 'calibrate', targetNs, warmupNs: Math.round(this.warmupMs * 1e6) }));
        if (c.type === 'calibrated') v.n = c.n;
      }
      const first = this.variants[0];
      this.current = first;
      const b = await this.guard(first.proc!.request({ op: 'baseline', targetNs: Math.min(targetNs, 5e6), samples: 3 }));
      const baselineNs = b.type === 'baseline' ? b.perIterationNs : null;
      const samplingStart = this.elapsed();
      let rounds = 0;
      for (; ; rounds++) {
        if (rounds >= this.minSamples) {
          const perRound = (this.elapsed() - samplingStart) / rounds;
          if (rounds >= this.maxSamples || this.elapsed() + perRound > this.budgetMs) break;
        }
        const k = this.variants.length;
        for (let j = 0; j < k; j++) {
          const v = this.variants[(rounds + j) % k];
          this.current = v;
          const s = await this.guard(v.proc!.request({ op: 'sample', n: v.n, reentryNs: Math.round(this.reentryMs * 1e6) }));
          if (s.type !== 'sample') throw new Error(`unexpected reply ${s.type}`);
          v.samplesNs.push(s.ns / v.n);
          v.setupNs.push(s.setupNs);
          // Code that got faster after calibration (a late JIT tier) would make samples too short for the clock.
          if (s.ns < 0.75 * targetNs) v.n = Math.min(1e9, Math.ceil((v.n * 1.1 * targetNs) / Math.max(s.ns, 1)));
        }
        this.progress({ phase: 'sampling', round: rounds + 1 });
      }
      const result = this.summarize(rounds, baselineNs);
      this.progress({ phase: 'done', fraction: 1 });
      return result;
    } catch (e) {
      return await this.failure(e);
    } finally {
      clearTimeout(this.timer);
      this.options.signal?.removeEventListener('abort', this.onAbort);
    }
  }

  /** Writes the harness and one program per variant; returns a failure when a program cannot be built. */
  private async prepare(): Promise<BenchFailure | undefined> {
    this.dir = await mkdtemp(join(tmpdir(), 'gauss-bench-'));
    this.stackPath = join(this.dir, 'stack.txt');
    const ext = this.language.fileExtension;
    await writeFile(join(this.dir, `harness.${ext}`), this.language.harness());
    const baseline = this.language.programs({ ...this.group, setup: undefined }, undefined).primary;
    await writeFile(join(this.dir, `baseline.${ext}`), baseline.source);
    for (const [i, region] of this.group.variants.entries()) {
      const path = join(this.dir, `variant-${i}.${ext}`);
      const prepared: Prepared = { region, program: baseline, path, n: 1, samplesNs: [], setupNs: [] };
      const built = this.build(region, prepared);
      if (built) return built;
      await writeFile(path, prepared.program.source);
      this.variants.push(prepared);
    }
    return undefined;
  }

  /** The variant's program: transpiled where the language or its imports need it; a failure names the user's line. */
  private build(region: BenchRegion, prepared: Prepared): BenchFailure | undefined {
    const programs = this.language.programs(this.group, region);
    const candidates = programs.fallback ? [programs.primary, programs.fallback] : [programs.primary];
    if (this.language.transpile || programs.hasImports) {
      let failed: Extract<ReturnType<typeof transpileSnippet>, { ok: false }> | undefined;
      let failedProgram = programs.primary;
      for (const program of candidates) {
        const out = transpileSnippet(program.source, this.language.transpile, this.virtualPath);
        if (out.ok) {
          prepared.program = { source: out.code, lineMap: program.lineMap };
          return undefined;
        }
        failed = out;
        failedProgram = program;
      }
      const line = failed!.line !== null ? failedProgram.lineMap[failed!.line] ?? -1 : -1;
      return this.attribute(region, failed!.message, line >= 0 ? line : null);
    }
    // Node: keep the sinking rewrite only if it parses (parsing runs nothing); a real syntax
    // error is reported by the child with its line.
    prepared.program = candidates.find((p) => !this.language.commonJs || candidates.length === 1 || parsesAsCommonJs(p.source)) ?? candidates[candidates.length - 1];
    return undefined;
  }

  private spawn(v: Prepared): VariantProcess {
    const dir = this.dir!;
    const config = JSON.stringify({
      programPath: v.path,
      baselinePath: v === this.variants[0] ? join(dir, `baseline.${this.language.fileExtension}`) : undefined,
      virtualPath: this.virtualPath,
      userDir: this.userDir,
      stackPath: this.stackPath,
      setupOnce: this.setupOnce(),
    });
    const maxOutput = this.options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const { command, env } = this.language.interpreter(this.options);
    return new VariantProcess(command, [join(dir, `harness.${this.language.fileExtension}`), config], this.userDir, env, maxOutput);
  }

  private setupOnce(): boolean {
    return this.language.setupOnce(this.options);
  }

  /** The user's line for frames of a variant's program (innermost first). */
  private userLine(v: Prepared | undefined, frames: readonly Frame[]): number | null {
    if (!v) return null;
    for (const f of frames) {
      const line = f.line - 1;
      const user = v.program.lineMap[line];
      if (user !== undefined && user >= 0) return user;
    }
    return null;
  }

  private attribute(region: BenchRegion | undefined, message: string, line: number | null, output?: string): BenchFailure {
    const setup = this.group.setup;
    const inSetup = setup !== undefined && line !== null && (setup.lines ? setup.lines.includes(line) : line >= setup.startLine && line < setup.endLine);
    return { kind: 'error', variant: inSetup ? 'setup' : region?.name ?? null, message, line, ...(output ? { output } : {}) };
  }

  private async failure(e: unknown): Promise<BenchGroupResult> {
    const v = this.current;
    // a variant in quotes ("loop"), or the group: the subject of the sentences below
    const name = v ? l10n.t('"{0}"', v.region.name) : l10n.t('the group');
    if (this.stopReason === 'abort') return { kind: 'cancelled' };
    if (this.stopReason === 'timeout') {
      const line = v?.proc ? await this.stackLineNow(v) : null;
      const seconds = formatNumber(this.options.timeoutMs / 1000);
      return this.attribute(
        v?.region,
        line !== null
          ? l10n.t(
              '{0} was still running after {1} s, the timeout, so its process was stopped. Is there an endless loop (it was on line {2})? If the code is just slow, time less work or raise the timeout.',
              name,
              seconds,
              String(line + 1),
            )
          : l10n.t(
              '{0} was still running after {1} s, the timeout, so its process was stopped. Is there an endless loop? If the code is just slow, time less work or raise the timeout.',
              name,
              seconds,
            ),
        line,
      );
    }
    const output = v?.proc?.output.trim() || undefined;
    if (e instanceof SnippetError) {
      const { name: errorName, message, frames } = e.reply;
      const text = errorName === 'ProcessExit' || errorName === 'GaussLabGuard' || errorName === 'SystemExit' ? message : `${errorName}: ${message}`;
      return this.attribute(v?.region, text, this.userLine(v, frames));
    }
    if (e instanceof OutputExceeded) {
      const limit = this.options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
      return this.attribute(
        v?.region,
        l10n.t('{0} printed more than {1}, so its process was stopped. Take printing out of timed code: it is slow and it is what gets measured.', name, formatBytes(limit)),
        null,
        output?.slice(-500),
      );
    }
    if (e instanceof CommandNotFound) {
      return { kind: 'error', variant: null, message: this.language.interpreterMissing(e.message), line: null };
    }
    if (e instanceof ProcessEnded) {
      const crashed = e.signal !== null && FATAL_SIGNALS.has(e.signal);
      const outOfMemory = /heap out of memory|MemoryError/i.test(output ?? '');
      const message = e.signal
        ? outOfMemory
          ? l10n.t('The process running {0} was killed by {1} before it answered. It ran out of memory.', name, e.signal)
          : crashed
            ? l10n.t(
                'The process running {0} was killed by {1} before it answered. That is a crash in native code (a native module, a C extension, ctypes), not an exception the code could catch.',
                name,
                e.signal,
              )
            : l10n.t('The process running {0} was killed by {1} before it answered.', name, e.signal)
        : outOfMemory
          ? l10n.t('The process running {0} ended with exit code {1} before it answered. It ran out of memory.', name, String(e.code))
          : l10n.t('The process running {0} ended with exit code {1} before it answered.', name, String(e.code));
      // A language with a stack dump (Python's faulthandler) wrote it on the crash; without one
      // (Node), a crash is placed on the variant's first line.
      let line: number | null = null;
      if (crashed && v) line = this.language.stackLines ? this.stackFileLine(v, await readFile(this.stackPath, 'utf8').catch(() => '')) : v.region.startLine;
      return this.attribute(v?.region, message, line, output?.slice(-1000));
    }
    return this.attribute(v?.region, l10n.t('Could not run {0}: {1}', name, e instanceof Error ? e.message : String(e)), null);
  }

  /** Asks a running process where it is (its language's stack signal) before it is killed; null without one. */
  private async stackLineNow(v: Prepared): Promise<number | null> {
    if (!this.language.stackSignal) return null;
    v.proc!.signal(this.language.stackSignal);
    // a busy machine may take a while to run the signal handler: wait for the dump, up to 3 s
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const text = await readFile(this.stackPath, 'utf8').catch(() => '');
      if (!text.includes('File')) continue;
      return this.stackFileLine(v, text);
    }
    return null;
  }

  /** The user's line of the innermost frame in the program, from a stack dump. */
  private stackFileLine(v: Prepared, text: string): number | null {
    const frames: Frame[] = (this.language.stackLines?.(text, this.virtualPath) ?? []).map((line) => ({ line, column: 0 }));
    return this.userLine(v, frames);
  }

  private summarize(rounds: number, baselineNs: number | null): BenchSuccess {
    const variants: VariantResult[] = this.variants.map((v) => {
      const timer = new Timer();
      timer.times.push(...v.samplesNs.map((ns) => ns / 1e9));
      const setupSorted = [...v.setupNs].sort((a, b) => a - b);
      return {
        name: v.region.name,
        markerLine: v.region.markerLine,
        ...summarize(v.samplesNs),
        iterationsPerSample: v.n,
        raw: {
          samplesNs: v.samplesNs,
          timer: { times: timer.times, avg: timer.avg(), sum: timer.sum(), cumsum: timer.cumsum() },
          setupNs: setupSorted.length ? setupSorted[Math.floor(setupSorted.length / 2)] : NaN,
        },
      };
    });
    let fastest = 0;
    let slowest = 0;
    variants.forEach((v, i) => {
      if (v.medianNs < variants[fastest].medianNs) fastest = i;
      if (v.medianNs > variants[slowest].medianNs) slowest = i;
    });
    const seed = this.options.seed ?? 0;
    const vs = (i: number) => pairedRatio(variants[i].raw.samplesNs, variants[fastest].raw.samplesNs, createRng(seed));
    const relative = variants.map((v, i) => ({ name: v.name, ...vs(i) }));
    const ratio = { fastest: variants[fastest].name, slowest: variants[slowest].name, factor: relative[slowest].factor, ci95: relative[slowest].ci95 };
    return {
      kind: 'ok',
      groupId: this.group.id,
      language: this.group.language,
      variants,
      ratio,
      relative,
      baselineNs,
      warnings: this.warnings(variants, baselineNs),
      runtime: this.runtime,
      method: { rounds, sampleTargetMs: this.sampleMs, warmupMs: this.warmupMs, reentryMs: this.reentryMs, budgetMs: this.budgetMs, setup: this.setupOnce() ? 'once' : 'per-sample' },
      elapsedMs: this.elapsed(),
    };
  }

  private warnings(variants: readonly VariantResult[], baselineNs: number | null): BenchWarning[] {
    const out: BenchWarning[] = [];
    for (const v of variants) {
      const spread = v.maxNs / v.minNs;
      if (spread > 4) {
        out.push({
          variant: v.name,
          line: v.markerLine,
          message: l10n.t(
            'The slowest sample of "{0}" took {1}× as long as the fastest: other work on the machine, or something cached between runs, shows in these timings.',
            v.name,
            localDigits(spread.toFixed(1)),
          ),
        });
      }
      if (baselineNs !== null && (v.medianNs < 2 * baselineNs || (this.language.subNanosecondIsDeadCode && v.medianNs < 1))) {
        out.push({ variant: v.name, line: v.markerLine, message: this.language.nearlyEmpty(v.name, formatDuration(v.medianNs), formatDuration(baselineNs)) });
      }
      const q = Math.floor(v.raw.samplesNs.length / 4);
      if (q >= 2) {
        const early = median(v.raw.samplesNs.slice(0, q));
        const late = median(v.raw.samplesNs.slice(-q));
        if (late > 1.5 * early) {
          out.push({
            variant: v.name,
            line: v.markerLine,
            message: l10n.t(
              '"{0}" got steadily slower during the run ({1} early, {2} late): does it keep adding to something the setup made? (A JavaScript setup runs once per process.)',
              v.name,
              formatDuration(early),
              formatDuration(late),
            ),
          });
        }
      }
      if (v.rme > 10) {
        out.push({
          variant: v.name,
          line: v.markerLine,
          message: l10n.t('The timing of "{0}" is noisy (±{1}%): close busy programs or give it a larger budget.', v.name, localDigits(v.rme.toFixed(0))),
        });
      }
    }
    return out;
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    for (const v of this.variants) v.proc?.kill();
    if (this.dir) await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function formatBytes(n: number): string {
  if (n >= 1 << 20) return `${localDigits(String(+(n / (1 << 20)).toFixed(1)))} MiB`;
  if (n >= 1024) return `${localDigits(String(+(n / 1024).toFixed(1)))} KiB`;
  return l10n.t('{0} bytes', formatCount(n));
}

/** Whether Node parses `source` as a CommonJS module body (parsing runs nothing). */
function parsesAsCommonJs(source: string): boolean {
  try {
    new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`);
    return true;
  } catch {
    return false;
  }
}
