import { describe, expect, it } from 'vitest';
import { findBenchGroups } from '../../../src/bench/markers';
import { dedent, javascriptPrograms, pythonProgram, sinkLastLine, userLineOf } from '../../../src/bench/program';
import { transpileSnippet } from '../../../src/bench/transpile';

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

describe('transpileSnippet', () => {
  it('keeps every TypeScript line where it was, so runtime errors need no source map', () => {
    const ts = 'type T = number;\nenum E { A, B }\ninterface I { a: T }\nfunction f<U>(x: U, e: E = E.B): U {\n  return undefinedName as U;\n}\nf<T>(1);\n';
    const out = transpileSnippet(ts, true, 'x.ts');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const lines = out.code.split('\n');
    expect(lines.findIndex((l) => l.includes('undefinedName'))).toBe(4);
    expect(lines.findIndex((l) => l.includes('f(1)'))).toBe(6);
    expect(out.code).not.toMatch(/: T|<U>|interface/);
  });

  it('turns imports into require and leaves modern syntax alone', () => {
    const out = transpileSnippet("import { join } from 'node:path';\nconst a = join?.('x') ?? 1;\n", false, 'x.js');
    expect(out.ok && out.code).toMatch(/require\('node:path'\)/);
    expect(out.ok && out.code).toContain("?.('x') ?? 1");
  });

  it('returns a syntax error as a value with its 0-based line', () => {
    expect(transpileSnippet('const a = 1;\nconst b: number = ;\n', true, 'x.ts')).toEqual({ ok: false, message: 'SyntaxError: Unexpected token', line: 1 });
  });
});
