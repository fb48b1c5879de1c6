// Every message shown through l10n.t has its Simplified Chinese translation, with the same
// placeholders; the bundle holds nothing the code no longer says.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { extractMessages, placeholders, readBundle } from '../../../scripts/l10n-messages.mjs';

type Messages = Map<string, { uses: string[]; args: Set<number> }>;
const { messages, problems } = extractMessages() as { messages: Messages; problems: string[] };
const zh = readBundle('zh-cn') as Record<string, string>;

describe('messages in the display language', () => {
  it('finds the messages the code shows', () => {
    expect(messages.size).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('has a zh-cn translation of every message, and no translation of a message no longer used', () => {
    expect([...messages.keys()].filter((m) => !(m in zh))).toEqual([]);
    expect(Object.keys(zh).filter((m) => !messages.has(m))).toEqual([]);
  });

  it('keeps every placeholder in the translation, and each call gives one argument per placeholder', () => {
    const wrong = Object.entries(zh).filter(([m, t]) => JSON.stringify(placeholders(m)) !== JSON.stringify(placeholders(t)));
    expect(wrong).toEqual([]);
    const miscounted = [...messages].filter(([m, { args }]) => [...args].some((n) => n !== -1 && n !== placeholders(m).length));
    expect(miscounted.map(([m, { uses }]) => `${uses[0]}: ${m}`)).toEqual([]);
  });

  it('translates into Chinese: no entry is its English message (names and symbols may stay)', () => {
    const words = (m: string) => m.replace(/\{[^}]*\}/g, '').replace(NAMES, '');
    expect(Object.entries(zh).filter(([m, t]) => t === m && /[a-z]{3}/i.test(words(m))).map(([m]) => m)).toEqual([]);
  });
});

/** Names a translation keeps as they are. */
const NAMES = /Gauss Lab|d2l|CSV|TSV|JSON|Parquet|Excel|statsmodels|sklearn|Vega-Lite|SGD|RMSE|MAE|OLS|HC[0-3]|VIF|Huber|PNG|SVG|Python|NumPy|PyTorch/g;
