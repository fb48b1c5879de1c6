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
export function predictionsCsv(table: Table, target: string, predict: Predict): { header: string; rows: () => Generator<string> } {
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
        yield [...table.columns.map((c) => cell(c[i])), cell(yhat), cell(y[i] - yhat)].join(',');
      }
    },
  };
}
