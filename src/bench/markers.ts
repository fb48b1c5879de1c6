// Finding bench groups: marked regions of code in the snippet languages (./languages) and in
// Markdown's fenced blocks of them. Pure: no 'vscode', no 'node:*'. Lines are 0-based
// throughout, as in the VS Code API.
import * as l10n from '@vscode/l10n';
import { LANGUAGE_SYNTAX, fenceLanguage, type BenchLanguageId, type SnippetLanguage } from './languages/syntax';

export type { BenchLanguageId, SnippetLanguage };

/** One marked region: from its marker line to the next marker, an `@bench end`, or the end of its cell or block. */
export interface BenchRegion {
  /** The name after `@bench` (`setup`, `loop`, `vectorized`, …). */
  readonly name: string;
  /** `setup` runs once per sample and is not timed; every other name is a timed variant. */
  readonly role: 'setup' | 'timed';
  /** The line that carries the marker (a comment, a `# %%` cell line, or a Markdown fence line). */
  readonly markerLine: number;
  /** First line of the region's code. */
  readonly startLine: number;
  /** One past the last line of code (trailing blank lines are not part of the region); equals `startLine` when empty. */
  readonly endLine: number;
  /** The code, lines `startLine` to `endLine - 1` joined with `\n` (IPython magics in Markdown blocks blanked). */
  readonly code: string;
  /** The document line of each line of `code`, when they are not `startLine`, `startLine + 1`, … (code gathered from several notebook cells). */
  readonly lines?: readonly number[];
}

/** The document line of line `i` of a region's code (error messages name it). */
export function regionLine(region: BenchRegion, i: number): number {
  return region.lines?.[i] ?? region.startLine + i;
}

/** A problem with the markers that the editor can show on its line. */
export interface BenchDiagnostic {
  readonly line: number;
  readonly message: string;
}

/**
 * A run of marked regions in one file and one language: an optional setup, then the timed variants.
 * Groups with fewer than two timed variants (or with broken markers) come back with
 * `runnable: false` and a `reason` in the user's terms, so a lens can still sit on them.
 */
export interface BenchGroup {
  /** Stable within one version of the text: language and first marker line. */
  readonly id: string;
  readonly language: SnippetLanguage;
  /** The first marker line (where a code lens sits). */
  readonly startLine: number;
  /** One past the last line of the last region. */
  readonly endLine: number;
  readonly setup: BenchRegion | undefined;
  /** The timed variants in file order. */
  readonly variants: readonly BenchRegion[];
  readonly runnable: boolean;
  /** Why the group cannot run; set exactly when `runnable` is false. */
  readonly reason?: string;
  readonly diagnostics: readonly BenchDiagnostic[];
  /**
   * Made from a notebook's one-shot `time.time()` cells (./notebook.ts) rather than from markers:
   * the lens offers to time them properly.
   */
  readonly oneShot?: true;
}

// One line of a document, as the group builder sees it.
type Event =
  | { kind: 'marker'; line: number; name: string; indent: number; language: SnippetLanguage; fence: boolean }
  | { kind: 'end'; line: number; indent: number }
  | { kind: 'regionBreak'; line: number } // end of a Markdown block: the region ends, the group goes on
  | { kind: 'groupBreak'; line: number } // an unmarked `# %%` cell or a Markdown heading: both end
  | { kind: 'diagnostic'; line: number; message: string };

const MARKER_NAME = /@bench(?=\s|$)\s*([^\s{}]*)/;

/**
 * Finds every bench group in a document.
 *
 * Markers are comments in the file's own syntax: `// @bench loop` in JavaScript and TypeScript,
 * `# @bench loop` or a cell line `# %% @bench loop` in Python, and in Markdown a fenced `js`, `ts`
 * or `python` block (also d2l's `{.python .input}`) whose info string (`` ```python @bench loop ``)
 * or lines carry a marker. The name is the first word after `@bench`; `setup` runs once per
 * sample and is not timed, `end` closes the region and the group.
 *
 * A region runs to the next marker, an `@bench end`, or the end of its `# %%` cell or Markdown
 * block. A group is a run of regions: it ends at `@bench end`, at an unmarked `# %%` cell, at a
 * Markdown heading, at a block in another language, and where a `setup` follows timed variants
 * (that setup starts the next group). Markdown prose between marked blocks does not end a group.
 *
 * @returns the groups in document order; never throws. Problems (a single variant, a duplicate
 * name, a nested or nameless marker, an unclosed fence) are `diagnostics`, and the ones that make
 * a run meaningless set `runnable: false` with a `reason`.
 * @example findBenchGroups('// @bench loop\nf()\n// @bench fast\ng()\n', 'javascript')[0].variants.map((v) => v.name) // ['loop', 'fast']
 */
export function findBenchGroups(text: string, languageId: BenchLanguageId): BenchGroup[] {
  const lines = text.split(/\r\n|\r|\n/);
  const events = languageId === 'markdown' ? markdownEvents(lines) : codeEvents(lines, 0, lines.length, languageId, 0);
  return buildGroups(events, lines, languageId === 'markdown');
}

/** Markers in the code lines [from, to) of one language; `stripIndent` columns are a Markdown fence's indent. */
function codeEvents(lines: readonly string[], from: number, to: number, language: SnippetLanguage, stripIndent: number): Event[] {
  const events: Event[] = [];
  const { commentPrefix, cells } = LANGUAGE_SYNTAX[language];
  const comment = new RegExp(`^(\\s*)${commentPrefix.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}(.*)$`);
  for (let i = from; i < to; i++) {
    const line = stripIndent > 0 ? lines[i].replace(new RegExp(`^ {0,${stripIndent}}`), '') : lines[i];
    const m = comment.exec(line);
    if (!m) continue;
    const indent = m[1].replace(/\t/g, '    ').length;
    const body = m[2];
    const isCell = cells && /^\s*%%/.test(body);
    const marker = MARKER_NAME.exec(body);
    const markerAtStart = marker !== null && (isCell || /^\s*@bench/.test(body));
    if (markerAtStart) {
      const name = marker![1];
      if (name === '') events.push({ kind: 'diagnostic', line: i, message: l10n.t('This @bench marker has no name: write "@bench loop", "@bench setup" or "@bench end".') });
      else if (name.toLowerCase() === 'end') events.push({ kind: 'end', line: i, indent });
      else events.push({ kind: 'marker', line: i, name, indent, language, fence: false });
    } else if (isCell) {
      events.push({ kind: 'groupBreak', line: i });
    }
  }
  return events;
}

/** CommonMark fences (``` or ~~~, up to three spaces of indent); headings outside fences break groups. */
function markdownEvents(lines: readonly string[]): Event[] {
  const events: Event[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) {
      if (/^ {0,3}#{1,6}(\s|$)/.test(lines[i])) events.push({ kind: 'groupBreak', line: i });
      i++;
      continue;
    }
    const [, indent, fence, info] = open;
    if (fence[0] === '`' && info.includes('`')) {
      i++; // not a fence (an inline code span at line start)
      continue;
    }
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    const language = fenceLanguage(info);
    if (language) {
      const marker = MARKER_NAME.exec(info);
      if (marker) {
        const name = marker[1];
        if (name === '') events.push({ kind: 'diagnostic', line: i, message: l10n.t('This @bench marker has no name: write "@bench loop", "@bench setup" or "@bench end".') });
        else if (name.toLowerCase() === 'end') events.push({ kind: 'end', line: i, indent: -1 });
        else events.push({ kind: 'marker', line: i, name, indent: -1, language, fence: true });
      }
      events.push(...codeEvents(lines, i + 1, end, language, indent.length));
      if (end >= lines.length) {
        events.push({ kind: 'diagnostic', line: i, message: l10n.t('This code block is never closed: add a closing {0} line.', fence) });
      }
      events.push({ kind: 'regionBreak', line: Math.min(end, lines.length) });
    }
    i = end + 1;
  }
  return events;
}

interface OpenRegion {
  name: string;
  markerLine: number;
  indent: number;
  fence: boolean;
}

interface OpenGroup {
  language: SnippetLanguage;
  setup: BenchRegion | undefined;
  variants: BenchRegion[];
  diagnostics: BenchDiagnostic[];
  reasons: string[];
  firstLine: number;
  lastLine: number;
}

function buildGroups(events: readonly Event[], lines: readonly string[], markdown: boolean): BenchGroup[] {
  const groups: BenchGroup[] = [];
  const stray: BenchDiagnostic[] = [];
  let group: OpenGroup | undefined;
  let region: OpenRegion | undefined;

  const closeRegion = (at: number) => {
    if (!region || !group) return;
    const r = makeRegion(region, at, lines, markdown && LANGUAGE_SYNTAX[group.language].notebookMagics);
    if (r.role === 'setup') {
      if (group.setup) {
        const message = l10n.t('A second setup (line {0}) in a group that has one (line {1}): merge them.', String(r.markerLine + 1), String(group.setup.markerLine + 1));
        group.diagnostics.push({ line: r.markerLine, message });
        group.reasons.push(message);
      } else {
        group.setup = r;
      }
    } else {
      const twin = group.variants.find((v) => v.name === r.name);
      if (twin) {
        const message = l10n.t(
          'Two variants are named "{0}" (lines {1} and {2}): give each its own name, or end the first group with "@bench end".',
          r.name,
          String(twin.markerLine + 1),
          String(r.markerLine + 1),
        );
        group.diagnostics.push({ line: r.markerLine, message });
        group.reasons.push(message);
      }
      group.variants.push(r);
    }
    group.lastLine = Math.max(group.lastLine, r.endLine);
    region = undefined;
  };

  const closeGroup = () => {
    if (!group) return;
    groups.push(finishGroup(group));
    group = undefined;
  };

  for (const e of events) {
    switch (e.kind) {
      case 'diagnostic':
        (group ? group.diagnostics : stray).push({ line: e.line, message: e.message });
        break;
      case 'regionBreak':
        closeRegion(e.line);
        break;
      case 'groupBreak':
        closeRegion(e.line);
        closeGroup();
        break;
      case 'end':
        if (region && e.indent > region.indent && !region.fence) {
          nested(group!, e.line, 'end', region);
          break;
        }
        if (!region && !group) stray.push({ line: e.line, message: l10n.t('"@bench end" closes nothing: no region is open here.') });
        closeRegion(e.line);
        closeGroup();
        break;
      case 'marker': {
        if (region && group && e.indent > region.indent && !region.fence && !e.fence) {
          nested(group, e.line, e.name, region);
          break;
        }
        closeRegion(e.line);
        const isSetup = e.name.toLowerCase() === 'setup';
        if (group && (group.language !== e.language || (isSetup && group.variants.length > 0))) closeGroup();
        if (!group) {
          group = { language: e.language, setup: undefined, variants: [], diagnostics: [], reasons: [], firstLine: e.line, lastLine: e.line + 1 };
        }
        region = { name: isSetup ? 'setup' : e.name, markerLine: e.line, indent: e.indent, fence: e.fence };
        break;
      }
    }
  }
  closeRegion(trimmedLength(lines));
  closeGroup();
  if (stray.length > 0 && groups.length > 0) {
    // Attach diagnostics found outside any group to the nearest group so an editor still shows them.
    const first = groups[0];
    groups[0] = { ...first, diagnostics: [...stray, ...first.diagnostics].sort((a, b) => a.line - b.line) };
  }
  return groups;
}

function nested(group: OpenGroup, line: number, name: string, outer: OpenRegion) {
  const message = l10n.t(
    'The marker "@bench {0}" on line {1} is indented inside "{2}" (line {3}): regions cannot nest; put every marker at the same indentation.',
    name,
    String(line + 1),
    outer.name,
    String(outer.markerLine + 1),
  );
  group.diagnostics.push({ line, message });
  group.reasons.push(message);
}

/** Lines up to the last non-empty one, so a trailing newline does not count as a line of code. */
function trimmedLength(lines: readonly string[]): number {
  let n = lines.length;
  while (n > 0 && lines[n - 1].trim() === '') n--;
  return n;
}

function makeRegion(open: OpenRegion, at: number, lines: readonly string[], blankMagics: boolean): BenchRegion {
  const startLine = open.markerLine + 1;
  let endLine = Math.max(startLine, at);
  while (endLine > startLine && lines[endLine - 1].trim() === '') endLine--;
  const code = lines
    .slice(startLine, endLine)
    .map((l) => (blankMagics && /^\s*%/.test(l) ? '' : l))
    .join('\n');
  return { name: open.name, role: open.name === 'setup' ? 'setup' : 'timed', markerLine: open.markerLine, startLine, endLine, code };
}

function finishGroup(g: OpenGroup): BenchGroup {
  const startLine = g.setup ? Math.min(g.setup.markerLine, g.firstLine) : g.firstLine;
  const base = {
    id: `${g.language}:${startLine}`,
    language: g.language,
    startLine,
    endLine: g.lastLine,
    setup: g.setup,
    variants: g.variants,
  };
  const diagnostics = [...g.diagnostics];
  let reason = g.reasons[0];
  if (reason === undefined && g.variants.length < 2) {
    const example = `${LANGUAGE_SYNTAX[g.language].commentPrefix} @bench vectorized`;
    reason =
      g.variants.length === 0
        ? l10n.t('This group has a setup but no timed variants: add two markers such as "{0}" and "{1}".', example.replace('vectorized', 'loop'), example)
        : l10n.t('A group needs two timed variants to compare; "{0}" is the only one: add another marker such as "{1}".', g.variants[0].name, example);
    diagnostics.push({ line: startLine, message: reason });
  }
  for (const v of g.variants) {
    if (v.code.trim() === '') diagnostics.push({ line: v.markerLine, message: l10n.t('The variant "{0}" has no code: it will time an empty body.', v.name) });
  }
  return reason === undefined ? { ...base, runnable: true, diagnostics } : { ...base, runnable: false, reason, diagnostics };
}
