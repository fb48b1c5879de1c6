/**
 * The predictions export as CSV lines: every row of the dataset's table, then the model's
 * prediction and residual. A row the model left out (a gap in one of its columns) keeps its
 * values and gets empty prediction cells, so the file lines up row for row with the data.
 */
import type { Predict } from '../core/prediction';
import { csvField } from '../core/csv-write';
import type { Table } from '../core/table';

/** A cell: empty for a missing value, else the number as JavaScript writes it (round-trips exactly). */
const cell = (v: number): string => (Number.isNaN(v) ? '' : String(v));

/**
 * @example predictionsCsv(table, 'y', predict).header // 'x,y,predicted_y,residual'
 */
export function predictionsCsv(
  table: Table,
  target: string,
  predict: Predict,
  /** Text columns' values by code: their cells are written as the text, not the code. */
  levels: Readonly<Record<string, readonly string[]>> = {},
): { header: string; rows: () => Generator<string> } {
  const text = table.names.map((n) => levels[n]);
  const taken = new Set(table.names);
  const unique = (base: string) => {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
  const predName = unique(`predicted_${target}`);
  const resName = unique('residual');
  const y = table.columns[table.names.indexOf(target)];
  return {
    header: [...table.names, predName, resName].map((n) => csvField(n)).join(','),
    rows: function* () {
      for (let i = 0; i < table.rowCount; i++) {
        const yhat = predict((source) => table.columns[source][i]);
        const values = table.columns.map((c, j) => (text[j] ? (Number.isNaN(c[i]) ? '' : csvField(text[j]![c[i]] ?? '')) : cell(c[i])));
        yield [...values, cell(yhat), cell(y[i] - yhat)].join(',');
      }
    },
  };
}

/**
 * The predictions export of a formula's fit: one line per row the model used, with its row
 * number in the file, the target as the formula says it (`np.log(SalePrice)`), the prediction
 * and the residual. (A formula's columns are computed: the file's own columns are not repeated.)
 */
export function formulaPredictionsCsv(fitted: Table, rowNumbers: Float64Array, target: string, predict: Predict): { header: string; rows: () => Generator<string> } {
  const y = fitted.columns[0];
  return {
    header: ['row', target, `predicted ${target}`, 'residual'].map((n) => csvField(n)).join(','),
    rows: function* () {
      for (let i = 0; i < fitted.rowCount; i++) {
        const yhat = predict((source) => fitted.columns[source][i]);
        yield [String(rowNumbers[i]), cell(y[i]), cell(yhat), cell(y[i] - yhat)].join(',');
      }
    },
  };
}
