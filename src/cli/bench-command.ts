// `gauss-lab bench <file> [--json] [--timeout <s>] [--python <path>] [--budget <ms>]`:
// every bench group in a file, one after another, as a table or as JSON.
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { documentLanguageOf } from '../bench/languages';
import { findBenchGroups, type BenchGroup } from '../bench/markers';
import { BenchQueue } from '../bench/queue';
import type { BenchGroupResult, BenchSuccess } from '../bench/result';
import { DEFAULT_BUDGET_MS, DEFAULT_TIMEOUT_MS, runBenchGroup } from '../bench/runner';
import { formatBenchTable, formatVerdict } from '../bench/verdict';

export { BENCH_USAGE } from './bench-usage';


function positive(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x) || x <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`);
  return x;
}

/**
 * Runs every bench group of a file and prints a table per group (or, with `--json`, one object
 * `{ file, groups: [...] }` where each runnable group has `variants: [{ name, samples, medianNs,
 * meanNs, sdNs, minNs, p75Ns, p99Ns, rme, … }]` and `ratio: { fastest, slowest, factor, ci95 }`).
 *
 * @returns 0 when every group ran, 1 when one failed or could not run.
 * @throws Error with a usage message on bad arguments, an unknown file type, an unreadable file,
 * or a file without markers.
 */
export async function benchCommand(args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      python: { type: 'string' },
      budget: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new Error(`bench needs exactly one file, got ${positionals.length}`);
  const file = resolve(positionals[0]);
  const language = documentLanguageOf(file);
  if (!language) throw new Error(`bench reads .js, .ts, .py and .md files, not "${basename(file)}"`);
  const timeoutMs = positive(values.timeout, 'timeout', DEFAULT_TIMEOUT_MS / 1000) * 1000;
  const budgetMs = positive(values.budget, 'budget', DEFAULT_BUDGET_MS);
  if (values.python === '') throw new Error('--python needs the path of a Python interpreter');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const groups = findBenchGroups(text, language);
  if (groups.length === 0) {
    const c = language === 'python' ? '#' : '//';
    throw new Error(`no bench markers in ${basename(file)}: mark two regions with "${c} @bench loop" and "${c} @bench vectorized" (and optionally "${c} @bench setup")`);
  }
  const queue = new BenchQueue(runBenchGroup);
  const results: Array<{ group: BenchGroup; result: BenchGroupResult }> = [];
  for (const group of groups) {
    const result = await queue.run(group, { timeoutMs, budgetMs, pythonPath: values.python, filePath: file });
    results.push({ group, result });
    if (!values.json) out(textReport(basename(file), group, result) + '\n\n');
  }
  if (values.json) out(json({ file: positionals[0], groups: results.map(({ group, result }) => groupJson(group, result)) }));
  return results.every(({ result }) => result.kind === 'ok') ? 0 : 1;
}

function textReport(file: string, group: BenchGroup, result: BenchGroupResult): string {
  const title = `${file}:${group.startLine + 1} (${group.language}): ${group.variants.map((v) => v.name).join(' vs ') || 'no variants'}`;
  if (!group.runnable) return `${title}\nskipped: ${group.reason}`;
  if (result.kind !== 'ok') return `${title}\n${formatVerdict(result)}`;
  return `${title}\n${formatBenchTable(result)}`;
}

function groupJson(group: BenchGroup, result: BenchGroupResult) {
  const head = { line: group.startLine + 1, language: group.language, runnable: group.runnable };
  if (result.kind === 'cancelled') return { ...head, cancelled: true };
  if (result.kind === 'error') {
    return { ...head, error: { variant: result.variant, message: result.message, line: result.line === null ? null : result.line + 1 } };
  }
  return { ...head, ...successJson(result) };
}

function successJson(r: BenchSuccess) {
  return {
    variants: r.variants.map((v) => ({
      name: v.name,
      samples: v.samples,
      medianNs: v.medianNs,
      meanNs: v.meanNs,
      sdNs: v.sdNs,
      minNs: v.minNs,
      maxNs: v.maxNs,
      p75Ns: v.p75Ns,
      p99Ns: v.p99Ns,
      rme: v.rme,
      iterationsPerSample: v.iterationsPerSample,
      samplesNs: v.raw.samplesNs,
    })),
    ratio: r.ratio,
    baselineNs: r.baselineNs,
    warnings: r.warnings.map((w) => w.message),
    runtime: r.runtime,
    rounds: r.method.rounds,
  };
}

/** JSON with NaN/±Infinity as null. */
function json(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
