// The source a variant's process loads: the setup and the variant's code inside a timing loop,
// with a map from each program line back to the user's line. Pure text; no 'node:*'.
import { regionLine, type BenchGroup, type BenchRegion } from './markers';

/** A generated program and, for each of its lines (0-based), the user's line it came from or -1. */
export interface Program {
  readonly source: string;
  readonly lineMap: readonly number[];
}

/** The programs for one variant: the preferred one and, when it rewrote the last line, one without. */
export interface VariantPrograms {
  /** Returns the value of the last expression so the timing loop can sink it (JavaScript only). */
  readonly primary: Program;
  /** The code as written, tried when the rewrite does not parse. */
  readonly fallback: Program | undefined;
  /** The program has static `import` lines (hoisted from the setup) and must be converted to CommonJS. */
  readonly hasImports: boolean;
}

class Builder {
  private readonly lines: string[] = [];
  private readonly map: number[] = [];
  add(text: string, userLine = -1): void {
    this.lines.push(text);
    this.map.push(userLine);
  }
  addRegion(region: BenchRegion | undefined, transform: (line: string) => string = (l) => l, codeLines?: readonly string[]): void {
    if (!region) return;
    const lines = codeLines ?? splitLines(region.code);
    lines.forEach((l, i) => this.add(transform(l), regionLine(region, i)));
  }
  build(): Program {
    return { source: this.lines.join('\n') + '\n', lineMap: this.map };
  }
}

function splitLines(code: string): string[] {
  return code === '' ? [] : code.split('\n');
}

/** The user's line for a 0-based program line, or null for scaffolding. */
export function userLineOf(program: Program, programLine: number): number | null {
  const l = program.lineMap[programLine];
  return l === undefined || l < 0 ? null : l;
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

const STATIC_IMPORT = /^\s*import\s+(?!\()(?:type\s+)?[\w*{}\s,$]*(?:from\s*)?['"][^'"]+['"]\s*;?\s*$/;
const NOT_AN_EXPRESSION = /^(?:for|while|if|else|do|switch|case|default|try|catch|finally|const|let|var|function|class|return|throw|break|continue|import|export|async\s+function|type|interface|enum|declare|namespace|debugger|label\s*:)\b|^[}{)\].?:,;]|^\/[/*]|^\*/;
const CONTINUES = /(?:[,([{=+\-*/%&|^!?:<>~]|=>|\.)\s*$/;
const DECLARATION = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=(?!=).*?;?\s*$/;

/**
 * The value the variant's last line computes, so the timing loop can store it in a sink that the
 * engine cannot drop: an expression statement becomes `return (…)`, a declaration `const d = …`
 * gets `return d;` appended on the same line. Returns undefined when the last line is not plainly
 * one statement (the caller then times the code as written).
 */
export function sinkLastLine(lines: readonly string[]): { index: number; text: string } | undefined {
  let last = lines.length - 1;
  while (last >= 0 && (lines[last].trim() === '' || /^\s*\/\//.test(lines[last]))) last--;
  if (last < 0) return undefined;
  const raw = lines[last];
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const base = Math.min(...indents);
  const indent = /^\s*/.exec(raw)![0];
  if (indent.length !== base) return undefined;
  // The previous statement must be finished, or this line is a continuation.
  let prev = last - 1;
  while (prev >= 0 && lines[prev].trim() === '') prev--;
  if (prev >= 0 && CONTINUES.test(lines[prev].replace(/\/\/.*$/, '').trimEnd())) return undefined;
  const stmt = raw.trim();
  if (stmt.includes('//') || stmt.includes('/*') || CONTINUES.test(stmt.replace(/;$/, ''))) return undefined;
  const decl = DECLARATION.exec(stmt);
  if (decl) return { index: last, text: `${indent}${stmt.replace(/;?$/, ';')} return ${decl[1]};` };
  if (NOT_AN_EXPRESSION.test(stmt)) return undefined;
  return { index: last, text: `${indent}return (${stmt.replace(/;$/, '')});` };
}

/**
 * The CommonJS module (TypeScript before transpiling) that a JavaScript variant's process loads.
 * It assigns `__gaussLabHost.make`: an async function that runs the setup and returns
 * `run(n, now)`, which times `n` calls of the variant's body and stores each result in `sink.v`.
 * Static `import` lines of the setup are hoisted to the top (a transpile turns them into `require`).
 * With `variant` undefined the body is empty: the baseline that shows the loop's own cost.
 */
export function javascriptPrograms(group: BenchGroup, variant: BenchRegion | undefined): VariantPrograms {
  const setupLines = group.setup ? splitLines(group.setup.code) : [];
  const imports = setupLines.map((l) => STATIC_IMPORT.test(l));
  const bodyLines = variant ? splitLines(variant.code) : [];
  const sink = sinkLastLine(bodyLines);
  const isAsync = bodyLines.some((l) => /\bawait\b/.test(l));
  const build = (rewrite: boolean): Program => {
    const b = new Builder();
    setupLines.forEach((l, i) => imports[i] && b.add(l, regionLine(group.setup!, i)));
    b.add('__gaussLabHost.make = async function __gaussLabMake(__gaussLabSink) {');
    b.addRegion(group.setup, undefined, setupLines.map((l, i) => (imports[i] ? '' : l)));
    b.add(`return ${isAsync ? 'async ' : ''}function __gaussLabRun(__gaussLabN, __gaussLabNow) {`);
    b.add('const __gaussLabT0 = __gaussLabNow();');
    b.add(`for (let __gaussLabI = 0; __gaussLabI < __gaussLabN; __gaussLabI++) __gaussLabSink.v = ${isAsync ? 'await ' : ''}__gaussLabBody();`);
    b.add('return __gaussLabNow() - __gaussLabT0;');
    b.add('};');
    b.add(`${isAsync ? 'async ' : ''}function __gaussLabBody() {`);
    const body = rewrite && sink ? bodyLines.map((l, i) => (i === sink.index ? sink.text : l)) : bodyLines;
    if (variant) b.addRegion(variant, undefined, body);
    b.add('}');
    b.add('};');
    return b.build();
  };
  return { primary: build(true), fallback: sink ? build(false) : undefined, hasImports: imports.some((x) => x) };
}

// ---------------------------------------------------------------------------------------------
// Python

/** Removes the common leading whitespace (textwrap.dedent), keeping blank lines blank. */
export function dedent(lines: readonly string[]): string[] {
  const widths = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0]);
  if (widths.length === 0) return lines.map(() => '');
  let prefix = widths[0];
  for (const w of widths) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(prefix.length)));
}

/**
 * The Python module a variant's process loads, in the shape of `timeit`'s template so the loop
 * costs what `python -m timeit` pays: `__gauss_lab_inner(it, timer)` runs the setup, then the
 * variant once per item of `it`, and returns the elapsed `timer()` difference. Code is re-indented
 * (like timeit, the content of a multi-line string gains that indentation). With `variant`
 * undefined the body is `pass`: the baseline loop.
 */
export function pythonProgram(group: BenchGroup, variant: BenchRegion | undefined): Program {
  const setup = group.setup ? dedent(splitLines(group.setup.code)) : [];
  const body = variant ? dedent(splitLines(variant.code)) : [];
  const tabs = [...setup, ...body].some((l) => /^\s*\t/.test(l));
  const unit = tabs ? '\t' : '    ';
  const b = new Builder();
  b.add('def __gauss_lab_inner(_gauss_lab_it, _gauss_lab_timer):');
  if (setup.some((l) => l.trim() !== '')) b.addRegion(group.setup, (l) => (l === '' ? '' : unit + l), setup);
  b.add(`${unit}_gauss_lab_t0 = _gauss_lab_timer()`);
  b.add(`${unit}for _gauss_lab_i in _gauss_lab_it:`);
  if (variant) b.addRegion(variant, (l) => (l === '' ? '' : unit + unit + l), body);
  b.add(`${unit}${unit}pass`);
  b.add(`${unit}return _gauss_lab_timer() - _gauss_lab_t0`);
  return b.build();
}
