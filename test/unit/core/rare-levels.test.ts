import { describe, expect, it } from 'vitest';
import { RARE_LEVEL_ROWS, RARE_LEVELS_LISTED, rareLevels, rareLevelsNote, rareLevelsText } from '../../../src/core/rare-levels';
import { makeTable } from '../../../src/core/table';
import { planFormula } from '../../../src/core/formula/design';
import { formulaOnTable } from '../../../src/core/formula/table';

describe('rare levels', () => {
  it('a level in fewer than RARE_LEVEL_ROWS rows is rare; missing cells are not counted; the rarest come first', () => {
    // a: 10 rows (not rare), b: 9 rows (rare), c: 1 row (rare), NaN: a gap
    const codes = Float64Array.from([...Array(10).fill(0), ...Array(9).fill(1), 2, NaN, NaN]);
    const r = rareLevels(codes, ['a', 'b', 'c']);
    expect(RARE_LEVEL_ROWS).toBe(10);
    expect(r).toEqual({ listed: [{ level: 'c', rows: 1 }, { level: 'b', rows: 9 }], count: 2 });
    expect(rareLevelsText(r)).toBe('"c" (1 row), "b" (9 rows)');
    expect(rareLevelsNote('C(g)', r)).toBe(
      'C(g) has 2 rare levels (fewer than 10 rows): "c" (1 row), "b" (9 rows); their coefficients rest on those rows alone (wide standard errors): group rare levels into one, or leave them out',
    );
  });

  it('lists at most RARE_LEVELS_LISTED and counts the rest; a level never seen (0 rows) is rare too', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `L${i}`);
    const codes = Float64Array.from(levels.slice(0, 11).flatMap((_, i) => Array(i + 1).fill(i)));
    const r = rareLevels(codes, levels);
    expect(r.count).toBe(10); // L0…L8 (1…9 rows) and L11 (0 rows); L9 has 10, L10 11
    expect(r.listed).toHaveLength(RARE_LEVELS_LISTED);
    expect(r.listed[0]).toEqual({ level: 'L11', rows: 0 });
    expect(rareLevelsText(r)).toMatch(/^"L11" \(0 rows\), "L0" \(1 row\), .* and 2 more$/);
  });

  it('a fitted formula names its categories’ rare levels, counted over the rows the model used', () => {
    // g: a ×30, b ×30, c ×3 (rows 61–63); one row of c has no y, so the model uses 2 of them
    const n = 63;
    const g = Float64Array.from({ length: n }, (_, i) => (i < 30 ? 0 : i < 60 ? 1 : 2));
    const x = Float64Array.from({ length: n }, (_, i) => (i * 7) % 11);
    const y = Float64Array.from({ length: n }, (_, i) => (i === 62 ? NaN : 1 + x[i] + g[i]));
    const table = makeTable(['y', 'x', 'g'], [y, x, g]);
    const plan = planFormula('y ~ x + g', [{ name: 'y', kind: 'numeric' }, { name: 'x', kind: 'numeric' }, { name: 'g', kind: 'text' }], { numbersAsText: false });
    const f = formulaOnTable(table, { g: ['a', 'b', 'c'] }, plan, {});
    expect([...f.design.rare.keys()]).toEqual(['g']);
    expect(f.design.rare.get('g')).toEqual({ listed: [{ level: 'c', rows: 2 }], count: 1 });
  });
});
