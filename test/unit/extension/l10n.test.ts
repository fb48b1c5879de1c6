// The manifest's words in every language it ships (package.nls.json, package.nls.<lang>.json):
// every %key% of package.json has its English text, every translation has exactly the same keys,
// keeps the command links and code spans of the English text, and is not the English left as is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifestText = readFileSync('package.json', 'utf8');
const english = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
const translations = readdirSync('.').filter((f) => /^package\.nls\.[a-z-]+\.json$/.test(f));
const placeholders = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
/** The parts a translation must keep: command links and `code`. */
const kept = (s: string) => [...s.matchAll(/\(command:[^)]+\)|`[^`]+`/g)].map((m) => m[0]).sort();

describe("the manifest's translations", () => {
  it('every placeholder in package.json has English text, and no English text is unused', () => {
    expect(placeholders.length).toBeGreaterThan(30);
    for (const k of placeholders) expect(english[k], k).toBeTypeOf('string');
    expect(Object.keys(english).sort()).toEqual([...new Set(placeholders)].sort());
  });

  it('Simplified Chinese is one of them', () => {
    expect(translations).toContain('package.nls.zh-cn.json');
  });

  for (const file of translations) {
    it(`${file}: the same keys, the same command links and code, translated`, () => {
      const t = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      expect(Object.keys(t).sort()).toEqual(Object.keys(english).sort());
      for (const k of Object.keys(english)) expect(kept(t[k]), k).toEqual(kept(english[k]));
      // names stay (Gauss Lab), sentences are translated
      const same = Object.keys(english).filter((k) => t[k] === english[k] && english[k].includes(' '));
      expect(same.filter((k) => !/^(displayName|category|configuration\.title)$/.test(k))).toEqual([]);
    });
  }

  for (const file of translations) {
    it(`${file}: each walkthrough page is its own, and keeps the English page's code, formulas and links`, () => {
      const t = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const pages = Object.keys(english).filter((k) => k.endsWith('.markdown'));
      expect(pages.length).toBe(8);
      /** What a page must keep: code blocks and spans, link targets. */
      const keptOf = (md: string) => [...md.matchAll(/```[\s\S]*?```|^ {4}.+$|`[^`\n]+`|\]\([^)]+\)/gm)].map((m) => m[0]).sort();
      for (const k of pages) {
        expect(existsSync(english[k]), english[k]).toBe(true);
        expect(existsSync(t[k]), t[k]).toBe(true);
        expect(t[k], k).not.toBe(english[k]);
        expect(keptOf(readFileSync(t[k], 'utf8')), t[k]).toEqual(keptOf(readFileSync(english[k], 'utf8')));
      }
    });
  }
});
