import { describe, expect, it } from 'vitest';
import { columnRole, MAX_CODE_LEVELS } from '../../../src/core/column-roles';
import { inspectCsv } from '../../../src/core/csv';

const count = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('column roles', () => {
  it('row numbers and id-named distinct integers are ids; distinct measurements are not', () => {
    expect(columnRole('Id', count(50, (i) => i + 1)).id).toMatch(/count up by one \(1, 2, 3, …\)/);
    expect(columnRole('row', count(50, (i) => i + 1001)).id).toMatch(/count up by one/);
    expect(columnRole('customer_id', count(50, (i) => i * 7 + 3)).id).toMatch(/the name says id/);
    expect(columnRole('area', count(50, (i) => i * 7 + 3)).id).toBeUndefined();
    expect(columnRole('price', count(50, (i) => i + 0.5)).id).toBeUndefined();
    // too few rows to tell
    expect(columnRole('Id', count(10, (i) => i + 1))).toEqual({});
  });

  it('a text column with a different value in every row is names, not a category', () => {
    expect(columnRole('name', count(30, (i) => i).map((i) => `person ${i}`)).id).toMatch(/every value is different \("person 0", "person 1", "person 2", …\)/);
    expect(columnRole('zone', count(30, (i) => i % 4).map((i) => `z${i}`)).id).toBeUndefined();
  });

  it(`a few distinct whole numbers (3 to ${MAX_CODE_LEVELS}) may be codes; two (0/1) and many may not`, () => {
    expect(columnRole('MSSubClass', count(60, (i) => [20, 30, 60, 90][i % 4])).integerLevels).toBe(4);
    expect(columnRole('dummy', count(60, (i) => i % 2)).integerLevels).toBeUndefined();
    expect(columnRole('age', count(60, (i) => i % 40)).integerLevels).toBeUndefined();
    expect(columnRole('rate', count(60, (i) => (i % 4) + 0.5)).integerLevels).toBeUndefined();
  });

  it('the reader marks them on its columns', () => {
    const csv = ['Id,class,name,y', ...Array.from({ length: 40 }, (_, i) => `${i + 1},${[20, 30, 60][i % 3]},n${i},${i * 1.5}`)].join('\n');
    const cols = inspectCsv(csv).schema.columns;
    expect(cols[0].id).toBeDefined();
    expect(cols[1].integerLevels).toBe(3);
    expect(cols[2]).toMatchObject({ numeric: false, category: true });
    expect(cols[2].id).toBeDefined();
    expect(cols[3].id).toBeUndefined();
  });
});
