// The `gauss-lab` launcher (src/cli/launch.ts): the CLI loaded through V8's code cache on Node
// versions without Node's own compile cache. The cache is private to the user, used when it is
// right, rewritten when V8 rejects it, never used from a folder others can write to, and never
// changes what the command prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { targets as buildTargets } from '../../../esbuild.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'gauss-launch-'));
const bin = join(dir, 'bin');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  // the CLI's own build targets (esbuild.mjs), written here: the launcher, the CLI, its bench command
  const cli = buildTargets.filter((t) => /^dist\/cli[-.]/.test(t.outfile ?? ''));
  expect(cli.map((t) => t.outfile).sort()).toEqual(['dist/cli-bench.js', 'dist/cli-main.js', 'dist/cli.js']);
  await Promise.all(cli.map((t) => build({ ...t, outfile: join(bin, t.outfile!.slice('dist/'.length)), logLevel: 'silent' })));
}, 120_000);

const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
const run = (tmp: string, env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [join(bin, 'cli.js'), 'synth', 'd2l', '--n', '5', '--seed', '3'], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, ...env } });
const cacheIn = (tmp: string) => join(tmp, `gauss-lab-compile-cache${uid === undefined ? '' : `-${uid}`}`);
const builtIn = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(builtIn)('the CLI launcher on Node without a built-in compile cache', () => {
  const expected = () => execFileSync(process.execPath, [join(bin, 'cli-main.js'), 'synth', 'd2l', '--n', '5', '--seed', '3'], { encoding: 'utf8' });

  it('writes a private cache per command on the first run and uses it, unchanged, on the next', () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    expect(run(tmp)).toBe(expected());
    const cache = cacheIn(tmp);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^cli-main\.js-synth-[0-9a-f]{24}\.bin$/);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const file = join(cache, files[0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(10_000);
    // accepted by V8: the second run prints the same and leaves the cache as it was
    expect(run(tmp)).toBe(expected());
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("a new bundle's cache replaces the old one's", () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    run(tmp);
    const old = join(cacheIn(tmp), 'cli-main.js-synth-0123456789abcdef01234567.bin');
    writeFileSync(old, 'from an older bundle');
    const other = join(cacheIn(tmp), 'cli-main.js-fit-0123456789abcdef01234567.bin');
    writeFileSync(other, 'another command');
    rmSync(join(cacheIn(tmp), readdirSync(cacheIn(tmp)).find((f) => !f.includes('0123456789'))!));
    run(tmp);
    const files = readdirSync(cacheIn(tmp)).sort();
    expect(files).toHaveLength(2);
    expect(files).toContain('cli-main.js-fit-0123456789abcdef01234567.bin');
    expect(files.find((f) => f.includes('-synth-'))).not.toContain('0123456789');
  });

  it('a cache V8 rejects (damaged) is rewritten, and the output is the same', () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    run(tmp);
    const file = join(cacheIn(tmp), readdirSync(cacheIn(tmp))[0]);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run(tmp)).toBe(expected());
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('the bench command, a bundle of its own, loads from the cached CLI', () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    for (let k = 0; k < 2; k++) {
      const r = spawnSync(process.execPath, [join(bin, 'cli.js'), 'bench'], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
      // its own usage error, not a failed import
      expect(r.stderr).toContain('bench needs exactly one file');
      expect(r.status).toBe(1);
    }
  });

  it('no cache in a folder others can write to, or with NODE_DISABLE_COMPILE_CACHE', () => {
    const shared = mkdtempSync(join(dir, 'tmp-'));
    mkdirSync(cacheIn(shared));
    chmodSync(cacheIn(shared), 0o777);
    expect(run(shared)).toBe(expected());
    expect(readdirSync(cacheIn(shared))).toEqual([]);
    const off = mkdtempSync(join(dir, 'tmp-'));
    expect(run(off, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(expected());
    expect(readdirSync(off)).toEqual([]);
  });
});
