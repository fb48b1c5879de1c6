import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumberText, scanNumber } from '../../../src/core/parse-number';

const enc = new TextEncoder();
/** `CSV_FC_RUNS=20 npx vitest run …` runs every property 20 times longer. */
const RUNS = Number(process.env.CSV_FC_RUNS ?? 1);

/** Bit-for-bit equality, so -0 and +0 differ. */
function expectSame(text: string): void {
  const got = parseNumberText(text);
  const want = Number(text);
  if (!Object.is(got, want)) throw new Error(`${JSON.stringify(text)}: got ${got}, Number() gives ${want}`);
}

describe('parseNumber', () => {
  it('reads every JavaScript decimal form', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['42', 42],
      ['-7', -7],
      ['+7', 7],
      ['.5', 0.5],
      ['-.5', -0.5],
      ['1.', 1],
      ['1.e2', 100],
      ['1e5', 1e5],
      ['1E-3', 1e-3],
      ['2.5e+10', 2.5e10],
      ['007', 7],
      ['  3.25\t', 3.25],
      ['\t-1e-2 ', -0.01],
      ['123456789012345', 123456789012345],
      ['0.000000000000000000000000001', 1e-27],
    ];
    for (const [text, value] of cases) {
      expect(parseNumberText(text), text).toBe(value);
      expectSame(text.trim());
    }
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(parseNumberText('-0'), -0)).toBe(true);
    expect(Object.is(parseNumberText('-0.0e5'), -0)).toBe(true);
    expect(Object.is(parseNumberText('0'), 0)).toBe(true);
  });

  it('refuses what is not a decimal number', () => {
    for (const text of [
      '',
      '   ',
      '.',
      '-',
      '+',
      '-.',
      'e5',
      '.e5',
      '1e',
      '1e+',
      '1e-',
      '--1',
      '+-1',
      '1..2',
      '1.2.3',
      '0x1F',
      '0b101',
      '1_000',
      '12kg',
      '1,234',
      '1,5',
      '2024-01-31',
      '12/31/2024',
      'Infinity',
      '-Infinity',
      'NaN',
      'abc',
      '1 2',
      '\u22121', // a Unicode minus sign is not ASCII '-'
      '１', // a full-width digit
      '1\u00a0',
    ]) {
      expect(parseNumberText(text), JSON.stringify(text)).toBeNaN();
    }
  });

  it('parses extremes exactly: 1e308, 1e-320, the largest double and the smallest subnormal', () => {
    for (const text of [
      '1e308',
      '1e-320',
      '1.7976931348623157e308',
      '2.2250738585072014e-308',
      '4.9406564584124654e-324',
      '5e-324',
      '2e-324',
      '1e-400',
      '-1e-400',
      '1e309',
      '-1e309',
      '1e99999999999',
      '9007199254740993',
      '9007199254740992.5',
      '123456789012345678901234567890',
      '0.1',
      '0.3',
      '2.675',
      '1.0000000000000002',
      '999999999999999e22',
      '999999999999999e23',
      '1e23',
      '8.98846567431158e307',
      '4.35679e-10',
      '0.00000000000000000000000000000000000000000000000000000000001',
      `1${'0'.repeat(400)}`,
      `0.${'0'.repeat(330)}1`,
    ]) {
      expectSame(text);
    }
    expect(parseNumberText('1e308')).toBe(1e308);
    expect(parseNumberText('1e-320')).toBe(1e-320);
    expect(parseNumberText('1e309')).toBe(Infinity);
  });

  it('equals Number(text) for random doubles printed every way (property)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 21 }), (x, k, p) => {
        expectSame(String(x));
        expectSame(x.toExponential(k));
        expectSame(x.toPrecision(p));
        if (Math.abs(x) < 1e21) expectSame(x.toFixed(k));
      }),
      { numRuns: 3000 * RUNS },
    );
  });

  it('equals Number(text) for random digit strings (property)', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '7', '9'), minLength: 0, maxLength: 30 });
    const text = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits,
        fc.boolean(),
        digits,
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 400 }))),
      )
      .map(([sign, int, dot, frac, exp]) => `${sign}${int}${dot ? '.' : ''}${dot ? frac : ''}${exp ? `${exp[0]}${exp[1]}${exp[2]}` : ''}`);
    fc.assert(
      fc.property(text, (t) => {
        const got = parseNumberText(t);
        const want = Number(t);
        // Number('') is 0 and Number('-') NaN: we accept exactly the texts with a digit.
        if (!/\d/.test(t.split(/[eE]/)[0])) expect(got).toBeNaN();
        else expect(Object.is(got, want), `${t}: ${got} vs ${want}`).toBe(true);
      }),
      { numRuns: 3000 * RUNS },
    );
  });

  it('reads a sub-range of a buffer without touching the rest (input not mutated)', () => {
    const bytes = enc.encode('xx-12.5e1yy');
    const copy = bytes.slice();
    expect(parseNumber(bytes, 2, 9)).toBe(-125);
    expect(parseNumber(bytes, 0, 9)).toBeNaN();
    expect(bytes).toEqual(copy);
  });

  it('scanNumber stops where the number ends', () => {
    const at = { pos: -1 };
    const bytes = enc.encode('2.5e+10,7');
    expect(scanNumber(bytes, 0, bytes.length, at)).toBe(2.5e10);
    expect(at.pos).toBe(7);
    expect(scanNumber(bytes, 8, bytes.length, at)).toBe(7);
    expect(at.pos).toBe(9);
    const bad = enc.encode('1e,');
    expect(scanNumber(bad, 0, bad.length, at)).toBeNaN();
    expect(at.pos).toBe(2);
    const word = enc.encode('abc');
    expect(scanNumber(word, 0, word.length, at)).toBeNaN();
    expect(at.pos).toBe(0);
  });
});

describe('long mantissas (16–19 significant digits) without a string', () => {
  const same = (text: string) => {
    const got = parseNumberText(text);
    const want = Number(text);
    if (!Object.is(got, want)) throw new Error(`${text}: got ${got}, Number() gives ${want}`);
  };

  it('the shortest round-trip text of 100,000 random doubles over 40 orders of magnitude', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 100_000; i++) {
      const x = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
      same(String(x));
      same(x.toPrecision(16));
      same(x.toPrecision(19).replace(/e.*/, ''));
    }
  });

  it('random 16- to 19-digit decimals with the dot anywhere', () => {
    let seed = 777;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 50_000; i++) {
      const n = 16 + Math.floor(rand() * 4);
      let digits = String(1 + Math.floor(rand() * 9));
      while (digits.length < n) digits += String(Math.floor(rand() * 10));
      const dot = Math.floor(rand() * (n + 1));
      same(`${digits.slice(0, dot)}.${digits.slice(dot)}`.replace(/\.$/, ''));
      same(`-0.000${digits}`);
    }
  });

  it('exact midpoints between doubles (ties to even) go to Number() and come out right', () => {
    // 2^53 + 1 (16 digits), odd multiples of 512 in [2^62, 2^63) (19 digits: the spacing is 1024),
    // and 2^63 − 512, a midpoint just below a power of two where the spacing halves.
    const cases = ['9007199254740993', '9007199254740995', '9223372036854775296', '9223372036854774784'];
    for (let k = 0n; k < 2000n; k++) cases.push(String((1n << 62n) + 512n + 1024n * k * 7919n));
    for (const c of cases) {
      same(c);
      same(`${c.slice(0, 5)}.${c.slice(5)}`);
      same(`-${c}`);
    }
  });
});
