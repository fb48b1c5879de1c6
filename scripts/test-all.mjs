// `npm test`: every suite, in order, every time. Ends with one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
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
  passed += r.passed;
  failed += r.failed;
  timings.push(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s (${r.passed} passed, ${r.failed} failed)`);
}

function run(cmd, args, extraEnv = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
}

stage('typecheck', () => {
  const r = run('npx', ['tsc', '--noEmit', '-p', '.']);
  return r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});

stage('build', () => {
  const r = run('node', ['esbuild.mjs']);
  return r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
});

stage('unit (vitest)', () => {
  const out = join(results, 'unit.json');
  rmSync(out, { force: true });
  const r = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) return { passed: 0, failed: 1 };
  const j = JSON.parse(readFileSync(out, 'utf8'));
  const f = j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0);
  return { passed: j.numPassedTests, failed: f };
});

for (const extra of ['scripts/test-e2e.mjs']) {
  if (!existsSync(join(root, extra))) continue;
  stage('end-to-end (real VS Code)', () => {
    const out = join(results, 'e2e-summary.json');
    rmSync(out, { force: true });
    const r = run('node', [extra, `--summary=${out}`]);
    if (!existsSync(out)) return { passed: 0, failed: 1 };
    const j = JSON.parse(readFileSync(out, 'utf8'));
    return { passed: j.passed, failed: j.failed + (r.status !== 0 && j.failed === 0 ? 1 : 0) };
  });
}

console.log('\nStage times:\n  ' + timings.join('\n  '));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
