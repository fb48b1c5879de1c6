// The bench code lens's state and words, without 'vscode': what each lens says, which lines get
// an end-of-line median, and how results follow their group through edits. Pure, unit-tested.
// No 'vscode' here (the unit tests load it): its words go through @vscode/l10n, which activation
// sets to VS Code's display language (./language.ts).
import * as l10n from '@vscode/l10n';
import type { BenchGroup } from '../bench/markers';
import type { BenchGroupResult, BenchProgress } from '../bench/result';
import { formatDuration, formatVerdict, type LineName } from '../bench/verdict';
import { formatCount } from '../core/number-format';

/** One group's run (queued, running or finished) in one document. */
export interface BenchEntry {
  /** The group as it was when clicked (its lines shifted by `shift` since). */
  readonly group: BenchGroup;
  /** Lines inserted (+) or removed (−) above the group since it was clicked. */
  shift: number;
  /** Document version the run used; a different current version means the result is stale. */
  readonly version: number;
  state: 'queued' | 'running' | 'done';
  progress: BenchProgress | undefined;
  result: BenchGroupResult | undefined;
  /** Position in a "Run all" batch, 1-based, and the batch size (1/1 for a single click). */
  readonly index: number;
  readonly total: number;
  readonly abort: AbortController;
  readonly startedAt: number;
  finishedAt?: number;
  /** How its error lines are named (a notebook names the cell). */
  readonly lineName?: LineName;
}

// A codicon, not the ⏱ emoji: the emoji is a blank box where no emoji font is installed (seen in
// the e2e screenshots on Debian's Chromium), the codicon ships with VS Code.
export const LENS_ICON = '$(watch)';

/** "$(watch) Time loop vs vectorized". */
export function idleTitle(group: BenchGroup): string {
  const names = group.variants.map((v) => v.name).join(' vs ');
  return `${LENS_ICON} ${group.oneShot ? l10n.t('Time {0} properly: many runs, not one', names) : l10n.t('Time {0}', names)}`;
}

/** The tooltip of a lens offering to time one-shot `time.time()` cells. */
export const oneShotTooltip = (): string =>
  l10n.t('These cells time one run each with time.time(): one run is mostly noise (the timer, a cold cache, the rest of the machine). Gauss Lab runs each cell\'s timed lines many times, each variant in its own process after the cells above, and reports medians with their spread.');

/** The lens over a group that cannot run (a single variant, broken markers). */
export function notRunnableTitle(group: BenchGroup): string {
  return `${LENS_ICON} ${group.reason ?? l10n.t('This group cannot run.')}`;
}

/** "$(watch) Run all benchmarks". */
export const runAllTitle = (): string => `${LENS_ICON} ${l10n.t('Run all benchmarks')}`;
/** The lens over the groups of an untrusted workspace. */
export const untrustedTitle = (): string =>
  `${LENS_ICON} ${l10n.t("Benchmarks are off in Restricted Mode: they run this file's code. Trust the workspace to enable them.")}`;

/** The lens while queued or running: "$(watch) running… 40% (1/2)". */
export function progressTitle(entry: BenchEntry): string {
  const index = formatCount(entry.index);
  const total = formatCount(entry.total);
  if (entry.state === 'queued' || entry.progress?.phase === 'queued') return `${LENS_ICON} ${l10n.t('queued… ({0}/{1})', index, total)}`;
  const pct = formatCount(Math.round((entry.progress?.fraction ?? 0) * 100));
  return `${LENS_ICON} ${l10n.t('running… {0}% ({1}/{2})', pct, index, total)}`;
}

/** The lens after a run: the verdict, marked when the document changed since. */
export function doneTitle(entry: BenchEntry, currentVersion: number): string {
  const verdict = entry.result ? formatVerdict(entry.result, entry.lineName) : l10n.t('no result');
  return `${LENS_ICON} ${isStale(entry, currentVersion) ? l10n.t('{0} (stale: edited since)', verdict) : verdict}`;
}

export function isStale(entry: BenchEntry, currentVersion: number): boolean {
  return entry.version !== currentVersion;
}

/** End-of-line text per variant marker line: "median 4.12 ms" (current lines, shift applied). Plain text: decorations cannot draw codicons. */
export function markerDecorations(entry: BenchEntry, currentVersion: number): { line: number; text: string }[] {
  const r = entry.result;
  if (!r || r.kind !== 'ok') return [];
  const stale = isStale(entry, currentVersion);
  return r.variants.map((v) => {
    const median = formatDuration(v.medianNs);
    const text =
      v.name === r.ratio.fastest
        ? stale
          ? l10n.t('median {0} · fastest (stale)', median)
          : l10n.t('median {0} · fastest', median)
        : stale
          ? l10n.t('median {0} (stale)', median)
          : l10n.t('median {0}', median);
    return { line: v.markerLine + entry.shift, text };
  });
}

/** The current first line of the entry's group. */
export const entryLine = (e: BenchEntry): number => e.group.startLine + e.shift;

/** The entry sitting on a freshly found group (same language, same current first line). */
export function entryFor(entries: readonly BenchEntry[], group: BenchGroup): BenchEntry | undefined {
  return entries.find((e) => e.group.language === group.language && entryLine(e) === group.startLine);
}

/** A text change, as line numbers: from line `startLine` to (`endLine`, `endCharacter`), replaced by text with `newLines` line breaks. */
export interface LineChange {
  readonly startLine: number;
  readonly endLine: number;
  /** Column where the replaced range ends: 0 means line `endLine` itself is untouched and moves. */
  readonly endCharacter: number;
  readonly newLines: number;
}

/**
 * Moves entries below a change by the lines it added or removed. An entry whose group the change
 * touches keeps its place (and its result turns stale by version).
 */
export function shiftEntries(entries: readonly BenchEntry[], change: LineChange): void {
  const delta = change.newLines - (change.endLine - change.startLine);
  if (delta === 0) return;
  for (const e of entries) {
    const line = entryLine(e);
    if (line > change.endLine || (line === change.endLine && change.endCharacter === 0)) e.shift += delta;
  }
}

/** Counts line breaks the way VS Code does (\r\n, \n, \r). */
export function countLineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/** Language ids a document can have for bench lenses (the engine's snippet languages and Markdown). */
export { DOCUMENT_LANGUAGES as BENCH_LANGUAGES } from '../bench/languages/syntax';
