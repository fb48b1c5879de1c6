// `npm test`: every suite, in order, every time. Ends with one line `N passed, N failed`, after a
// line with the skipped count. A stage that runs no test, or whose runner is missing, fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const timings = [];

function stage(name, fn) {
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  let r;
  try {
    r = fn();
  } catch (e) {
    console.error(`${name} crashed: ${e instanceof Error ? e.message : e}`);
    r = { passed: 0, failed: 1 };
  }
  if (r.passed + r.failed === 0) {
    console.error(`${name} ran no test: that is a failure, not a pass`);
    r = { ...r, failed: 1 };
  }
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  timings.push(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s (${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''})`);
}

function run(cmd, args, extraEnv = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
}

stage('typecheck', () => {
  const r = run('npx', ['tsc', '--noEmit', '-p', '.']);
  return r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});

// src/core compiled alone with the ECMAScript library only: an import of vscode or node:*, or the DOM, fails.
stage('typecheck: src/core is pure (tsconfig.core.json)', () => {
  const r = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.core.json']);
  return r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});

stage('build', () => {
  const r = run('node', ['esbuild.mjs']);
  return r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});

// The references the unit tests compare with (statsmodels and patsy, mpmath for tail
// probabilities): installed from Debian when missing; where that is impossible the comparisons
// are skipped with the reason printed (and listed under "skipped").
try {
  const { ensureDebianPackages } = await import('./e2e/env.mjs');
  ensureDebianPackages(['python3-statsmodels', 'python3-mpmath'], (s) => console.log(`[references] ${s}`));
} catch (e) {
  console.warn(`[references] statsmodels/mpmath comparisons will be skipped: ${e instanceof Error ? e.message : e}`);
}

stage('unit (vitest)', () => {
  const out = join(results, 'unit.json');
  rmSync(out, { force: true });
  const r = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) return { passed: 0, failed: 1 };
  const j = JSON.parse(readFileSync(out, 'utf8'));
  // a test file that failed to load counts as a failure even when it has no failed test
  const f = j.numFailedTests + j.numFailedTestSuites + (r.status !== 0 && j.numFailedTests + j.numFailedTestSuites === 0 ? 1 : 0);
  const skippedTests = (j.testResults ?? []).flatMap((file) => (file.assertionResults ?? []).filter((a) => a.status !== 'passed' && a.status !== 'failed').map((a) => `${a.fullName} (${a.status})`));
  if (skippedTests.length) console.log(`skipped:\n  ${skippedTests.join('\n  ')}`);
  return { passed: j.numPassedTests, failed: f, skipped: j.numPendingTests + j.numTodoTests };
});

stage('end-to-end (real VS Code)', () => {
  const script = join(root, 'scripts', 'test-e2e.mjs');
  if (!existsSync(script)) throw new Error(`${script} is missing`);
  const out = join(results, 'e2e-summary.json');
  rmSync(out, { force: true });
  const r = run('node', [script, `--summary=${out}`]);
  if (!existsSync(out)) return { passed: 0, failed: 1 };
  const j = JSON.parse(readFileSync(out, 'utf8'));
  return { passed: j.passed, failed: j.failed + (r.status !== 0 && j.failed === 0 ? 1 : 0) };
});

console.log('\nStage times:\n  ' + timings.join('\n  '));
// CI reads the last line, `N passed, N failed`; skipped tests are counted on the line before it.
console.log(`\n${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
