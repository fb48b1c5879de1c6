import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../shared/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBenchGroups } from '../../../src/bench/markers';

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('findBenchGroups: JavaScript and TypeScript', () => {
  const text = lines(
    'const unrelated = 1;', // 0
    '// @bench setup', // 1
    'const a = [1, 2];', // 2
    '', // 3
    '// @bench loop', // 4
    'for (const x of a) f(x);', // 5
    '', // 6
    '// @bench vectorized', // 7
    'a.map(f)', // 8
    '', // 9
  );

  it('finds setup and variants with 0-based line ranges and their code', () => {
    const [g] = findBenchGroups(text, 'javascript');
    expect(g).toMatchObject({ id: 'javascript:1', language: 'javascript', startLine: 1, endLine: 9, runnable: true, diagnostics: [] });
    expect(g.setup).toEqual({ name: 'setup', role: 'setup', markerLine: 1, startLine: 2, endLine: 3, code: 'const a = [1, 2];' });
    expect(g.variants.map((v) => [v.name, v.role, v.markerLine, v.startLine, v.endLine, v.code])).toEqual([
      ['loop', 'timed', 4, 5, 6, 'for (const x of a) f(x);'],
      ['vectorized', 'timed', 7, 8, 9, 'a.map(f)'],
    ]);
  });

  it('reads TypeScript the same way, and CRLF line endings too', () => {
    const [g] = findBenchGroups(text.replace(/\n/g, '\r\n'), 'typescript');
    expect(g.language).toBe('typescript');
    expect(g.variants.map((v) => v.code)).toEqual(['for (const x of a) f(x);', 'a.map(f)']);
  });

  it('"@bench end" closes the region and the group; code after it belongs to no region', () => {
    const gs = findBenchGroups(lines('// @bench a', 'x()', '// @bench b', 'y()', '', '// @bench end', 'console.log(1)', '// @bench c', 'z()', '// @bench d', 'w()'), 'javascript');
    expect(gs).toHaveLength(2);
    expect(gs[0].variants.map((v) => [v.name, v.code])).toEqual([['a', 'x()'], ['b', 'y()']]);
    expect(gs[0].endLine).toBe(4);
    expect(gs[1].variants.map((v) => v.name)).toEqual(['c', 'd']);
  });

  it('an unterminated last region runs to the end of the file, trailing blank lines excluded', () => {
    const [g] = findBenchGroups('// @bench a\nx()\n// @bench b\ny()\nz()\n\n\n', 'javascript');
    expect(g.variants[1]).toMatchObject({ startLine: 3, endLine: 5, code: 'y()\nz()' });
  });

  it('a setup after timed variants starts the next group', () => {
    const gs = findBenchGroups(lines('// @bench setup', 's', '// @bench a', 'x', '// @bench b', 'y', '// @bench setup', 't', '// @bench c', 'z', '// @bench d', 'w'), 'javascript');
    expect(gs.map((g) => [g.startLine, g.setup?.code, g.variants.map((v) => v.name)])).toEqual([
      [0, 's', ['a', 'b']],
      [6, 't', ['c', 'd']],
    ]);
  });

  it('flags a single variant as needing two', () => {
    const [g] = findBenchGroups(lines('// @bench setup', 'const a = 1;', '// @bench loop', 'f(a)'), 'javascript');
    expect(g.runnable).toBe(false);
    expect(g.reason).toMatch(/needs two timed variants.*"loop" is the only one/);
    expect(g.diagnostics.map((d) => d.line)).toContain(0);
  });

  it('flags a setup without variants', () => {
    const [g] = findBenchGroups(lines('// @bench setup', 'const a = 1;'), 'javascript');
    expect(g).toMatchObject({ runnable: false, variants: [] });
    expect(g.reason).toMatch(/no timed variants/);
  });

  it('flags duplicate variant names with both lines', () => {
    const [g] = findBenchGroups(lines('// @bench loop', 'f()', '// @bench fast', 'g()', '// @bench loop', 'h()'), 'javascript');
    expect(g.runnable).toBe(false);
    expect(g.reason).toMatch(/Two variants are named "loop" \(lines 1 and 5\)/);
    expect(g.diagnostics[0].line).toBe(4);
  });

  it('flags a second setup in one group', () => {
    const [g] = findBenchGroups(lines('// @bench setup', 'a', '// @bench setup', 'b', '// @bench x', 'c', '// @bench y', 'd'), 'javascript');
    expect(g.runnable).toBe(false);
    expect(g.reason).toMatch(/second setup/);
  });

  it('flags a marker nested (indented) inside a region, which keeps its text as code', () => {
    const text = lines('// @bench loop', 'for (const x of a) {', '  // @bench inner', '  f(x);', '}', '// @bench fast', 'a.forEach(f)');
    const [g] = findBenchGroups(text, 'javascript');
    expect(g.runnable).toBe(false);
    expect(g.reason).toMatch(/line 3 is indented inside "loop" \(line 1\).*cannot nest/);
    expect(g.variants.map((v) => v.name)).toEqual(['loop', 'fast']);
    expect(g.variants[0].code).toContain('// @bench inner');
  });

  it('accepts markers that are all indented alike (inside a block)', () => {
    const [g] = findBenchGroups(lines('{', '  // @bench a', '  f();', '  // @bench b', '  g();', '}'), 'javascript');
    expect(g.runnable).toBe(true);
    expect(g.variants.map((v) => v.code)).toEqual(['  f();', '  g();\n}']);
  });

  it('ignores lookalikes and reports a marker without a name', () => {
    expect(findBenchGroups(lines('// @benchmark loop', 'f()', '// see @bench loop', 'g()', '/* @bench x */'), 'javascript')).toEqual([]);
    const [g] = findBenchGroups(lines('// @bench a', 'f()', '// @bench', 'g()', '// @bench b', 'h()'), 'javascript');
    expect(g.runnable).toBe(true);
    expect(g.diagnostics).toEqual([{ line: 2, message: expect.stringMatching(/no name/) }]);
    expect(g.variants[0].code).toBe('f()\n// @bench\ng()');
  });

  it('takes the first word as the name; Python comments are not JavaScript markers', () => {
    const [g] = findBenchGroups(lines('// @bench loop -- the slow way', 'f()', '# @bench no', '// @bench fast', 'g()'), 'javascript');
    expect(g.variants.map((v) => v.name)).toEqual(['loop', 'fast']);
    expect(g.variants[0].code).toBe('f()\n# @bench no');
  });
});

describe('findBenchGroups: Python', () => {
  it('reads # markers', () => {
    const [g] = findBenchGroups(lines('import numpy as np', '# @bench setup', 'a = np.ones(3)', '# @bench loop', 'for i in range(3):', '    a[i] += 1', '# @bench vectorized', 'a += 1'), 'python');
    expect(g).toMatchObject({ language: 'python', runnable: true });
    expect(g.setup?.code).toBe('a = np.ones(3)');
    expect(g.variants.map((v) => [v.name, v.startLine, v.endLine])).toEqual([
      ['loop', 4, 6],
      ['vectorized', 7, 8],
    ]);
  });

  it('reads # %% cell markers; an unmarked cell ends the region and the group', () => {
    const text = lines('# %% @bench setup', 'n = 3', '# %% Slow @bench loop', 'x = [i for i in range(n)]', '#%% @bench fast', 'x = list(range(n))', '# %%', 'print(x)', '# %% @bench a', '1', '# %% [markdown]', '# @bench b', '2');
    const gs = findBenchGroups(text, 'python');
    expect(gs[0]).toMatchObject({ runnable: true, startLine: 0, endLine: 6 });
    expect(gs[0].variants.map((v) => [v.name, v.code])).toEqual([
      ['loop', 'x = [i for i in range(n)]'],
      ['fast', 'x = list(range(n))'],
    ]);
    // "a" is cut off by the [markdown] cell; "b" starts a group of its own: both single.
    expect(gs.slice(1).map((g) => [g.variants.map((v) => v.name), g.runnable])).toEqual([
      [['a'], false],
      [['b'], false],
    ]);
  });

  it('flags nested markers, duplicates and a single variant', () => {
    const nested = findBenchGroups(lines('# @bench loop', 'for i in range(3):', '    # @bench body', '    f(i)', '# @bench fast', 'g()'), 'python')[0];
    expect(nested.reason).toMatch(/cannot nest/);
    const dup = findBenchGroups(lines('# @bench a', 'f()', '# @bench a', 'g()'), 'python')[0];
    expect(dup.reason).toMatch(/Two variants are named "a"/);
    const single = findBenchGroups(lines('# @bench only', 'f()'), 'python')[0];
    expect(single.reason).toMatch(/add another marker such as "# @bench vectorized"/);
  });

  it('does not take JavaScript comments as markers', () => {
    expect(findBenchGroups(lines('// @bench a', 'x', '// @bench b', 'y'), 'python')).toEqual([]);
  });
});

describe('findBenchGroups: Markdown', () => {
  const md = lines(
    '# Vectorization', // 0
    'Prose.', // 1
    '```{.python .input} @bench setup', // 2
    'n = 3', // 3
    '```', // 4
    'More prose between blocks does not end the group.', // 5
    '```python', // 6
    '# @bench loop', // 7
    'for i in range(n): pass', // 8
    '```', // 9
    '', // 10
    '```python @bench vectorized', // 11
    '%%tab all', // 12
    'sum(range(n))', // 13
    '```', // 14
    '## JavaScript', // 15
    '```js @bench a', // 16
    'f()', // 17
    '```', // 18
    '```ts @bench b', // 19
    'g()', // 20
    '```', // 21
  );

  it('reads info-string and first-line markers; prose does not end a group, a heading does', () => {
    const gs = findBenchGroups(md, 'markdown');
    expect(gs).toHaveLength(3);
    const [py, js, ts] = gs;
    expect(py).toMatchObject({ language: 'python', startLine: 2, runnable: true });
    expect(py.setup).toMatchObject({ markerLine: 2, startLine: 3, endLine: 4, code: 'n = 3' });
    expect(py.variants.map((v) => [v.name, v.markerLine, v.startLine, v.endLine])).toEqual([
      ['loop', 7, 8, 9],
      ['vectorized', 11, 12, 14],
    ]);
    expect(py.variants[1].code).toBe('\nsum(range(n))'); // the IPython magic is blanked, lines kept
    // A block in another language starts another group, each with one variant.
    expect([js.language, js.runnable, ts.language, ts.runnable]).toEqual(['javascript', false, 'typescript', false]);
  });

  it('ignores blocks in other languages and fences nested inside a longer fence', () => {
    const text = lines('````markdown', '```python @bench a', 'x', '```', '```python @bench b', 'y', '```', '````', '```bash @bench c', 'ls', '```');
    expect(findBenchGroups(text, 'markdown')).toEqual([]);
  });

  it('accepts ~~~ fences and indented fences', () => {
    const [g] = findBenchGroups(lines('~~~js @bench a', 'f()', '~~~', '  ```js @bench b', '  g()', '  ```'), 'markdown');
    expect(g.runnable).toBe(true);
    expect(g.variants.map((v) => v.code)).toEqual(['f()', '  g()']);
  });

  it('an unterminated fence runs to the end of the document, with a diagnostic', () => {
    const [g] = findBenchGroups(lines('```python @bench a', 'x = 1', '```', '```python @bench b', 'y = 2', ''), 'markdown');
    expect(g.variants[1]).toMatchObject({ startLine: 4, endLine: 5, code: 'y = 2' });
    expect(g.diagnostics).toEqual([{ line: 3, message: expect.stringMatching(/never closed/) }]);
  });

  it('splits one block at markers inside it', () => {
    const [g] = findBenchGroups(lines('```js', '// @bench a', 'f()', '// @bench b', 'g()', '```'), 'markdown');
    expect(g.variants.map((v) => [v.name, v.code])).toEqual([
      ['a', 'f()'],
      ['b', 'g()'],
    ]);
  });
});

describe('findBenchGroups: the shipped examples', () => {
  const dir = join(repoRoot, 'examples', 'bench');
  it.each([
    ['vector-add.js', 'javascript', 2],
    ['vector-add.ts', 'typescript', 2],
    ['vector-add.py', 'python', 2],
    ['vectorization.md', 'markdown', 3],
    ['known-ratio.js', 'javascript', 1],
    ['known-ratio.py', 'python', 1],
  ] as const)('%s has %i runnable groups', (file, language, count) => {
    const gs = findBenchGroups(readFileSync(join(dir, file), 'utf8'), language);
    expect(gs).toHaveLength(count);
    for (const g of gs) {
      expect(g.runnable, g.reason).toBe(true);
      expect(g.diagnostics).toEqual([]);
    }
  });
});
