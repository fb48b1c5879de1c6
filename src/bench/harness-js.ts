// The Node side of a JavaScript/TypeScript variant's process, as source text: the runner writes it
// to a temporary file, so the bundled extension ships nothing extra. Written for Node ≥ 18, CommonJS.
//
// Protocol: newline-delimited JSON over fd 3 (a socket pair; the snippet's own stdout and stderr
// stay free). argv[2] is `{ programPath, baselinePath?, virtualPath, userDir, setupOnce }`.
//   → { op: 'calibrate', targetNs, warmupNs }   ← { type: 'calibrated', n, perIterationNs, setupNs }
//   → { op: 'sample', n, reentryNs }             ← { type: 'sample', ns, setupNs }
//   → { op: 'baseline', targetNs, samples }       ← { type: 'baseline', perIterationNs }
//   at start                                      ← { type: 'ready', runtime } or { type: 'error', … }
// An error is `{ type: 'error', name, message, frames: [{ line, column }] }`, frames (1-based,
// innermost first) in the program file only; the runner maps them back to the user's lines.

/** Source of the JavaScript harness (no template substitutions: this text is run as is). */
export function jsHarness(): string {
  return String.raw`'use strict';
const Module = require('node:module');
const net = require('node:net');
const fs = require('node:fs');
const config = JSON.parse(process.argv[2]);
const channel = new net.Socket({ fd: 3, readable: true, writable: true });
const realExit = process.exit.bind(process);
const realKill = process.kill.bind(process);
const now = () => process.hrtime.bigint();
const sink = { v: undefined };

function send(message) {
  channel.write(JSON.stringify(message) + '\n');
}

function frames(error) {
  const stack = String((error && error.stack) || '');
  const v = config.virtualPath;
  const out = [];
  if (stack.startsWith(v + ':')) {
    const m = /^:(\d+)/.exec(stack.slice(v.length));
    if (m) out.push({ line: Number(m[1]), column: 0 });
  }
  for (const l of stack.split('\n')) {
    const i = l.indexOf(v + ':');
    if (i < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(l.slice(i + v.length));
    if (m) out.push({ line: Number(m[1]), column: Number(m[2]) });
  }
  return out;
}

function describe(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, frames: frames(error) };
  return { name: 'Error', message: 'a value that is not an Error was thrown: ' + String(error), frames: [] };
}

function fail(error) {
  send(Object.assign({ type: 'error' }, describe(error)));
}

// --- Guards: a snippet cannot start processes or threads, nor end its own process.
function blocked(what) {
  return function () {
    const e = new Error(what + ' is not available in a Gauss Lab benchmark: snippets cannot start processes or threads');
    e.name = 'GaussLabGuard';
    throw e;
  };
}
const childProcess = require('node:child_process');
for (const k of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[k] = blocked('child_process.' + k);
}
require('node:cluster').fork = blocked('cluster.fork');
require('node:worker_threads').Worker = function Worker() {
  blocked('worker_threads.Worker')();
};
process.exit = function (code) {
  const e = new Error('process.exit(' + (code === undefined ? '' : code) + ') was called: a benchmark snippet must not end its process');
  e.name = 'ProcessExit';
  throw e;
};
process.reallyExit = process.exit;
process.abort = blocked('process.abort');
process.kill = function (pid, signal) {
  if (pid === process.pid || pid === 0 || pid === -process.pid || pid === process.ppid) {
    const e = new Error('process.kill(' + pid + ') was called: a benchmark snippet must not signal its own process or the editor');
    e.name = 'ProcessExit';
    throw e;
  }
  return realKill(pid, signal);
};
Module.syncBuiltinESMExports();

// --- Loading: the program is compiled as a module in the user's folder, so require('./x') and
// __dirname work as in the user's file; its stack frames name config.virtualPath.
function load(path) {
  globalThis.__gaussLabHost = {};
  const m = new Module(config.virtualPath, null);
  m.filename = config.virtualPath;
  m.paths = Module._nodeModulePaths(config.userDir);
  m._compile(fs.readFileSync(path, 'utf8'), config.virtualPath);
  return globalThis.__gaussLabHost.make;
}

let make;
let makeBaseline;

// With config.setupOnce the setup runs once per process and its run() is reused: one closure
// over one set of setup values, the shape module-level code has, which V8 specializes
// (re-running the setup makes new closures, and the same kernel measurably slower).
const once = new Map();
async function sampleWith(factory, n) {
  const t0 = now();
  let run = config.setupOnce ? once.get(factory) : undefined;
  if (!run) {
    run = await factory(sink);
    if (config.setupOnce) once.set(factory, run);
  }
  const t1 = now();
  const ns = await run(n, now);
  return { ns: Number(ns), setupNs: Number(t1 - t0) };
}

/** Warm up for warmupNs, growing n until one sample lasts targetNs; the final n aims at targetNs. */
async function calibrate(factory, targetNs, warmupNs) {
  const start = now();
  let n = 1;
  let last;
  for (;;) {
    last = await sampleWith(factory, n);
    const elapsed = Number(now() - start);
    if (last.ns >= targetNs && elapsed >= warmupNs) break;
    if (last.ns < targetNs) {
      const guess = last.ns > 0 ? Math.ceil((n * targetNs) / last.ns) : n * 10;
      n = Math.min(1e9, Math.max(n + 1, Math.min(n * 10, guess)));
      if (n >= 1e9) break;
    }
  }
  const perIterationNs = last.ns / n;
  const finalN = Math.max(1, Math.min(1e9, Math.ceil((1.1 * targetNs) / Math.max(perIterationNs, 1e-3))));
  return { n: finalN, perIterationNs, setupNs: last.setupNs };
}

async function handle(message) {
  try {
    if (message.op === 'calibrate') {
      const c = await calibrate(make, message.targetNs, message.warmupNs);
      send({ type: 'calibrated', n: c.n, perIterationNs: c.perIterationNs, setupNs: c.setupNs });
    } else if (message.op === 'sample') {
      // Untimed calls first: after waiting for the other variants, allocating code runs slower
      // for a while (see BenchRunOptions.reentryMs).
      if (message.reentryNs > 0) {
        const until = now() + BigInt(message.reentryNs);
        const chunk = Math.max(1, Math.ceil(message.n / 10));
        while (now() < until) await sampleWith(make, chunk);
      }
      const s = await sampleWith(make, message.n);
      send({ type: 'sample', ns: s.ns, setupNs: s.setupNs });
    } else if (message.op === 'baseline') {
      const c = await calibrate(makeBaseline, message.targetNs, 0);
      const per = [];
      for (let i = 0; i < message.samples; i++) per.push((await sampleWith(makeBaseline, c.n)).ns / c.n);
      per.sort((a, b) => a - b);
      send({ type: 'baseline', perIterationNs: per[Math.floor(per.length / 2)] });
    }
  } catch (e) {
    fail(e);
  }
}

process.on('uncaughtException', (e) => {
  fail(e);
  channel.end(() => realExit(70));
});
process.on('unhandledRejection', (e) => {
  fail(e);
  channel.end(() => realExit(70));
});
channel.on('end', () => realExit(0));
channel.on('error', () => realExit(0));

let pending = Promise.resolve();
let buffer = '';
channel.setEncoding('utf8');
channel.on('data', (chunk) => {
  buffer += chunk;
  let i;
  while ((i = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, i);
    buffer = buffer.slice(i + 1);
    pending = pending.then(() => handle(JSON.parse(line)));
  }
});

try {
  make = load(config.programPath);
  if (config.baselinePath) makeBaseline = load(config.baselinePath);
  if (config.setupOnce) {
    // Run the setup now, so its errors are reported before any timing.
    pending = pending.then(() => sampleWith(make, 0)).then(
      () => send({ type: 'ready', runtime: 'Node ' + process.version }),
      fail,
    );
  } else {
    send({ type: 'ready', runtime: 'Node ' + process.version });
  }
} catch (e) {
  fail(e);
}
`;
}
