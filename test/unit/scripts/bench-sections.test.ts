import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { withOwnedSections, writeOwnedSection } from '../../../scripts/bench/sections.mjs';

const dir = mkdtempSync(join(tmpdir(), 'gauss-bench-sections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('BENCHMARKS.md sections owned by a bench run on its own', () => {
  it('a section is added, then replaced in place; the suite\'s rewrite carries it over', () => {
    const file = join(dir, 'BENCHMARKS.md');
    writeFileSync(file, '# Benchmarks\n\nold suite text\n');
    writeOwnedSection(file, 'formula-scale', '## Scale\n\nfirst run');
    writeOwnedSection(file, 'formula-scale', '## Scale\n\nsecond run');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe('# Benchmarks\n\nold suite text\n\n<!-- section: formula-scale -->\n## Scale\n\nsecond run\n<!-- /section: formula-scale -->\n');
    const rewritten = withOwnedSections('# Benchmarks\n\nnew suite text\n', file);
    expect(rewritten).toBe('# Benchmarks\n\nnew suite text\n\n<!-- section: formula-scale -->\n## Scale\n\nsecond run\n<!-- /section: formula-scale -->\n');
    expect(withOwnedSections('# B\n', join(dir, 'missing.md'))).toBe('# B\n');
  });
});
