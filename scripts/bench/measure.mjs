// What the bench scripts measure a process with (scripts/bench/suite.mjs, parquet-read.mjs): one
// fresh process timed and its peak RSS taken, and a CPU profile's heaviest functions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** GNU time: its `%M` is the child's peak RSS in KiB. */
export const TIME = '/usr/bin/time';

/**
 * OpenBLAS settings that pin a kernel or a cache size: left over in an environment (from another
 * machine, an older NumPy's workaround), they make NumPy run another kernel than the CPU's own.
 */
export const BLAS_OVERRIDES = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

/** The environment for a Python anchor (NumPy, pandas, sklearn): this one without {@link BLAS_OVERRIDES}. */
export function anchorEnv(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !BLAS_OVERRIDES.includes(k)));
}

/**
 * Runs `cmd args` in a fresh process: its last JSON line (`{}` when none), the wall seconds from
 * this clock and the peak RSS in MiB (NaN without GNU time). `rssFile` is scratch for GNU time;
 * `env`, when given, is the child's whole environment.
 * @throws Error when the process fails, with the end of its stderr.
 */
export function measure(cmd, args, { cwd, rssFile, env, timeoutMs = 30 * 60_000 }) {
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { encoding: 'utf8', cwd, env, timeout: timeoutMs, maxBuffer: 64 << 20 })
    : spawnSync(cmd, args, { encoding: 'utf8', cwd, env, timeout: timeoutMs, maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').slice(-1500)}`);
  const rssMiB = useTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  const text = r.stdout.trim();
  let json;
  try {
    json = JSON.parse(text.startsWith('{') && text.endsWith('}') ? text : text.split('\n').pop());
  } catch {
    json = {};
  }
  return { json, wall, rssMiB };
}

/**
 * Runs `node --cpu-prof args` once, the profile written into `dir`: the `top` functions by self
 * time, each `{ where: 'name (file)', ms, share }`; [] when no profile was written.
 */
export function topSelfTimes(node, args, { dir, cwd, top = 8 }) {
  mkdirSync(dir, { recursive: true });
  spawnSync(node, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...args], { cwd, encoding: 'utf8' });
  const [file] = readdirSync(dir);
  if (!file) return [];
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const self = new Map();
  const dt = new Map();
  p.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  for (const n of p.nodes) {
    const name = n.callFrame.functionName || '(anonymous)';
    const where = `${name} (${n.callFrame.url.split('/').pop() || 'native'})`;
    self.set(where, (self.get(where) ?? 0) + (dt.get(n.id) ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, ms: us / 1000, share: us / total }));
}
