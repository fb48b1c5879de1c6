/**
 * A formula's design over a table in memory (SGD, the playground): the same passes as the
 * streamed fit of a file (fill the gaps if asked, learn the levels and statistics, evaluate),
 * over the table's blocks, giving the derived table the solver and SGD read through
 * `design.spec` (target first, raw columns of power terms, computed columns, indicators).
 */
import { ImputePass, type ImputeChoice, type ImputedColumn } from '../impute';
import { makeTable, tableBlocks, type RowBlock, type Table } from '../table';
import { FormulaFirstPass, type FormulaDesign, type FormulaPlan } from './design';
import { columnsOf } from './factors';

export interface FormulaTable {
  readonly design: FormulaDesign;
  /** The derived table `design.spec` indexes: one row per row used. */
  readonly derived: Table;
  /** What was filled in, with `impute`. */
  readonly imputed?: readonly ImputedColumn[];
  /** Rows left out: a missing target (with `impute`), or any missing model value (without). */
  readonly rowsDropped: number;
  /** The first row left out and the column it misses (row: the table's `rowNumbers`, else 1-based). */
  readonly firstDropped?: { readonly row: number; readonly column: string };
  /** Each derived row's number in its file (given `rowNumbers`), else its 1-based row in the table. */
  readonly rowNumbers: Float64Array;
}

/**
 * @param table the plan's columns, in order (text columns as level codes; gaps as NaN)
 * @param levels each text column's values by code
 * @param rowNumbers each row's number in its file, to name a row left out
 * @throws FormulaError / RangeError as the streamed fit.
 */
export function formulaOnTable(
  table: Table,
  levels: Readonly<Record<string, readonly string[]>>,
  plan: FormulaPlan,
  options: { readonly impute?: ImputeChoice; readonly rowNumbers?: Float64Array } = {},
): FormulaTable {
  const numbers = options.rowNumbers ?? Float64Array.from({ length: table.rowCount }, (_, i) => i + 1);
  const blocks = (): RowBlock[] => [...tableBlocks(table)].map((b) => ({ ...b, rows: numbers.subarray(b.firstRow, b.firstRow + b.rowCount) }));
  let prepare: (b: RowBlock) => RowBlock;
  let imputed: readonly ImputedColumn[] | undefined;
  let indicators: readonly string[] = [];
  let rowsDropped = 0;
  let firstDropped: FormulaTable['firstDropped'];
  if (options.impute) {
    const targetColumns = columnsOf(plan.target.node);
    const pass = new ImputePass(
      plan.columns.map((name) => ({ name, text: plan.textColumns.includes(name), target: targetColumns.has(name) })),
      options.impute,
    );
    do for (const b of blocks()) pass.observe(b);
    while (pass.endPass());
    const imputation = pass.finish(levels);
    prepare = (b) => imputation.apply(b);
    imputed = imputation.filled;
    indicators = imputation.indicators;
    rowsDropped = imputation.rowsDropped;
    firstDropped = imputation.firstDropped;
  } else {
    // only the formula's own columns are here: a gap in any drops the row
    prepare = (b) => {
      const keep: number[] = [];
      for (let i = 0; i < b.rowCount; i++) {
        const gap = b.columns.findIndex((c) => Number.isNaN(c[i]));
        if (gap < 0) keep.push(i);
        else {
          rowsDropped++;
          firstDropped ??= { row: b.rows ? b.rows[i] : b.firstRow + i + 1, column: plan.columns[gap] };
        }
      }
      if (keep.length === b.rowCount) return b;
      const rows = b.rows;
      return {
        columns: b.columns.map((c) => Float64Array.from(keep, (i) => c[i])),
        rowCount: keep.length,
        firstRow: b.firstRow,
        ...(rows ? { rows: Float64Array.from(keep, (i) => rows[i]) } : {}),
      };
    };
  }
  const prepared = blocks().map(prepare);
  const first = new FormulaFirstPass(plan);
  for (const b of prepared) first.observe(b);
  const design = first.finish(levels, indicators);
  const parts = prepared.map((b) => design.evaluate(b));
  const width = parts.length ? parts[0].columns.length : 1 + design.spec.terms.length;
  const rows = parts.reduce((a, p) => a + p.rowCount, 0);
  const columns = Array.from({ length: width }, (_, j) => {
    const out = new Float64Array(rows);
    let at = 0;
    for (const p of parts) {
      out.set(p.columns[j].subarray(0, p.rowCount), at);
      at += p.rowCount;
    }
    return out;
  });
  // names for the derived columns: the target, then each source column's term (or raw column)
  const names = columns.map((_, j) => (j === 0 ? design.spec.targetName : `#${j}`));
  for (const t of design.spec.terms) if (t.power === 1) names[t.source] = t.name;
  const rowNumbers = new Float64Array(rows);
  let at = 0;
  for (const b of prepared) {
    rowNumbers.set(b.rows!.subarray(0, b.rowCount), at);
    at += b.rowCount;
  }
  return { design, derived: makeTable(names, columns), ...(imputed ? { imputed } : {}), rowsDropped, ...(firstDropped ? { firstDropped } : {}), rowNumbers };
}
