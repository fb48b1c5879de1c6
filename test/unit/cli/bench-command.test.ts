import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCommand } from '../../../src/cli/bench-command';

const dir = mkdtempSync(join(tmpdir(), 'gauss-bench-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = async (...args: string[]) => {
  let text = '';
  const code = await benchCommand(args, (s) => (text += s));
  return { code, text };
};

describe('gauss-lab bench', () => {
  const js = write('pair.js', '// @bench setup\nconst x = Array.from({ length: 200 }, (_, i) => i);\n// @bench loop\nlet s = 0;\nfor (const v of x) s += v;\ns\n// @bench reduce\nx.reduce((a, b) => a + b, 0)\n');

  it('--json prints every group in the documented shape', async () => {
    const { code, text } = await run(js, '--json', '--budget', '100');
    expect(code).toBe(0);
    const j = JSON.parse(text);
    expect(j.file).toBe(js);
    expect(j.groups).toHaveLength(1);
    const g = j.groups[0];
    expect(g).toMatchObject({ line: 1, language: 'javascript' });
    expect(g.variants.map((v: { name: string }) => v.name)).toEqual(['loop', 'reduce']);
    for (const v of g.variants) {
      expect(Object.keys(v)).toEqual(expect.arrayContaining(['name', 'samples', 'medianNs', 'meanNs', 'sdNs', 'minNs', 'p75Ns', 'p99Ns', 'rme']));
      expect(v.samples).toBeGreaterThanOrEqual(10);
    }
    expect(Object.keys(g.ratio).sort()).toEqual(['ci95', 'factor', 'fastest', 'slowest']);
    expect(g.ratio.ci95).toHaveLength(2);
  });

  it('prints a table per group; a group that cannot run makes the exit code 1', async () => {
    const py = write('two.py', '# @bench a\nx = 1\n# @bench b\nx = 2\n# @bench end\n\n# @bench lonely\ny = 3\n');
    const { code, text } = await run(py, '--budget', '100');
    expect(code).toBe(1);
    expect(text).toMatch(/two\.py:1 \(python\): a vs b\nvariant\s+median/);
    expect(text).toMatch(/two\.py:7 \(python\): lonely\n.*needs two timed variants/);
  });

  it('reports a snippet error with its 1-based line in JSON', async () => {
    const bad = write('bad.js', '// @bench a\n1\n// @bench b\nnope()\n');
    const { code, text } = await run(bad, '--json', '--budget', '50');
    expect(code).toBe(1);
    expect(JSON.parse(text).groups[0].error).toEqual({ variant: 'b', message: 'ReferenceError: nope is not defined', line: 4 });
  });

  it('--python and --timeout reach the runner', async () => {
    const py = write('p.py', '# @bench a\nx = 1\n# @bench b\nx = 2\n');
    const missing = await run(py, '--json', '--python', '/nonexistent/python', '--timeout', '5');
    expect(JSON.parse(missing.text).groups[0].error.message).toMatch(/"\/nonexistent\/python" was not found/);
  });

  it('rejects bad input with a clear message', async () => {
    await expect(run()).rejects.toThrow('bench needs exactly one file, got 0');
    await expect(run(write('x.txt', ''))).rejects.toThrow(/reads \.js, \.ts, \.py and \.md files, not "x\.txt"/);
    await expect(run(join(dir, 'missing.js'))).rejects.toThrow(/cannot read .*missing\.js: ENOENT/);
    await expect(run(write('none.py', 'print(1)\n'))).rejects.toThrow(/no bench markers in none\.py: mark two regions with "# @bench loop"/);
    await expect(run(js, '--timeout', 'soon')).rejects.toThrow('--timeout must be a positive number, got "soon"');
    await expect(run(js, '--budget=-1')).rejects.toThrow('--budget must be a positive number');
    await expect(run(js, '--frobnicate')).rejects.toThrow(/frobnicate/);
  });
});
