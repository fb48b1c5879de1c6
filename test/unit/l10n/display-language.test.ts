// The display language: messages from its bundle, numbers with its separators, and nothing
// accepted from outside that is not a language.
import * as l10n from '@vscode/l10n';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDisplayLanguage, useDisplayLanguage } from '../../../src/core/display-language';
import { formatBytes, formatCount, formatNumber, formatPValue, formatSetting } from '../../../src/core/number-format';

afterEach(() => useDisplayLanguage({ locale: 'en' }));

describe('display language', () => {
  it('shows a message from the bundle, with its placeholders filled, and English without one', () => {
    useDisplayLanguage({ locale: 'zh-cn', messages: { '{0} rows': '{0} 行' } });
    expect(l10n.t('{0} rows', '1,000')).toBe('1,000 行');
    expect(l10n.t('not in the bundle {0}', 'x')).toBe('not in the bundle x');
    useDisplayLanguage({ locale: 'en' });
    expect(l10n.t('{0} rows', '1,000')).toBe('1,000 rows');
  });

  it('reads numbers with the language\'s separators: German groups with dots and writes a decimal comma', () => {
    useDisplayLanguage({ locale: 'de' });
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatNumber(1234.5)).toBe('1234,5');
    expect(formatNumber(1.5e-7)).toBe('1,5e-7');
    expect(formatPValue(0.25)).toBe('0,250');
    expect(formatSetting(100000.5)).toBe('100.000,5');
    expect(formatBytes(1536)).toBe('1,5 KiB');
  });

  it('keeps English separators for English and Chinese, and for a locale the runtime does not know', () => {
    for (const locale of ['en', 'zh-cn', 'qq-zz']) {
      useDisplayLanguage({ locale });
      expect([formatCount(1234567), formatNumber(1234.5), formatBytes(1536)]).toEqual(['1,234,567', '1234.5', '1.5 KiB']);
    }
  });

  it('accepts a locale and a flat map of strings, and refuses anything else', () => {
    expect(parseDisplayLanguage({ locale: 'zh-cn', messages: { a: '甲' } })).toEqual({ locale: 'zh-cn', messages: { a: '甲' } });
    expect(parseDisplayLanguage({ locale: 'en' })).toEqual({ locale: 'en' });
    for (const bad of [null, 'zh-cn', { locale: '"><script>' }, { locale: 'zh-cn', messages: { a: 1 } }, { locale: 'zh-cn', messages: ['x'] },
      { locale: 'zh-cn', messages: { a: 'x'.repeat(1_000_001) } }]) {
      expect(parseDisplayLanguage(bad)).toBeUndefined();
    }
    // a key named like an Object method stays a message, not a prototype
    expect(parseDisplayLanguage({ locale: 'en', messages: JSON.parse('{"__proto__": "x"}') })?.messages?.['__proto__']).toBe('x');
  });
});
