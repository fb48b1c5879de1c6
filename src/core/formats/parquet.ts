/**
 * Parquet in the table formats (../table-formats.ts), read with hyparquet: pure JavaScript (it runs in
 * a browser too), maintained, no native code. The types come from the file's schema, so nothing is
 * inferred: numbers, booleans (0/1), dates and timestamps (decimal years, as the CSV reader reads
 * dates) and text (categories). One row group at a time: memory is bounded by a row group's kept
 * columns, not by the file. A file it cannot read — not Parquet, encrypted, a nested column
 * asked for — gets a message naming the problem.
 */
import * as l10n from '@vscode/l10n';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from 'hyparquet';
import type { ByteSource } from '../byte-source';
import { DEFAULT_MAX_LEVELS } from '../csv/head';
import { showName } from '../csv/text';
import { DATA_FORMATS } from '../data-formats';
import { DataError, describeShape, newDataError, rowCountText, type DataColumn, type DataReadOptions, type DataSummary } from '../data';
import { decimalYearOfTime } from '../dates';
import { levelCode, levelLists } from '../levels';
import { type Missing, RowBlocks } from '../row-blocks';
import type { RowBlock } from '../table';
import type { TableFormat } from '../table-formats';

/** How a column's values become numbers (or why they cannot). */
type Kind = 'number' | 'boolean' | 'date' | 'text' | { readonly unsupported: string };

interface Column {
  readonly name: string;
  readonly kind: Kind;
}

/** The kind of a top-level schema field, from its physical and logical types. */
function kindOf(node: SchemaTree): Kind {
  const e = node.element;
  if (node.children.length > 0) return { unsupported: l10n.t('it is a nested column (a list, map or struct)') };
  if (e.repetition_type === 'REPEATED') return { unsupported: l10n.t('it is a repeated field (a list)') };
  const logical = e.logical_type?.type;
  const converted = e.converted_type;
  if (logical === 'DATE' || logical === 'TIMESTAMP' || converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS' || e.type === 'INT96') return 'date';
  if (logical === 'TIME' || converted === 'TIME_MILLIS' || converted === 'TIME_MICROS') return { unsupported: l10n.t('it holds times of day') };
  if (logical === 'STRING' || logical === 'ENUM' || converted === 'UTF8' || converted === 'ENUM') return 'text';
  switch (e.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return 'number';
    case 'FIXED_LEN_BYTE_ARRAY':
    case 'BYTE_ARRAY':
      return logical === 'DECIMAL' || converted === 'DECIMAL' || logical === 'FLOAT16' ? 'number' : { unsupported: l10n.t('it holds binary values') };
    default:
      return { unsupported: l10n.t('its type {0} is not read', String(e.type)) };
  }
}

const numericKind = (k: Kind) => k === 'number' || k === 'boolean' || k === 'date';

function dataColumn(c: Column): DataColumn {
  if (numericKind(c.kind)) return { name: c.name, numeric: true };
  if (c.kind === 'text') return { name: c.name, numeric: false, category: true, why: { clause: l10n.t('it holds text'), hint: l10n.t('use it as a category') } };
  return { name: c.name, numeric: false, why: { clause: c.kind.unsupported, hint: l10n.t('choose another column, or flatten it into plain columns before saving the file') } };
}

/** The value as a number; undefined for a missing one (null, NaN, ±∞). */
function toNumber(kind: Kind, v: unknown): number | undefined {
  let x: number;
  if (v === null || v === undefined) return undefined;
  if (kind === 'date') x = v instanceof Date ? decimalYearOfTime(v.getTime()) : NaN;
  else if (typeof v === 'number') x = v;
  else if (typeof v === 'bigint') x = Number(v);
  else if (typeof v === 'boolean') x = v ? 1 : 0;
  else x = NaN;
  return Number.isFinite(x) ? x : undefined;
}

/** Part of a column's values in a row group, as hyparquet hands them over: rows from `start` (in the file) on. */
interface Piece {
  readonly start: number;
  readonly data: ArrayLike<unknown>;
}

/** The value of the file's row `r` (from 0) in `pieces`; undefined when no piece holds it. */
function valueAt(pieces: readonly Piece[], r: number): unknown {
  for (const p of pieces) if (r >= p.start && r < p.start + p.data.length) return p.data[r - p.start];
  return undefined;
}

/**
 * The values of the file's rows [from, from + n) as numbers, NaN where one is missing (the row
 * loop asks {@link valueAt} why): one typed pass over each piece, no copy of boxed values.
 */
function numbersOf(kind: Kind, pieces: readonly Piece[], from: number, n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  for (const { start, data } of pieces) {
    const end = Math.min(start + data.length, from + n);
    for (let r = Math.max(start, from); r < end; r++) {
      const v = data[r - start];
      out[r - from] = kind === 'number' && typeof v === 'number' ? v : (toNumber(kind, v) ?? NaN);
    }
  }
  return out;
}

/** The source's own errors (the file system's, in the user's terms) pass; anything else is a file hyparquet could not decode. */
function decodeError(e: unknown, file: string): DataError {
  if (e instanceof DataError) return e;
  return new DataError('read-failed', file, l10n.t('{0} cannot be read as Parquet: {1}', file, (e as Error)?.message ?? String(e)), {
    hint: l10n.t('the file may be damaged or written by a newer Parquet writer: save it again, or as CSV'),
  });
}

/** The source as hyparquet's random-access buffer. */
function asyncBuffer(source: ByteSource, size: number): AsyncBuffer {
  return {
    byteLength: size,
    slice: async (start, end) => {
      const bytes = await source.slice(start, end ?? size);
      // hyparquet wants an ArrayBuffer of exactly these bytes
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
    },
  };
}

/** The file's metadata and its columns; a message for a file that is not (readable) Parquet. */
async function openParquet(source: ByteSource, file: string) {
  const size = await source.size();
  const magic = await source.slice(0, 4);
  const tail = size >= 8 ? await source.slice(size - 4, size) : new Uint8Array(0);
  const text = (b: Uint8Array) => String.fromCharCode(...b);
  if (size === 0) throw new DataError('empty-file', file, l10n.t('{0} is empty', file), { hint: l10n.t('choose a Parquet file with rows') });
  if (text(tail) === 'PARE' || text(magic) === 'PARE') {
    throw new DataError('unsupported-format', file, l10n.t('{0} is an encrypted Parquet file; it cannot be read without its keys', file), {
      hint: l10n.t('save an unencrypted copy (or a CSV) to open it here'),
    });
  }
  if (size < 12 || text(magic) !== 'PAR1' || text(tail) !== 'PAR1') {
    throw new DataError('unsupported-format', file, l10n.t('{0} is not a Parquet file (it does not start and end with "PAR1")', file), {
      hint: size >= 4 && text(magic) === 'PAR1' ? l10n.t('the file is cut short: copy or download it again') : l10n.t('choose a .parquet file, or open a CSV'),
    });
  }
  const buffer = asyncBuffer(source, size);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw decodeError(e, file);
  }
  const columns: Column[] = parquetSchema(metadata).children.map((node) => ({ name: node.element.name, kind: kindOf(node) }));
  return { buffer, metadata, columns };
}

/** The kept columns' indices: those asked for (checked), or every numeric one. */
function chooseColumns(columns: readonly Column[], options: DataReadOptions, file: string): number[] {
  const names = columns.map((c) => c.name);
  const text = options.text ?? [];
  if (!options.columns) {
    const out = columns.flatMap((c, j) => (numericKind(c.kind) ? [j] : []));
    if (out.length === 0) {
      const reasons = columns.slice(0, 5).map((c) => l10n.t('{0} ({1})', showName(c.name), String(dataColumn(c).why?.clause)));
      throw new DataError('no-numeric-columns', file, l10n.t('{0}: no numeric columns: {1}', file, reasons.join(', ')), {
        hint: l10n.t('a Parquet column is numeric when its type is a number, a boolean or a date'),
      });
    }
    return out;
  }
  return options.columns.map((name) => {
    if (options.columns!.indexOf(name) !== options.columns!.lastIndexOf(name)) {
      throw new DataError('duplicate-column', file, l10n.t('{0}: column {1} is asked for twice', file, showName(name)), { column: name, hint: l10n.t('list each column once') });
    }
    const j = names.indexOf(name);
    if (j < 0) {
      const near = names.find((n) => n.toLowerCase() === name.toLowerCase());
      throw new DataError('unknown-column', file, l10n.t('{0}: no column named {1}; the columns are {2}', file, showName(name), names.map(showName).join(', ')), {
        column: name,
        hint: near ? l10n.t('did you mean {0}?', showName(near)) : l10n.t('choose one of the listed columns'),
      });
    }
    const c = columns[j];
    if (typeof c.kind === 'object' || (c.kind === 'text' && !text.includes(name))) {
      const why = dataColumn(c).why!;
      throw new DataError('non-numeric-column', file, l10n.t('{0}: column {1} is not numeric: {2}', file, showName(name), why.clause), { column: name, hint: why.hint });
    }
    return j;
  });
}

/** Streams the kept columns, one row group at a time, as blocks of at most `blockRows` rows. */
async function readParquet(source: ByteSource, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary> {
  const file = options.fileName ?? source.name;
  const { buffer, metadata, columns } = await openParquet(source, file);
  const keptIdx = chooseColumns(columns, options, file);
  const kept = keptIdx.map((j) => columns[j]);
  const asText = kept.map((c) => (options.text ?? []).includes(c.name));
  const maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
  const levelMaps = asText.map((t) => (t ? new Map<string, number>() : undefined));
  const out = new RowBlocks(kept.length, file, options, 'row', onBlock);
  const warnings: string[] = [];
  const dates = kept.filter((c, k) => c.kind === 'date' && !asText[k]);
  for (const c of dates) warnings.push(l10n.t('column {0} holds dates, read as decimal years (2010-07-02 noon is 2010.5)', showName(c.name)));

  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    const groupEnd = groupStart + n;
    // the group's kept columns as hyparquet hands them over (typed arrays for REQUIRED columns)
    const pieces: Piece[][] = kept.map(() => []);
    try {
      await parquetRead({
        file: buffer,
        metadata,
        columns: kept.map((c) => c.name),
        rowStart: groupStart,
        rowEnd: groupEnd,
        onChunk: ({ columnName, columnData, rowStart }) => {
          const k = kept.findIndex((c) => c.name === columnName);
          if (k >= 0) pieces[k].push({ start: rowStart, data: columnData });
        },
      });
    } catch (e) {
      throw decodeError(e, file);
    }
    const numbers = kept.map((c, k) => (levelMaps[k] ? undefined : numbersOf(c.kind, pieces[k], groupStart, n)));
    for (let i = 0; i < n; i++) {
      const row = groupStart + i + 1;
      let miss: Missing | undefined;
      for (let k = 0; k < kept.length; k++) {
        const levels = levelMaps[k];
        let x: number | undefined;
        if (levels) {
          const v = valueAt(pieces[k], groupStart + i);
          x = v === null || v === undefined || v === '' ? undefined : levelCode(levels, v instanceof Date ? v.toISOString() : String(v), { file, column: kept[k].name, row, maxLevels });
        } else {
          x = numbers[k]![i];
          if (!Number.isFinite(x)) x = undefined;
        }
        if (x === undefined) {
          const value = String(valueAt(pieces[k], groupStart + i));
          miss ??= { column: kept[k].name, value, reason: value === 'null' || value === 'undefined' ? 'empty' : 'not finite' };
          x = NaN;
        }
        out.cols[k][out.used] = x;
      }
      out.endRow(row, miss);
    }
    groupStart = groupEnd;
  }
  if (out.read === 0) throw new DataError('no-data-rows', file, l10n.t('{0} has columns but no rows', file), { hint: l10n.t('choose a Parquet file with rows') });
  const names = kept.map((c) => c.name);
  return out.summary({ format: 'Parquet', columns: columns.map(dataColumn), kept: names, warnings, levels: levelLists(names, levelMaps) });
}

/** The columns and their types, from the schema alone (no rows read). */
async function inspectParquet(source: ByteSource, options: DataReadOptions): Promise<readonly DataColumn[]> {
  return (await openParquet(source, options.fileName ?? source.name)).columns.map(dataColumn);
}

/** "1,000 rows × 3 columns (2 numeric)", from the footer alone. */
async function describeParquet(source: ByteSource): Promise<string> {
  const { metadata, columns } = await openParquet(source, source.name);
  return describeShape(rowCountText(Number(metadata.num_rows)), columns.map(dataColumn));
}

/** Apache Parquet in the table formats. */
export const parquetFormat: TableFormat = {
  name: 'Parquet',
  // a getter: read when a message is made, in the display language of that moment
  get noun() {
    return l10n.t('a Parquet file');
  },
  extensions: DATA_FORMATS[1].extensions,
  makeError: newDataError,
  read: readParquet,
  inspect: inspectParquet,
  describe: describeParquet,
};
