/**
 * The `gauss-lab` command (dist/cli.js): loads the CLI itself (dist/cli-main.js) through V8's
 * code cache, so a run does not compile half a megabyte of JavaScript before it starts.
 *
 * On Node ≥ 22.1 that is Node's own compile cache (`module.enableCompileCache`). On older Node
 * the bundle is compiled as `require` would, with the code V8 produced at the end of the last
 * run (`vm.Script` cached data), kept in the temp folder under a key of the Node version and the
 * bundle's bytes. Measured on the 2-core machine, Node 20: `gauss-lab --version` 0.16 → 0.13 s,
 * every `fit` ~30 ms sooner. Anything wrong with the cache (missing, another Node, a folder we do
 * not own) only means no cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off, as in Node.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface Cli {
  runCli(): void;
}

const MAIN = join(__dirname, 'cli-main.js');

function load(): Cli {
  const builtIn = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (builtIn) builtIn();
  else if (!process.env.NODE_DISABLE_COMPILE_CACHE) {
    const cached = compileCached(MAIN);
    if (cached) return cached();
  }
  return require(MAIN) as Cli;
}

/** A folder of ours for the cache: created private, or refused when someone else could write to it. */
function cacheDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `gauss-lab-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = statSync(dir);
    if (!s.isDirectory() || (uid !== undefined && s.uid !== uid) || (s.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * The bundle compiled with its cached code (the cache written at exit when it was missing or
 * rejected), as a function that runs it; undefined when it cannot be read.
 */
function compileCached(file: string): (() => Cli) | undefined {
  let source: string;
  let script: Script;
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    source = readFileSync(file, 'utf8');
    const dir = cacheDir();
    if (dir) {
      // V8 checks only the source's length: the key names its bytes and the engine
      const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(source).digest('hex').slice(0, 24);
      // one per command: the cache holds what the run that wrote it compiled (fit's kernels for fit)
      const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
      cacheFile = join(dir, `${basename(file)}-${command}-${key}.bin`);
      try {
        cachedData = readFileSync(cacheFile);
      } catch {
        // first run with this bundle and this Node
      }
    }
    script = new Script(nodeModule.wrap(source), { filename: file, cachedData });
  } catch {
    return undefined;
  }
  const target = cacheFile;
  if (target && (!cachedData || script.cachedDataRejected)) {
    // at exit, the code includes every function the run compiled
    process.once('exit', () => {
      try {
        const temp = `${target}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, target);
        // an older bundle's or Node's cache for this command is of no further use
        const prefix = basename(target).replace(/[0-9a-f]+\.bin$/, '');
        for (const f of readdirSync(dirname(target))) if (f.startsWith(prefix) && f.endsWith('.bin') && f !== basename(target)) rmSync(join(dirname(target), f), { force: true });
      } catch {
        // a cache we could not write: the next run compiles again
      }
    });
  }
  return () => {
    const m = { exports: {} as Cli };
    const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void;
    wrapper.call(m.exports, m.exports, nodeModule.createRequire(file), m, file, dirname(file));
    return m.exports;
  };
}

load().runCli();
