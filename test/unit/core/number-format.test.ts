import { describe, expect, it } from 'vitest';
import { formatAs, formatCount, formatNumber, formatPValue } from '../../../src/core/number-format';

describe('number-format: one formatter for numbers people read', () => {
  it('counts are whole and grouped by thousands, independent of the locale', () => {
    expect([0, 7, 999, 1000, 1234567, 1_000_000, -1234.6, 12.5].map(formatCount)).toEqual(['0', '7', '999', '1,000', '1,234,567', '1,000,000', '-1,235', '13']);
  });

  it('measured values keep their significant digits, and say nan and inf', () => {
    expect(formatNumber(4.20001234)).toBe('4.20001');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
    expect(formatNumber(123456789)).toBe('1.23457e8');
    // a power of ten is written one way at every size: no "+", no padded zeros
    expect([1e12, 1e-12, -2.5e9, 1e7].map((x) => formatNumber(x, 4))).toEqual(['1e12', '1e-12', '-2.5e9', '1e7']);
    // below 1e7 a number with more whole digits than significant ones keeps them all
    expect([13737.42, 9999999, -123456.7].map((x) => formatNumber(x, 4))).toEqual(['13737', '9999999', '-123457']);
    expect([NaN, Infinity, -Infinity, 0].map((x) => formatNumber(x))).toEqual(['nan', 'inf', '-inf', '0']);
  });

  it('a number reads by its role: one spelling of a learning rate, a loss, an estimate wherever it is shown', () => {
    expect([0.5, 0.03, 50, 0.000123456, 1e-5].map((x) => formatAs('learningRate', x))).toEqual(['0.5', '0.03', '50', '0.000123', '1e-5']);
    expect([1.2345678e12, 2.151234e-5, 0.25].map((x) => formatAs('loss', x))).toEqual(['1.235e12', '2.151e-5', '0.25']);
    expect([4.200212, -3.39951234].map((x) => formatAs('estimate', x))).toEqual(['4.2002', '-3.3995']);
  });

  it('p-values as statsmodels prints them', () => {
    expect([0.0004, 0.05, 0.12345, NaN].map(formatPValue)).toEqual(['<0.001', '0.050', '0.123', 'nan']);
  });
});
