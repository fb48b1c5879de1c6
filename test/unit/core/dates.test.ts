import { describe, expect, it } from 'vitest';
import { decimalYear, detectDateFormat, yearAndMonth } from '../../../src/core/dates';

describe('dates as decimal years', () => {
  it('reads ISO dates, times and offsets, dotted and slashed dates, as the fraction of the year elapsed (UTC)', () => {
    expect(decimalYear('2010-01-01', 'iso')).toBe(2010);
    expect(decimalYear('2010-07-02T12:00', 'iso')).toBe(2010.5); // 182.5 of 365 days
    expect(decimalYear('2012-07-02', 'iso')).toBe(2012 + 183 / 366); // a leap year
    expect(decimalYear('2010-07-02T14:00+02:00', 'iso')).toBe(2010.5);
    expect(decimalYear('2010-07-02 12:00:00Z', 'iso')).toBe(2010.5);
    expect(decimalYear('2010/07/02', 'iso')).toBe(decimalYear('2010-07-02', 'iso'));
    expect(decimalYear('02.07.2010', 'dmy.')).toBe(decimalYear('2010-07-02', 'iso'));
    expect(decimalYear('02/07/2010', 'dmy/')).toBe(decimalYear('2010-07-02', 'iso'));
    expect(decimalYear('07/02/2010', 'mdy/')).toBe(decimalYear('2010-07-02', 'iso'));
    // an offset can move a date into the year before
    expect(decimalYear('2011-01-01T00:30+01:00', 'iso')).toBeLessThan(2011);
  });

  it('refuses what is not a date: a 31st of February, month 13, two-digit years, other text', () => {
    for (const [t, f] of [['2010-02-29', 'iso'], ['2010-13-01', 'iso'], ['2010-04-31', 'iso'], ['1/2/10', 'mdy/'], ['yesterday', 'iso'], ['2010-01-01T25:00', 'iso']] as const) {
      expect(decimalYear(t, f), t).toBeUndefined();
    }
    expect(decimalYear('2012-02-29', 'iso')).toBeDefined();
  });

  it('gives back the calendar year and month, on every day boundary of a leap and a common year', () => {
    for (const y of [2011, 2012]) {
      for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 86_400_000) {
        const d = new Date(t);
        const iso = d.toISOString().slice(0, 10);
        expect(yearAndMonth(decimalYear(iso, 'iso')!), iso).toEqual({ year: y, month: d.getUTCMonth() + 1 });
      }
    }
  });

  it('decides a column\'s format from all its values, and says when day and month cannot be told apart', () => {
    expect(detectDateFormat(['2010-03-15', '2011-12-01T10:00'])).toEqual({ format: 'iso', ambiguous: false });
    expect(detectDateFormat(['15.03.2010', '01.12.2011'])).toEqual({ format: 'dmy.', ambiguous: false });
    expect(detectDateFormat(['15/03/2010', '01/12/2011'])).toEqual({ format: 'dmy/', ambiguous: false });
    expect(detectDateFormat(['03/15/2010', '12/01/2011'])).toEqual({ format: 'mdy/', ambiguous: false });
    expect(detectDateFormat(['03/04/2010', '12/01/2011'])).toEqual({ format: 'mdy/', ambiguous: true });
    expect(detectDateFormat(['13/04/2010', '12/31/2011'])).toBeUndefined(); // both orders in one column
    expect(detectDateFormat(['2010-03-15', 'soon'])).toBeUndefined();
    expect(detectDateFormat(['2010', '2011'])).toBeUndefined(); // years are numbers
    // a 30th of February in a column of dates: still a date column (the bad cell is an error when read)
    expect(detectDateFormat(['2010-02-30', '2010-03-01'])).toEqual({ format: 'iso', ambiguous: false });
    expect(detectDateFormat(['2010-02-30'])).toBeUndefined();
    expect(detectDateFormat([])).toBeUndefined();
  });
});
