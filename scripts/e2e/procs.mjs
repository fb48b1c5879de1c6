// Process bookkeeping for the e2e harness and `npm start`: every process we start is tracked by
// pid and stopped by pid (its whole tree), on success, failure, Ctrl+C or a kill signal.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Reads `/proc/<pid>/stat`: parent pid and start time (to never signal a recycled pid). */
function stat(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), start: rest[19], state: rest[0] };
  } catch {
    return undefined;
  }
}

/** Every live descendant of `pid`, as `{ pid, start }`, parents before children. */
export function descendants(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (!s) continue;
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push({ pid: Number(name), start: s.start });
  }
  const out = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) ?? []) {
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}

/** Whether `{ pid, start }` (from `descendants`) is still running, not a recycled pid or a zombie. */
export const alive = (p) => {
  const s = stat(p.pid);
  return s !== undefined && s.start === p.start && s.state !== 'Z';
};

function signal(p, sig) {
  try {
    if (alive(p)) process.kill(p.pid, sig);
  } catch {
    /* already gone */
  }
}

/**
 * Stops `pid` and every process below it: SIGTERM to the root, then waits up to `graceMs`
 * for the whole tree (snapshotted first, since orphans are re-parented), then SIGKILL by pid.
 */
export async function killTree(pid, graceMs = 8000) {
  const root = { pid, start: stat(pid)?.start };
  if (root.start === undefined) return;
  const tree = [root, ...descendants(pid)];
  signal(root, 'SIGTERM');
  const t0 = Date.now();
  while (Date.now() - t0 < graceMs && tree.some(alive)) await new Promise((r) => setTimeout(r, 100));
  for (const p of tree) signal(p, 'SIGKILL');
}

/** SIGKILLs every live descendant of this process, by pid. Synchronous: safe in an 'exit' handler. */
export function killAllDescendantsSync() {
  for (const p of descendants(process.pid).reverse()) signal(p, 'SIGKILL');
}

const tracked = new Set();

/** `spawn` whose child is remembered by pid and stopped (with its tree) by `stopAll`. */
export function spawnTracked(cmd, args, options = {}) {
  const child = spawn(cmd, args, { detached: true, ...options });
  if (child.pid) {
    tracked.add(child.pid);
    child.on('exit', () => tracked.delete(child.pid));
  }
  return child;
}

/** Stops every tracked process tree, then anything else still below this process. */
export async function stopAll() {
  await Promise.all([...tracked].map((pid) => killTree(pid)));
  killAllDescendantsSync();
}

const cleanups = [];

/**
 * Runs `fn` once on Ctrl+C / SIGTERM / SIGHUP (then exits with 128+signal) and makes sure
 * nothing below this process survives its exit.
 */
export function onShutdown(fn) {
  cleanups.push(fn);
  if (cleanups.length > 1) return;
  let shuttingDown = false;
  const handler = (sig, code) => async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.error(`\n[gauss-lab] ${sig}: stopping…`);
    for (const c of [...cleanups].reverse()) {
      try {
        await c();
      } catch (e) {
        console.error(`[gauss-lab] cleanup: ${e instanceof Error ? e.message : e}`);
      }
    }
    await stopAll();
    process.exit(code);
  };
  process.on('SIGINT', handler('SIGINT', 130));
  process.on('SIGTERM', handler('SIGTERM', 143));
  process.on('SIGHUP', handler('SIGHUP', 129));
  process.on('exit', killAllDescendantsSync);
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
