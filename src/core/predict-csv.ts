/**
 * A saved model's predictions for every row of a CSV, in order: the input columns as they were
 * written, then `prediction` (and `lower`, `upper` with an interval) and `note`. A row the model
 * cannot predict keeps its place with empty numbers and a note saying why; nothing is dropped.
 */
import * as l10n from '@vscode/l10n';
import { inspectCsv, splitCsv, type CsvDelimiter } from './csv';
import { csvField } from './csv-write';
import { formatCount } from './number-format';
import type { IntervalKind, ModelPredictor } from './model-predictor';

export interface PredictCsvOptions {
  readonly interval: IntervalKind;
  /** Interval level, 0 < level < 1 (default 0.95). */
  readonly level?: number;
  readonly delimiter?: CsvDelimiter | 'auto';
  readonly header?: boolean | 'auto';
  readonly fileName: string;
}

export interface PredictCsvResult {
  /** The output CSV text (comma-separated, the input's columns first). */
  readonly text: string;
  readonly rows: number;
  readonly predicted: number;
  /** Rows with a note instead of a prediction, and the first of them (1-based data row). */
  readonly unpredicted: number;
  readonly firstNote?: { readonly row: number; readonly note: string };
  /** Input columns the model reads that the file does not have (every row then has a note). */
  readonly missingColumns: readonly string[];
  /** The output columns added after the input's. */
  readonly added: readonly string[];
}

/** A name not already among `taken`: `name`, else `name_2`, `name_3`, … */
function freeName(name: string, taken: Set<string>): string {
  let out = name;
  for (let k = 2; taken.has(out); k++) out = `${name}_${k}`;
  taken.add(out);
  return out;
}

/**
 * @throws CsvError for a file that cannot be read as CSV (empty, binary, an unclosed quote).
 */
export function predictCsv(bytes: Uint8Array, predictor: ModelPredictor, options: PredictCsvOptions): PredictCsvResult {
  const { schema } = inspectCsv(bytes, { delimiter: options.delimiter ?? 'auto', header: options.header ?? 'auto', fileName: options.fileName });
  const records = splitCsv(bytes, schema.delimiter, options.fileName);
  // a first line naming every column the model reads is its header, whatever the values below look like
  const first = new Set((records[0] ?? []).map((n) => n.trim()));
  const hasHeader = options.header === true || (options.header !== false && (schema.hasHeader || predictor.inputs.every((c) => first.has(c))));
  const names = hasHeader ? records[0].map((n) => n.trim()) : schema.columns.map((c) => c.name);
  const data = hasHeader ? records.slice(1) : records;
  const index = new Map<string, number>();
  names.forEach((n, j) => {
    if (!index.has(n)) index.set(n, j);
  });
  const missingColumns = predictor.inputs.filter((c) => !index.has(c));
  const taken = new Set(names);
  const withInterval = options.interval !== 'none';
  const added = [freeName('prediction', taken), ...(withInterval ? [freeName('lower', taken), freeName('upper', taken)] : []), freeName('note', taken)];
  const level = options.level ?? 0.95;
  const lines = [[...names, ...added].map((n) => csvField(n)).join(',')];
  let predicted = 0;
  let firstNote: PredictCsvResult['firstNote'];
  data.forEach((fields, i) => {
    // a ragged row's cells cannot be trusted to be in their columns
    const r =
      fields.length === names.length
        ? predictor.predict((column) => {
            const j = index.get(column);
            return j === undefined ? undefined : fields[j];
          }, level)
        : { note: `the row has ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header has ${names.length}` };
    const cells = names.map((_, j) => (fields[j] ? csvField(fields[j]) : ''));
    if ('note' in r) {
      firstNote ??= { row: i + 1, note: r.note };
      cells.push('', ...(withInterval ? ['', ''] : []), csvField(r.note));
    } else {
      predicted++;
      const [lo, hi] = options.interval === 'prediction' ? r.predictionInterval : r.confidence;
      const note = r.filled.length ? `filled in as in training: ${r.filled.join(', ')}` : '';
      cells.push(String(r.prediction), ...(withInterval ? [String(lo), String(hi)] : []), note === '' ? '' : csvField(note));
    }
    lines.push(cells.join(','));
  });
  return {
    text: lines.join('\n') + '\n',
    rows: data.length,
    predicted,
    unpredicted: data.length - predicted,
    ...(firstNote ? { firstNote } : {}),
    missingColumns,
    added,
  };
}

/** One line for a person: how many rows were predicted, and why the others were not. */
export function describePrediction(r: PredictCsvResult, out: string): string {
  const head =
    r.rows === 1
      ? l10n.t('wrote 1 row to {0}: {1} predicted', out, formatCount(r.predicted))
      : l10n.t('wrote {0} rows to {1}: {2} predicted', formatCount(r.rows), out, formatCount(r.predicted));
  if (r.unpredicted === 0) return head;
  let text = l10n.t('{0}, {1} with a note instead', head, formatCount(r.unpredicted));
  if (r.firstNote) text = l10n.t('{0} (first: data row {1}: {2})', text, formatCount(r.firstNote.row), r.firstNote.note);
  if (r.missingColumns.length) text = l10n.t('{0}; the file has no column {1}', text, r.missingColumns.map((c) => JSON.stringify(c)).join(', '));
  return text;
}
