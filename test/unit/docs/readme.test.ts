// The user's README states the extension's commands and settings: each table must match the
// manifest (package.json is the one home of the titles, keys and defaults; the README says them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, { default: unknown }> } };
};
const readme = readFileSync('README.md', 'utf8');
/** The manifest's English text of a `%key%` placeholder (package.nls.json). */
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
const english = (s: string) => s.replace(/^%(.+)%$/, (_, k: string) => nls[k] ?? s);

/** The rows of the Markdown table under `## heading` (cells, trimmed, header and rule left out). */
function tableUnder(heading: string): string[][] {
  const at = readme.indexOf(`\n## ${heading}\n`);
  expect(at, `README has a "## ${heading}" section`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', at + 1);
  const lines = readme.slice(at, end < 0 ? undefined : end).split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

describe("the README's tables match package.json", () => {
  it('every command, by its palette title, and no other', () => {
    const titles = tableUnder('Commands').map((r) => r[0]);
    expect(titles).toEqual(manifest.contributes.commands.map((c) => english(c.title)));
  });

  it('every setting with its default, and no other', () => {
    const rows = tableUnder('Settings').map((r) => [r[0].replace(/`/g, ''), r[1].replace(/`/g, '')]);
    const props = Object.entries(manifest.contributes.configuration.properties);
    expect(rows.map((r) => r[0]).sort()).toEqual(props.map(([k]) => k).sort());
    for (const [key, p] of props) expect(rows.find((r) => r[0] === key)![1], key).toBe(JSON.stringify(p.default));
  });
});
