import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatPValue } from '../../../src/core/number-format';

describe('number-format: one formatter for numbers people read', () => {
  it('counts are whole and grouped by thousands, independent of the locale', () => {
    expect([0, 7, 999, 1000, 1234567, 1_000_000, -1234.6, 12.5].map(formatCount)).toEqual(['0', '7', '999', '1,000', '1,234,567', '1,000,000', '-1,235', '13']);
  });

  it('measured values keep their significant digits, and say nan and inf', () => {
    expect(formatNumber(4.20001234)).toBe('4.20001');
    expect(formatNumber(1.5e-7)).toBe('1.5000e-7');
    expect(formatNumber(123456789)).toBe('1.2346e8');
    expect([NaN, Infinity, -Infinity, 0].map((x) => formatNumber(x))).toEqual(['nan', 'inf', '-inf', '0']);
  });

  it('p-values as statsmodels prints them', () => {
    expect([0.0004, 0.05, 0.12345, NaN].map(formatPValue)).toEqual(['<0.001', '0.050', '0.123', 'nan']);
  });
});
