/**
 * JSON Lines (one JSON object per line, `.jsonl` / `.ndjson`), streamed: bytes in, blocks of the
 * kept columns out, bounded memory. Pure (no 'node:*', no DOM), so a browser can run it too.
 * The columns are the keys in order of first appearance in the first lines; a key is numeric when
 * its values there are numbers, booleans (0/1) or null, and text (a category) when they are strings.
 * A line that is not a JSON object, or a value of the wrong kind further down, is an error naming
 * the file, line, key and value; null or a missing key is a missing value (dropped and counted,
 * as in CSV).
 */
import * as l10n from '@vscode/l10n';
import { DEFAULT_MAX_LEVELS } from '../csv/head';
import { decodeText, formatRow, showName, showValue } from '../csv/text';
import { countLines, headOf, type ByteSource } from '../byte-source';
import { DataError, describeShape, newDataError, rowCountText, type DataColumn, type DataReadOptions, type DataSummary } from '../data';
import { DATA_FORMATS } from '../data-formats';
import { levelCode, levelLists } from '../levels';
import { type Missing, RowBlocks } from '../row-blocks';
import type { RowBlock } from '../table';
import type { TableFormat } from '../table-formats';

const FORMAT = 'JSON Lines';
/** Lines that decide the columns and their kinds. */
export const JSONL_INFER_LINES = 1000;

type Kind = 'number' | 'text' | 'mixed' | 'nested' | 'empty';

interface KeyInfo {
  name: string;
  kind: Kind;
  first?: { row: number; value: string };
}

export interface JsonlReader {
  push(chunk: Uint8Array): void;
  /** @throws DataError for a file with no rows or bad lines at its end. */
  end(): DataSummary;
}

const describeValue = (v: unknown) => (typeof v === 'string' ? showValue(v) : showValue(JSON.stringify(v)));

function dataColumn(k: KeyInfo): DataColumn {
  switch (k.kind) {
    case 'number':
      return { name: k.name, numeric: true };
    case 'empty':
      return { name: k.name, numeric: true };
    case 'text':
      return { name: k.name, numeric: false, category: true, why: { clause: l10n.t('it holds text'), hint: l10n.t('use it as a category') }, ...(k.first ? { firstNonNumeric: k.first } : {}) };
    case 'mixed':
      return {
        name: k.name,
        numeric: false,
        ...(k.first ? { firstNonNumeric: k.first } : {}),
        why: {
          clause: k.first ? l10n.t('line {0} has {1} among numbers', formatRow(k.first.row), k.first.value) : l10n.t('line {0} has a string among numbers', formatRow(0)),
          hint: l10n.t('write every value of this key as a number (or null)'),
        },
      };
    case 'nested':
      return { name: k.name, numeric: false, why: { clause: l10n.t('it holds nested objects or arrays'), hint: l10n.t('flatten them into plain keys before saving') } };
  }
}

/** A streaming JSON Lines reader (see the module comment). */
export function createJsonlReader(options: DataReadOptions, onBlock: (block: RowBlock) => void): JsonlReader {
  const file = options.fileName ?? 'data.jsonl';
  const maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
  let carry: Uint8Array = new Uint8Array(0);
  let line = 0;
  /** Lines held back until the columns are known. */
  let head: { row: number; value: Record<string, unknown> }[] | undefined = [];
  const keys: KeyInfo[] = [];
  const keyIndex = new Map<string, number>();
  let kept: KeyInfo[] = [];
  let levels: (Map<string, number> | undefined)[] = [];
  let out: RowBlocks;

  const parseLine = (text: string, row: number): Record<string, unknown> | undefined => {
    if (text.trim() === '') return undefined;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new DataError('unsupported-format', file, l10n.t('{0}: line {1} is not valid JSON ({2})', file, formatRow(row), (e as Error).message), {
        row,
        value: text.slice(0, 60),
        hint: l10n.t('each line must be one JSON object, like {"x": 1, "y": 2}'),
      });
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new DataError('unsupported-format', file, l10n.t('{0}: line {1} is not a JSON object', file, formatRow(row)), { row, hint: l10n.t('each line must be one JSON object, like {"x": 1, "y": 2}') });
    }
    return v as Record<string, unknown>;
  };

  const learn = (rec: Record<string, unknown>, row: number) => {
    for (const [name, v] of Object.entries(rec)) {
      let j = keyIndex.get(name);
      if (j === undefined) {
        j = keys.length;
        keyIndex.set(name, j);
        keys.push({ name, kind: 'empty' });
      }
      const k = keys[j];
      if (v === null || k.kind === 'nested') continue;
      const kind: Kind = typeof v === 'number' || typeof v === 'boolean' ? 'number' : typeof v === 'string' ? 'text' : 'nested';
      if (kind === 'nested') k.kind = 'nested';
      else if (k.kind === 'empty') k.kind = kind;
      else if (k.kind !== kind && k.kind !== 'mixed') k.kind = 'mixed';
      if (kind === 'text' && !k.first) k.first = { row, value: describeValue(v) };
    }
  };

  const choose = () => {
    const text = options.text ?? [];
    const names = keys.map((k) => k.name);
    if (!options.columns) {
      kept = keys.filter((k) => k.kind === 'number');
      if (kept.length === 0) {
        const reasons = keys.slice(0, 5).map((k) => l10n.t('{0} ({1})', showName(k.name), dataColumn(k).why?.clause ?? l10n.t('no values')));
        throw new DataError('no-numeric-columns', file, l10n.t('{0}: no numeric keys: {1}', file, reasons.join(', ')), {
          hint: l10n.t('a key is numeric when its values in the first lines are numbers, booleans or null'),
        });
      }
    } else {
      kept = options.columns.map((name) => {
        if (options.columns!.indexOf(name) !== options.columns!.lastIndexOf(name)) {
          throw new DataError('duplicate-column', file, l10n.t('{0}: column {1} is asked for twice', file, showName(name)), { column: name, hint: l10n.t('list each column once') });
        }
        const j = names.indexOf(name);
        if (j < 0) {
          throw new DataError('unknown-column', file, l10n.t('{0}: no key named {1}; the keys are {2}', file, showName(name), names.map(showName).join(', ')), {
            column: name,
            hint: l10n.t('choose one of the listed keys'),
          });
        }
        const k = keys[j];
        if (k.kind === 'nested' || k.kind === 'mixed' || (k.kind === 'text' && !text.includes(name))) {
          const why = dataColumn(k).why!;
          throw new DataError('non-numeric-column', file, l10n.t('{0}: column {1} is not numeric: {2}', file, showName(name), why.clause), { column: name, hint: why.hint });
        }
        return k;
      });
    }
    levels = kept.map((k) => (text.includes(k.name) ? new Map() : undefined));
    out = new RowBlocks(kept.length, file, options, 'line', onBlock);
  };

  const take = (rec: Record<string, unknown>, row: number) => {
    let miss: Missing | undefined;
    for (let k = 0; k < kept.length; k++) {
      const v = rec[kept[k].name];
      let x: number;
      if (v === null || v === undefined) {
        miss ??= { column: kept[k].name, value: v === null ? 'null' : '', reason: 'empty' };
        x = NaN;
      } else if (levels[k]) {
        x = levelCode(levels[k]!, typeof v === 'string' ? v : JSON.stringify(v), { file, column: kept[k].name, row, maxLevels, unit: 'line' });
      } else if (typeof v === 'number') x = v;
      else if (typeof v === 'boolean') x = v ? 1 : 0;
      else {
        throw new DataError('not-a-number', file, l10n.t('{0}: line {1}, column {2}: {3} is not a number', file, formatRow(row), showName(kept[k].name), describeValue(v)), {
          row,
          column: kept[k].name,
          value: typeof v === 'string' ? v : JSON.stringify(v),
          hint: l10n.t('write the value as a number (or null for a missing one), or leave this key out'),
        });
      }
      out.cols[k][out.used] = x;
    }
    out.endRow(row, miss);
  };

  const onLine = (bytes: Uint8Array, start: number, end: number) => {
    line++;
    let e = end;
    if (e > start && bytes[e - 1] === 0x0d) e--;
    // a byte-order mark before the first line is not part of it
    const s = line === 1 && e - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf ? start + 3 : start;
    const rec = parseLine(decodeText(bytes, s, e), line);
    if (!rec) return;
    if (head) {
      learn(rec, line);
      head.push({ row: line, value: rec });
      if (head.length >= JSONL_INFER_LINES) release();
    } else take(rec, line);
  };

  const release = () => {
    const held = head!;
    head = undefined;
    choose();
    for (const h of held) take(h.value, h.row);
  };

  return {
    push(chunk) {
      let bytes = chunk;
      if (carry.length) {
        bytes = new Uint8Array(carry.length + chunk.length);
        bytes.set(carry);
        bytes.set(chunk, carry.length);
      }
      let start = 0;
      for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
        onLine(bytes, start, i);
        start = i + 1;
      }
      carry = bytes.slice(start);
    },
    end() {
      if (carry.length) onLine(carry, 0, carry.length);
      carry = new Uint8Array(0);
      if (head) {
        if (head.length === 0) throw new DataError('empty-file', file, l10n.t('{0} has no JSON lines', file), { hint: l10n.t('each line must be one JSON object, like {"x": 1, "y": 2}') });
        release();
      }
      const names = kept.map((k) => k.name);
      return out.summary({ format: FORMAT, columns: keys.map(dataColumn), kept: names, warnings: [], levels: levelLists(names, levels) });
    },
  };
}

/** The keys and their kinds from the first lines (`bytes`: the start of the file). */
export function inspectJsonl(bytes: Uint8Array, options: DataReadOptions = {}): readonly DataColumn[] {
  // the reader with no columns kept: it learns every key and keeps nothing (whole lines only:
  // the head may end inside one)
  const reader = createJsonlReader({ ...options, columns: [], text: undefined }, () => {});
  const end = bytes.lastIndexOf(0x0a);
  reader.push(end >= 0 ? bytes.subarray(0, end + 1) : bytes);
  return reader.end().columns;
}

// ---- the table format ------------------------------------------------------------------

/** Bytes of the head read to inspect the keys. */
const HEAD_BYTES = 1 << 20;

async function readJsonl(source: ByteSource, options: DataReadOptions, onBlock: (block: RowBlock) => void): Promise<DataSummary> {
  const reader = createJsonlReader({ ...options, fileName: options.fileName ?? source.name }, onBlock);
  await source.stream((chunk) => reader.push(chunk));
  return reader.end();
}

async function inspectJsonlSource(source: ByteSource, options: DataReadOptions): Promise<readonly DataColumn[]> {
  return inspectJsonl(await headOf(source, HEAD_BYTES), { ...options, fileName: options.fileName ?? source.name });
}

/** "1,000 rows × 3 columns (2 numeric)" from the head: exact when the head is the whole file, else estimated. */
async function describeJsonl(source: ByteSource): Promise<string> {
  const [head, size] = await Promise.all([headOf(source, HEAD_BYTES), source.size()]);
  const whole = head.length === size;
  const lines = countLines(head, whole);
  const columns = inspectJsonl(head, { fileName: source.name });
  return describeShape(rowCountText(whole ? lines : (size / Math.max(1, head.length)) * lines, !whole), columns);
}

/** JSON Lines in the table formats. */
export const jsonlFormat: TableFormat = {
  name: FORMAT,
  // a getter: read when a message is made, in the display language of that moment
  get noun() {
    return l10n.t('a JSON Lines file');
  },
  extensions: DATA_FORMATS[2].extensions,
  makeError: newDataError,
  read: readJsonl,
  inspect: inspectJsonlSource,
  describe: describeJsonl,
};
