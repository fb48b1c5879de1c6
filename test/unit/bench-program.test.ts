import { describe, expect, it } from 'vitest';
import { transform } from 'esbuild';
import { findBenchGroups } from '../../src/bench/markers';
import { dedent, javascriptPrograms, pythonProgram, sinkLastLine, userLineOf } from '../../src/bench/program';
import { decodeMappings, originalLine } from '../../src/bench/source-map';

describe('sinkLastLine', () => {
  it.each([
    [['c.push(1);', 'c'], 'return (c);'],
    [['add(fa, fb, fc)'], 'return (add(fa, fb, fc));'],
    [['  const d = a.map(f);'], '  const d = a.map(f); return d;'],
    [['let s: number = 0'], 'let s: number = 0; return s;'],
    [['x = 1', '// trailing comment', ''], 'return (x = 1);'],
  ])('%j → %s', (lines, text) => {
    expect(sinkLastLine(lines)?.text).toBe(text);
  });

  it.each([
    [['for (let i = 0; i < n; i++) c[i] = a[i] + b[i];']],
    [['if (x) y();']],
    [['}']],
    [['const x = [', '  1,', ']']],
    [['foo(a,', '  b)']],
    [['f(', ')', '  g()']], // deeper than the body's indentation
    [['x // note']],
    [['const [a, b] = f()']],
    [[]],
  ])('leaves %j alone', (lines) => {
    expect(sinkLastLine(lines)).toBeUndefined();
  });
});

describe('generated programs', () => {
  const js = findBenchGroups('// @bench setup\nconst a = [1];\nimport x from "y";\n// @bench loop\nf(a)\n// @bench fast\nfor (;;) break;\n', 'javascript')[0];

  it('JavaScript: setup lines and body lines map back to the user file; imports are hoisted', () => {
    const { primary, fallback, hasImports } = javascriptPrograms(js, js.variants[0]);
    expect(hasImports).toBe(true);
    const src = primary.source.split('\n');
    expect(src[0]).toBe('import x from "y";');
    expect(userLineOf(primary, 0)).toBe(2);
    const setupAt = src.indexOf('const a = [1];');
    expect(userLineOf(primary, setupAt)).toBe(1);
    const bodyAt = src.indexOf('return (f(a));');
    expect(userLineOf(primary, bodyAt)).toBe(4);
    expect(fallback!.source).toContain('\nf(a)\n');
    expect(primary.source).toContain('__gaussLabSink.v = __gaussLabBody()');
    expect(userLineOf(primary, 1)).toBeNull();
  });

  it('JavaScript: no fallback when nothing was rewritten; await makes the body async', () => {
    expect(javascriptPrograms(js, js.variants[1]).fallback).toBeUndefined();
    const g = findBenchGroups('// @bench a\nawait f()\n// @bench b\ng()\n', 'javascript')[0];
    expect(javascriptPrograms(g, g.variants[0]).primary.source).toContain('await __gaussLabBody()');
  });

  it('Python: timeit-shaped, re-indented, mapped line by line', () => {
    const g = findBenchGroups('# @bench setup\n    import math\n    n = 3\n# @bench loop\nfor i in range(n):\n    math.sqrt(i)\n# @bench b\npass\n', 'python')[0];
    const p = pythonProgram(g, g.variants[0]);
    expect(p.source).toBe(
      [
        'def __gauss_lab_inner(_gauss_lab_it, _gauss_lab_timer):',
        '    import math',
        '    n = 3',
        '    _gauss_lab_t0 = _gauss_lab_timer()',
        '    for _gauss_lab_i in _gauss_lab_it:',
        '        for i in range(n):',
        '            math.sqrt(i)',
        '        pass',
        '    return _gauss_lab_timer() - _gauss_lab_t0',
        '',
      ].join('\n'),
    );
    expect(p.lineMap).toEqual([-1, 1, 2, -1, -1, 4, 5, -1, -1]);
  });

  it('Python: tab-indented code is re-indented with tabs', () => {
    const g = findBenchGroups('# @bench a\nfor i in range(3):\n\tpass\n# @bench b\npass\n', 'python')[0];
    expect(pythonProgram(g, g.variants[0]).source).toContain('\t\tfor i in range(3):\n\t\t\tpass');
  });

  it('dedent removes the common prefix only', () => {
    expect(dedent(['    a', '      b', '', '    c'])).toEqual(['a', '  b', '', 'c']);
  });
});

describe('source maps', () => {
  it('maps esbuild output positions back to the TypeScript lines', async () => {
    const ts = 'type T = number;\nconst a: T = 1;\n\nfunction f(x: T): T {\n  return x + undefinedName;\n}\nf(a);\n';
    const out = await transform(ts, { loader: 'ts', format: 'cjs', sourcemap: 'external', sourcefile: 'x.ts' });
    const segments = decodeMappings(JSON.parse(out.map).mappings);
    const gen = out.code.split('\n');
    const at = (needle: string) => {
      const line = gen.findIndex((l) => l.includes(needle));
      return originalLine(segments, line, gen[line].indexOf(needle));
    };
    expect(at('undefinedName')).toBe(4);
    expect(at('const a')).toBe(1);
    expect(at('f(a)')).toBe(6);
  });

  it('decodes VLQ by hand: "AAAA;AACA,EAAE" and rejects junk', () => {
    // line 0: col 0 → src line 0; line 1: col 0 → line 1, col 2 → line 1 (delta 0)
    expect(decodeMappings('AAAA;AACA,EAAE')).toEqual([[[0, 0]], [[0, 1], [2, 1]]]);
    expect(() => decodeMappings('A!')).toThrow(/VLQ/);
    expect(originalLine([[], []], 1, 0)).toBeNull();
  });
});
