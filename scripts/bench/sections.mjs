// BENCHMARKS.md is rewritten by scripts/bench/suite.mjs; a bench run on its own (formula-scale)
// owns a section between two markers, which the suite carries over and its own bench replaces.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const begin = (id) => `<!-- section: ${id} -->`;
const end = (id) => `<!-- /section: ${id} -->`;

/** Every owned section of `text`, markers included, in order. */
export function ownedSections(text) {
  return [...text.matchAll(/<!-- section: ([\w-]+) -->[\s\S]*?<!-- \/section: \1 -->/g)].map((m) => m[0]);
}

/** The suite's new report followed by the owned sections of the file it replaces. */
export function withOwnedSections(report, file) {
  const kept = existsSync(file) ? ownedSections(readFileSync(file, 'utf8')) : [];
  return kept.length ? `${report.trimEnd()}\n\n${kept.join('\n\n')}\n` : report;
}

/** Writes section `id` (markdown) into `file`: replaced in place, or added at the end. */
export function writeOwnedSection(file, id, markdown) {
  const block = `${begin(id)}\n${markdown.trim()}\n${end(id)}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = text.indexOf(begin(id));
  const next = at >= 0 ? text.slice(0, at) + block + text.slice(text.indexOf(end(id), at) + end(id).length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
