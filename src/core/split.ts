import { makeTable, type Table } from './table';
import { identityOrder, shuffleInPlace, type Rng } from './random';

/**
 * Seeded train/validation split: a random `fraction` of the rows (rounded down) goes to
 * validation. Indices come back sorted, so row order inside each part is the file's.
 * @example splitRows(1000, 0.2, createRng(0)) // 800 train, 200 validation
 */
export function splitRows(n: number, fraction: number, rng: Rng): { train: Uint32Array; validation: Uint32Array } {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`validation fraction must be in [0, 1), got ${fraction}`);
  const order = shuffleInPlace(identityOrder(n), rng);
  const nv = Math.floor(n * fraction);
  const validation = order.slice(0, nv).sort();
  const train = order.slice(nv).sort();
  return { train, validation };
}

/** The rows `index` of a table, as a new table (inputs untouched). */
export function takeRows(table: Table, index: Uint32Array): Table {
  return makeTable(
    table.names,
    table.columns.map((c) => {
      const out = new Float64Array(index.length);
      for (let i = 0; i < index.length; i++) out[i] = c[index[i]];
      return out;
    }),
  );
}
