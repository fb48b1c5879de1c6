/**
 * Data files named in code: the string literals a Python script or notebook cell reads data from
 * (`pd.read_csv("data/x.csv")`, `np.loadtxt('x.txt')`, `open("x.csv")`, `pl.read_parquet(…)`),
 * for the "Open in Gauss Lab" lens. Pure: the extension resolves and checks the paths.
 */
import { LISTED_EXTENSIONS } from './data-formats';

export interface DataPathMention {
  /** 0-based line and the literal's column span (quotes excluded). */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** The path as written. */
  readonly path: string;
}

/** Calls that read a table whatever the file's extension (so a `.txt` or `.dat` there counts). */
const READERS = /\b(?:read_csv|read_table|read_fwf|read_parquet|read_json|read_ndjson|scan_csv|scan_parquet|loadtxt|genfromtxt)\s*\(/;
// a plain or raw string literal: no f-strings (their braces are not a path), no line breaks
const LITERAL = /(?<![A-Za-z0-9_])([rR]?)(["'])((?:(?!\2)[^\\\n{}]|\\.)+?)\2/g;

/**
 * Every mention of a data file in `text`: a literal ending in a listed extension (`.csv`, `.tsv`,
 * `.parquet`, `.jsonl`, …) anywhere, and any literal that is the first argument of a table
 * reader (`np.loadtxt("x.txt")`). Comments (`# …`) are skipped.
 */
export function findDataPaths(text: string): DataPathMention[] {
  const out: DataPathMention[] = [];
  text.split('\n').forEach((raw, line) => {
    const code = stripComment(raw);
    for (const m of code.matchAll(LITERAL)) {
      const path = m[1] ? m[3] : m[3].replace(/\\(.)/g, '$1');
      const start = m.index! + m[1].length + 1;
      const lower = path.toLowerCase();
      const listed = LISTED_EXTENSIONS.some((e) => lower.endsWith(e));
      const firstArgOfReader = READERS.test(code.slice(0, m.index)) && /\(\s*$/.test(code.slice(0, m.index));
      if ((listed || firstArgOfReader) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) out.push({ line, start, end: start + m[3].length, path });
    }
  });
  return out;
}

/** The line without its `#` comment (a `#` inside a string literal stays). */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}
