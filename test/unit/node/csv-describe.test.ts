import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTableFile as describeCsv } from '../../../src/node/table-file';

const dir = mkdtempSync(join(tmpdir(), 'gauss-describe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('describeCsv (the quick pick\'s row/column counts)', () => {
  it('counts data rows and columns, and says how many are numeric', async () => {
    const a = join(dir, 'a.csv');
    writeFileSync(a, 'x,y,name\n1,2,a\n3,4,b\n5,6,c');
    expect(await describeCsv(a)).toBe('3 rows × 3 columns (2 numeric)');
    const b = join(dir, 'b.csv');
    writeFileSync(b, 'x,y\n1,2\n');
    expect(await describeCsv(b)).toBe('1 row × 2 columns');
  });
  it('examples/d2l-synthetic.csv: 1,000 rows × 3 columns', async () => {
    expect(await describeCsv('examples/d2l-synthetic.csv')).toBe('1,000 rows × 3 columns');
  });
});
