import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBenchGroups, type BenchLanguageId } from '../../../src/bench/markers';
import { runBenchGroup } from '../../../src/bench/runner';
import { BenchQueue } from '../../../src/bench/queue';
import type { BenchFailure, BenchGroupResult, BenchProgress, BenchRunOptions, BenchSuccess } from '../../../src/bench/result';

// Short budgets: these check behaviour, not timings (the accuracy bar is scripts/bench/snippets.mjs).
const FAST: BenchRunOptions = { timeoutMs: 20_000, budgetMs: 60, sampleMs: 1, warmupMs: 5, reentryMs: 1, minSamples: 3 };
const dir = mkdtempSync(join(tmpdir(), 'gauss-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

async function bench(text: string, language: BenchLanguageId, options: Partial<BenchRunOptions> = {}, index = 0): Promise<BenchGroupResult> {
  const group = findBenchGroups(text, language)[index];
  const ext = { javascript: 'js', typescript: 'ts', python: 'py', markdown: 'md' }[language];
  return runBenchGroup(group, { ...FAST, filePath: file(`snippet.${ext}`), ...options });
}
const ok = (r: BenchGroupResult): BenchSuccess => {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
};
const failed = (r: BenchGroupResult): BenchFailure => {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function waitUntil(condition: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return condition();
}

describe('runBenchGroup: measuring', () => {
  it('JavaScript: statistics, raw Timer view, the faster variant, and the baseline', async () => {
    const text = [
      '// @bench setup',
      'const x = Float64Array.from({ length: 1000 }, (_, i) => i);',
      'const pass = (v) => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; };',
      '// @bench slow',
      'let t = 0;',
      'for (let k = 0; k < 20; k++) t += pass(x);',
      't',
      '// @bench fast',
      'pass(x)',
    ].join('\n');
    const progress: BenchProgress[] = [];
    const r = ok(await bench(text, 'javascript', { onProgress: (p) => progress.push(p) }));
    expect(r.variants.map((v) => v.name)).toEqual(['slow', 'fast']);
    expect(r.runtime).toMatch(/^Node v\d+/);
    for (const v of r.variants) {
      expect(v.samples).toBeGreaterThanOrEqual(3);
      expect(v.samples).toBe(r.method.rounds);
      expect(v.raw.samplesNs).toHaveLength(v.samples);
      expect(v.minNs).toBeLessThanOrEqual(v.medianNs);
      expect(v.medianNs).toBeLessThanOrEqual(v.maxNs);
      // d2l's Timer semantics: seconds per run, avg = sum / count, cumsum ends at sum.
      expect(v.raw.timer.times).toHaveLength(v.samples);
      expect(v.raw.timer.avg).toBeCloseTo(v.meanNs / 1e9, 15);
      expect(v.raw.timer.cumsum.at(-1)).toBeCloseTo(v.raw.timer.sum, 15);
      expect(v.iterationsPerSample * v.minNs).toBeGreaterThan(0.5e6); // samples last about sampleMs
    }
    expect(r.ratio).toMatchObject({ fastest: 'fast', slowest: 'slow' });
    expect(r.ratio.factor).toBeGreaterThan(5);
    expect(r.ratio.ci95[0]).toBeLessThanOrEqual(r.ratio.factor);
    expect(r.relative.find((x) => x.name === 'fast')!.factor).toBe(1);
    expect(r.baselineNs).toBeGreaterThan(0);
    expect(r.baselineNs!).toBeLessThan(r.variants[1].medianNs);
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('starting');
    expect(phases).toContain('calibrating');
    expect(phases).toContain('sampling');
    expect(progress.at(-1)).toEqual({ phase: 'done', fraction: 1 });
  });

  it('interleaves samples, rotating which variant goes first (A B, B A, …)', async () => {
    const log = file('order.txt');
    writeFileSync(log, '');
    const text = [
      '// @bench setup',
      `const fs = require('node:fs');`,
      '// @bench A',
      `fs.appendFileSync(${JSON.stringify(log)}, 'A')`,
      '// @bench B',
      `fs.appendFileSync(${JSON.stringify(log)}, 'B')`,
    ].join('\n');
    // One run per sample (sampleMs tiny, so n = 1) makes each append one sample.
    ok(await bench(text, 'javascript', { minSamples: 4, maxSamples: 4, sampleMs: 1e-6, warmupMs: 0, reentryMs: 0, jsSetup: 'per-sample' }));
    expect(readFileSync(log, 'utf8').slice(-8)).toBe('ABBAABBA');
  });

  it('JavaScript samples follow untimed re-entry calls; their time is not counted', async () => {
    const log = file('reentry.txt');
    writeFileSync(log, '');
    const text = `// @bench setup\nconst fs = require('node:fs');\n// @bench A\nfs.appendFileSync(${JSON.stringify(log)}, 'A')\n// @bench B\nfs.appendFileSync(${JSON.stringify(log)}, 'B')\n`;
    const r = ok(await bench(text, 'javascript', { minSamples: 3, maxSamples: 3, sampleMs: 1e-6, warmupMs: 0, reentryMs: 5 }));
    expect(r.method.reentryMs).toBe(5);
    // Each sample is one call (n = 1) after ≥ 5 ms of calls: far more calls than samples.
    const calls = readFileSync(log, 'utf8');
    expect(calls.split('A').length - 1).toBeGreaterThan(3 * 3);
    expect(r.variants.every((v) => v.medianNs < 5e6)).toBe(true);
  });

  it('a JavaScript setup runs once per variant process by default; Python\'s before every sample', async () => {
    const log = file('setups.txt');
    writeFileSync(log, '');
    const js = `// @bench setup\nrequire('node:fs').appendFileSync(${JSON.stringify(log)}, 'S');\n// @bench a\n1\n// @bench b\n2\n`;
    ok(await bench(js, 'javascript'));
    expect(readFileSync(log, 'utf8')).toBe('SS');
    writeFileSync(log, '');
    const py = `# @bench setup\nopen(${JSON.stringify(log)}, 'a').write('S')\n# @bench a\nx = 1\n# @bench b\nx = 2\n`;
    const r = ok(await bench(py, 'python', { minSamples: 5, maxSamples: 5 }));
    expect(readFileSync(log, 'utf8').length).toBeGreaterThanOrEqual(2 * r.method.rounds);
  });

  it('Python: timeit-style loop, same result shape (fractional sample targets too)', async () => {
    const r = ok(await bench('# @bench setup\nxs = list(range(300))\n# @bench slow\nfor _ in range(10):\n    s = sum(xs)\n# @bench fast\ns = sum(xs)\n', 'python', { sampleMs: 1.2345, warmupMs: 3.3 }));
    expect(r.runtime).toMatch(/^Python 3\./);
    expect(r.ratio).toMatchObject({ fastest: 'fast', slowest: 'slow' });
    expect(r.ratio.factor).toBeGreaterThan(4);
  });

  it('TypeScript: transpiled, types and all, with static imports in the setup', async () => {
    const text = '// @bench setup\nimport { join } from "node:path";\nconst n: number = 100;\ninterface P { x: number }\n// @bench a\nconst p: P = { x: n };\np.x\n// @bench b\njoin("a", String(n as number))\n';
    const r = ok(await bench(text, 'typescript'));
    expect(r.variants).toHaveLength(2);
    expect(r.method.setup).toBe('once');
  });

  it('Markdown blocks run in their language, resolving paths from the file', async () => {
    writeFileSync(file('helper.js'), 'module.exports = (x) => x + 1;');
    const md = '```js @bench setup\nconst inc = require("./helper");\n```\n\n```js @bench a\ninc(1)\n```\n\n```js @bench b\ninc(2)\n```\n';
    ok(await bench(md, 'markdown'));
  });

  it('warns when a snippet is as fast as an empty body (dead code elimination)', async () => {
    const r = ok(await bench('// @bench setup\nconst k = 1;\n// @bench a\nk\n// @bench b\nk\n', 'javascript', { budgetMs: 100 }));
    expect(r.warnings.some((w) => /empty body.*dead-code elimination/.test(w.message))).toBe(true);
  });

  it('refuses a group that is not runnable, with its reason', async () => {
    const r = failed(await bench('// @bench only\nf()\n', 'javascript'));
    expect(r).toMatchObject({ variant: null, line: 0 });
    expect(r.message).toMatch(/needs two timed variants/);
  });
});

describe('runBenchGroup: errors with the user line', () => {
  it('a JavaScript throw names its line (0-based) and variant', async () => {
    const r = failed(await bench('// @bench setup\nconst a = 1;\n// @bench ok\na + 1\n// @bench broken\nconst b = a;\nundefinedFunction(b);\n', 'javascript'));
    expect(r).toMatchObject({ variant: 'broken', line: 6 });
    expect(r.message).toBe('ReferenceError: undefinedFunction is not defined');
  });

  it('a JavaScript syntax error names its line', async () => {
    const r = failed(await bench('// @bench a\n1\n// @bench b\nconst x = ;\n', 'javascript'));
    expect(r.line).toBe(3);
    expect(r.message).toMatch(/^SyntaxError/);
  });

  it('an error in the setup is reported as the setup', async () => {
    const r = failed(await bench('// @bench setup\nconst a = null;\na.length;\n// @bench x\n1\n// @bench y\n2\n', 'javascript'));
    expect(r).toMatchObject({ variant: 'setup', line: 2 });
    expect(r.message).toMatch(/^TypeError/);
  });

  it('TypeScript: a syntax error and a runtime error map back through the transpile', async () => {
    const syntax = failed(await bench('// @bench a\nconst x: number = 1;\n// @bench b\nconst y: number = ;\n', 'typescript'));
    expect(syntax).toMatchObject({ variant: 'b', line: 3 });
    expect(syntax.message).toMatch(/^SyntaxError/);
    const runtime = failed(await bench('// @bench setup\ntype T = { f(): void };\nconst o = {} as T;\n// @bench a\n1\n// @bench b\nconst k: number = 2;\n\no.f();\n', 'typescript'));
    expect(runtime).toMatchObject({ variant: 'b', line: 8 });
    expect(runtime.message).toMatch(/TypeError: o\.f is not a function/);
  });

  it('Python: an exception and a syntax error name their lines', async () => {
    const r = failed(await bench('# @bench setup\nd = {}\n# @bench a\nx = 1\n# @bench b\ny = 2\nd["missing"]\n', 'python'));
    expect(r).toMatchObject({ variant: 'b', line: 6, message: "KeyError: 'missing'" });
    const s = failed(await bench('# @bench a\nx = 1\n# @bench b\nif x\n    pass\n', 'python'));
    expect(s).toMatchObject({ variant: 'b', line: 3 });
    expect(s.message).toMatch(/^SyntaxError/);
  });

  it('Python: a missing module says which interpreter lacks it and how to install it', async () => {
    const r = failed(await bench('# @bench setup\nimport gauss_lab_no_such_module\n# @bench a\nx = 1\n# @bench b\ny = 2\n', 'python'));
    expect(r).toMatchObject({ variant: 'setup', line: 1 });
    expect(r.message).toMatch(/No module named 'gauss_lab_no_such_module'.*-m pip install gauss_lab_no_such_module.*gaussLab\.pythonPath/);
  });

  it('process.exit(3), sys.exit() and os._exit are errors with their line, not silent ends', async () => {
    const js = failed(await bench('// @bench a\n1\n// @bench b\nprocess.exit(3);\n', 'javascript'));
    expect(js).toMatchObject({ variant: 'b', line: 3 });
    expect(js.message).toMatch(/process\.exit\(3\) was called/);
    const py = failed(await bench('# @bench a\nx = 1\n# @bench b\nimport sys\nsys.exit()\n', 'python'));
    expect(py).toMatchObject({ variant: 'b', line: 4 });
    expect(py.message).toMatch(/sys\.exit\(\) was called/);
    const hard = failed(await bench('# @bench a\nimport os\nos._exit(3)\n# @bench b\ny = 2\n', 'python'));
    expect(hard).toMatchObject({ variant: 'a', line: 2 });
    expect(hard.message).toMatch(/sys\.exit\(3\) was called/);
  });

  it('a crash in native code (ctypes reading address 0: SIGSEGV) is named, with the Python line', async () => {
    const r = failed(await bench('# @bench a\nx = 1\n# @bench b\nimport ctypes\ny = 2\nctypes.string_at(0)\n', 'python'));
    expect(r).toMatchObject({ variant: 'b', line: 5 });
    expect(r.message).toMatch(/"b" was killed by SIGSEGV before it answered\. That is a crash in native code/);
  });

  it('a missing interpreter is a clear message', async () => {
    const r = failed(await bench('# @bench a\nx = 1\n# @bench b\ny = 2\n', 'python', { pythonPath: '/nonexistent/python9' }));
    expect(r.message).toMatch(/Python interpreter "\/nonexistent\/python9" was not found.*gaussLab\.pythonPath/);
  });
});

describe('runBenchGroup: safety', () => {
  it('an endless JavaScript loop is killed at the timeout with a message', async () => {
    const r = failed(await bench('// @bench a\n1\n// @bench b\nwhile (true) {}\n', 'javascript', { timeoutMs: 1500 }));
    expect(r.variant).toBe('b');
    expect(r.message).toMatch(/"b" was still running after 1\.5 s, the timeout.*endless loop/);
  });

  it('an endless Python loop is killed at the timeout, naming the line it was on', async () => {
    // a timeout long enough for Python to reach the loop even on a busy machine
    const r = failed(await bench('# @bench a\nx = 1\n# @bench b\nk = 0\nwhile True:\n    k += 1\n', 'python', { timeoutMs: 5000 }));
    expect(r.variant).toBe('b');
    expect([4, 5]).toContain(r.line);
    expect(r.message).toMatch(/timeout.*it was on line [56]/);
  });

  it('100 MB of output is capped: the process is stopped, the host keeps a short tail', async () => {
    const r = failed(await bench('// @bench a\n1\n// @bench b\nprocess.stdout.write("x".repeat(100 * 2 ** 20));\n', 'javascript', { maxOutputBytes: 1 << 20 }));
    expect(r.message).toMatch(/"b" printed more than 1 MiB, so its process was stopped/);
    expect(r.output!.length).toBeLessThanOrEqual(500);
  });

  it('Python printing in the timed loop is capped too', async () => {
    const r = failed(await bench('# @bench a\nprint("y" * 1000)\n# @bench b\nx = 1\n', 'python', { maxOutputBytes: 64 * 1024 }));
    expect(r).toMatchObject({ variant: 'a' });
    expect(r.message).toMatch(/printed more than 64 KiB/);
  });

  it('snippets cannot start processes (JavaScript and Python)', async () => {
    const js = failed(await bench('// @bench a\nrequire("node:child_process").spawn("sleep", ["100"])\n// @bench b\n1\n', 'javascript'));
    expect(js).toMatchObject({ variant: 'a', line: 1 });
    expect(js.message).toMatch(/child_process\.spawn is not available.*cannot start processes/);
    const worker = failed(await bench('// @bench a\nnew (require("node:worker_threads").Worker)("1")\n// @bench b\n1\n', 'javascript'));
    expect(worker.message).toMatch(/worker_threads\.Worker is not available/);
    const py = failed(await bench('# @bench a\nimport subprocess\nsubprocess.run(["sleep", "100"])\n# @bench b\nx = 1\n', 'python'));
    expect(py).toMatchObject({ variant: 'a', line: 2 });
    expect(py.message).toMatch(/subprocess is not available/);
    const fork = failed(await bench('# @bench a\nimport os\nos.fork()\n# @bench b\nx = 1\n', 'python'));
    expect(fork.message).toMatch(/os\.fork is not available/);
  });

  it('a process started around the guard is killed with the group', async () => {
    // libc fork() bypasses the Python guard: the child records its pid and sleeps; the parent
    // loops until the timeout. Killing the process group must take both. (A 5 s deadline: at
    // 1.5 s a busy machine timed Python out before it reached the fork.)
    const pidFile = file('grandchild.pid');
    const text = [
      '# @bench a',
      'x = 1',
      '# @bench b',
      'import ctypes, os, time',
      'if ctypes.CDLL(None).fork() == 0:',
      `    open(${JSON.stringify(pidFile)}, "w").write(str(os.getpid()))`,
      '    time.sleep(100)',
      'while True:',
      '    pass',
    ].join('\n');
    const r = failed(await bench(text, 'python', { timeoutMs: 5000 }));
    expect(r.message).toMatch(/timeout/);
    expect(existsSync(pidFile)).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await waitUntil(() => !alive(pid))).toBe(true);
  });

  it('an abort cancels at once and leaves no process behind', async () => {
    const pidFile = file('aborted.pid');
    const controller = new AbortController();
    const run = bench(`// @bench a\nrequire("node:fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nwhile (true) {}\n// @bench b\n1\n`, 'javascript', { signal: controller.signal });
    expect(await waitUntil(() => existsSync(pidFile))).toBe(true);
    controller.abort();
    expect(await run).toEqual({ kind: 'cancelled' });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(await waitUntil(() => !alive(pid))).toBe(true);
    expect(await bench('// @bench a\n1\n// @bench b\n2\n', 'javascript', { signal: AbortSignal.abort() })).toEqual({ kind: 'cancelled' });
  });
});

describe('BenchQueue', () => {
  const group = findBenchGroups('// @bench a\n1\n// @bench b\n2\n', 'javascript')[0];

  it('runs one group at a time, in order', async () => {
    const events: string[] = [];
    const queue = new BenchQueue(async (_g, o) => {
      events.push(`start ${o.budgetMs}`);
      await new Promise((r) => setTimeout(r, 20));
      events.push(`end ${o.budgetMs}`);
      return { kind: 'cancelled' };
    });
    const progress: BenchProgress[] = [];
    const runs = [1, 2, 3].map((n) => queue.run(group, { timeoutMs: 1000, budgetMs: n, onProgress: (p) => progress.push(p) }));
    expect(queue.pending).toBe(3);
    await Promise.all(runs);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(progress.filter((p) => p.phase === 'queued')).toHaveLength(2);
    expect(queue.pending).toBe(0);
  });

  it('a run aborted while queued never starts; a failing run does not block the next', async () => {
    const started: number[] = [];
    const queue = new BenchQueue(async (_g, o) => {
      started.push(o.budgetMs!);
      if (o.budgetMs === 1) throw new Error('boom');
      return { kind: 'cancelled' };
    });
    const controller = new AbortController();
    const first = queue.run(group, { timeoutMs: 1000, budgetMs: 1 });
    const second = queue.run(group, { timeoutMs: 1000, budgetMs: 2, signal: controller.signal });
    const third = queue.run(group, { timeoutMs: 1000, budgetMs: 3 });
    controller.abort();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toEqual({ kind: 'cancelled' });
    await third;
    expect(started).toEqual([1, 3]);
  });

  it('runs real groups back to back', async () => {
    const queue = new BenchQueue(runBenchGroup);
    const [a, b] = await Promise.all([queue.run(group, FAST), queue.run(group, FAST)]);
    expect([a.kind, b.kind]).toEqual(['ok', 'ok']);
  });
});
