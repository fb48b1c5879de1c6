// The streaming reader: every record parsed from the bytes of each chunk into columnar blocks.
import * as l10n from '@vscode/l10n';
import { DATE_FORMAT_LABEL, decimalYear } from '../dates';
import { type NumberCursor, parseNumber, parseNumberText, scanNumber } from '../parse-number';
import { type NumberLane, numberLane } from './number-lane';
import { levelCode } from '../levels';
import { type RowBlock } from '../table';
import { type QuotedField, RecordScanner, isBlankField, quotedText, scanQuoted, splitRecords } from './fields';
import { bomLength, checkText, chooseColumns, decimalCommaValue, detectDelimiter, inferHead, nonNumericClause, resolveOptions } from './head';
import { CR, DETECT_BYTES, HEAD_CAP_BYTES, LF, MAX_DROPPED_REASONS, QUOTE, decodeText, describeNotANumber, formatRow, missingReason, showName, showValue, trimSpaces } from './text';
import { type CsvDelimiter, CsvError, type CsvReadOptions, type CsvReader, type CsvSchema, type CsvSummary, type DroppedRow } from './types';


/** Growable byte buffer for the head and for a record cut by a chunk boundary. */
class ByteBuffer {
  bytes: Uint8Array = new Uint8Array(0);
  length = 0;
  /** `bytes` is the caller's chunk, read in place; copied before the caller gets it back. */
  private borrowed = false;

  /** Uses `src` without copying it: valid until {@link own} or the end of the push. */
  borrow(src: Uint8Array): void {
    this.bytes = src;
    this.length = src.length;
    this.borrowed = true;
  }

  /** Copies a borrowed chunk, so the caller may reuse it. */
  own(): void {
    if (!this.borrowed) return;
    this.borrowed = false;
    const src = this.bytes.subarray(0, this.length);
    this.bytes = new Uint8Array(0);
    this.length = 0;
    this.append(src);
  }

  append(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    if (n <= 0) return;
    this.own();
    if (this.length + n > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.length + n, this.bytes.length * 2, 1024));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(src.subarray(start, end), this.length);
    this.length += n;
  }

  clear(): void {
    this.length = 0;
    // Do not keep a huge record's buffer alive for the rest of the file.
    if (this.bytes.length > 1 << 20) this.bytes = new Uint8Array(0);
  }
}

/**
 * What the head of a CSV file decides, so that any byte range of the rest can be read alone
 * (parallel reading, src/node/parallel-fit.ts): the delimiter, the schema, the kept columns,
 * the head's warnings, and where the data records start.
 */
export interface CsvPlan {
  readonly delimiter: CsvDelimiter;
  readonly schema: CsvSchema;
  /** The kept columns' indices in the schema, in output order. */
  readonly kept: readonly number[];
  readonly warnings: readonly string[];
  /** Byte offset of the first data record (after a BOM and the header). */
  readonly dataStart: number;
  /** Its spreadsheet row number. */
  readonly firstRow: number;
}

/** Blocks smaller than this (a reader of one-row blocks) are not worth the lane's calls. */
const MIN_LANE_ROWS = 64;

/**
 * Block arrays handed from one reader to the next on the same thread (ranges read one after
 * another): without them every range allocates its blocks anew, and the garbage collector frees
 * them late (peak RSS grew with the file: 119 MiB on a 1.38 GB file, one thread).
 */
export interface BlockBuffers {
  readonly arrays: Float64Array[];
  /** The fast lane of the last reader, for the next one with the same fields. */
  lane?: { readonly key: string; readonly lane: NumberLane | null };
}

/**
 * The columns to keep, chosen from the columns the head inferred (`options.columns` is ignored):
 * a model of "every numeric column but the target" is planned from one reading of the head.
 */
export type ChooseColumns = (columns: CsvSchema['columns']) => readonly string[];

/** A reader that reads data records from a record boundary past the head, with a known plan. */
interface ResumeAt {
  readonly plan: CsvPlan;
  readonly firstRow: number;
  readonly buffers?: BlockBuffers;
}

/** A reader that stops at the plan (see {@link planCsv}), its columns chosen by `choose` if given. */
interface PlanOnly {
  readonly planOnly: true;
  readonly choose?: ChooseColumns;
}

/** A plan found in the head, or why not yet. */
class PlanFound {
  constructor(readonly plan: CsvPlan) {}
}

/**
 * The plan of a CSV file from its head: the same decisions, from the same bytes, as the
 * streaming reader makes. `final`: the head is the whole file.
 * @returns undefined when more bytes are needed (the reader reads up to 16 MiB of head).
 * @throws CsvError as the reader's head does (empty, binary, ragged header, …).
 */
export function planCsv(head: Uint8Array, final: boolean, options: CsvReadOptions, choose?: ChooseColumns): CsvPlan | undefined {
  const reader = new StreamingCsvReader(options, () => {}, { planOnly: true, choose });
  try {
    reader.push(head);
    if (final) reader.end();
  } catch (e) {
    if (e instanceof PlanFound) return e.plan;
    throw e;
  }
  return undefined;
}

export class StreamingCsvReader implements CsvReader {
  private readonly opts: ReturnType<typeof resolveOptions>;
  private readonly onBlock: (block: RowBlock) => void;
  private readonly warnings: string[] = [];
  private bytesSeen = 0;
  private ended = false;

  // Head phase
  private head: ByteBuffer | undefined = new ByteBuffer();
  private headRecords = 0;
  private headLimit = 0;
  private headScanned = 0;
  private headRecordStart = 0;
  private bomEnd = -1;
  private delimiter: CsvDelimiter | undefined;
  private headScanner: RecordScanner | undefined;
  private schemaValue: CsvSchema | undefined;

  // Stream phase
  private d = 0x2c;
  private ncols = 0;
  /** keptOut[j]: index of source column j among the blocks' columns, or -1 when skipped. */
  private keptOut = new Int32Array(0);
  private keptNames: string[] = [];
  /** Per output column read as text: its value → level code map; undefined for numbers. */
  private textLevels: (Map<string, number> | undefined)[] = [];
  private blockCols: Float64Array[] = [];
  private blockRowNumbers: Float64Array | undefined;
  private rowsWithMissing = 0;
  private blockFill = 0;
  private rowsEmitted = 0;
  private row = 1;
  private skipLF = false;
  private readonly carry = new ByteBuffer();
  private carryScanner: RecordScanner | undefined;
  private readonly quoted: QuotedField = { close: 0, end: 0, simple: true };
  private readonly cursor: NumberCursor = { pos: 0 };
  /** Records of plain numbers in WebAssembly (./number-lane.ts), while it takes most records. */
  private lane: NumberLane | null = null;
  private laneRecords = 0;
  private laneMisses = 0;

  // Counts
  private rowsRead = 0;
  private rowsDropped = 0;
  private readonly dropped: DroppedRow[] = [];
  /** The current record's first missing kept cell. */
  private missCol = -1;
  private missValue = '';
  private missReason = '';

  /**
   * `resume`: read data records from a record boundary past the head with a known plan (no head
   * inference; rows numbered from `firstRow`; the plan's warnings are not repeated), or stop at
   * the plan (`planOnly`, see {@link planCsv}).
   */
  constructor(
    options: CsvReadOptions,
    onBlock: (block: RowBlock) => void,
    private readonly resume?: ResumeAt | PlanOnly,
  ) {
    this.opts = resolveOptions(options);
    this.onBlock = onBlock;
    if (this.opts.delimiter !== 'auto') this.delimiter = this.opts.delimiter;
    if (resume && 'plan' in resume) {
      const { plan } = resume;
      this.head = undefined;
      this.delimiter = plan.delimiter;
      this.schemaValue = plan.schema;
      this.startStream(plan.delimiter, plan.schema, plan.kept);
      this.row = resume.firstRow;
    }
  }

  /** The spreadsheet row number the next record would have (after `end`: one past the last line). */
  get nextRow(): number {
    return this.row;
  }

  get schema(): CsvSchema | undefined {
    return this.schemaValue;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('CsvReader.push: the reader has already ended');
    this.bytesSeen += chunk.length;
    const head = this.head;
    if (head) {
      // A first chunk that holds the whole head (the usual case) is not copied.
      if (head.length === 0) head.borrow(chunk);
      else head.append(chunk);
      if (this.headReady()) this.finishHead(false);
      else head.own();
      return;
    }
    this.feed(chunk);
  }

  end(): CsvSummary {
    if (this.ended) throw new Error('CsvReader.end: the reader has already ended');
    this.ended = true;
    if (this.head) this.finishHead(true);
    if (this.carry.length > 0) {
      this.consume(this.carry.bytes, 0, this.carry.length, true);
      this.carry.clear();
    }
    if (this.blockFill > 0) this.emit();
    const file = this.opts.file;
    const part = this.resume !== undefined;
    if (this.rowsRead === 0 && !part) {
      throw new CsvError('no-data-rows', file, l10n.t('{0} has a header but no data rows', file), { hint: l10n.t('add data rows below the header') });
    }
    const rowsUsed = this.rowsRead - this.rowsDropped;
    if (rowsUsed === 0 && !part) {
      const first = this.dropped[0];
      throw new CsvError(
        'no-data-rows',
        file,
        first.value === ''
          ? l10n.t(
              '{0}: every data row ({1}) has a missing value in the chosen columns, e.g. row {2}, column {3}: empty',
              file,
              formatRow(this.rowsRead),
              formatRow(first.row),
              showName(first.column),
            )
          : l10n.t(
              '{0}: every data row ({1}) has a missing value in the chosen columns, e.g. row {2}, column {3}: {4}',
              file,
              formatRow(this.rowsRead),
              formatRow(first.row),
              showName(first.column),
              showValue(first.value),
            ),
        { row: first.row, column: first.column, value: first.value, hint: l10n.t('choose other columns, or fill in the missing values') },
      );
    }
    const schema = this.schemaValue!;
    return {
      format: 'CSV',
      columns: schema.columns.map((c) => (c.numeric ? { ...c } : { ...c, why: nonNumericClause(c, schema.delimiter) })),
      schema,
      hasHeader: schema.hasHeader,
      kept: [...this.keptNames],
      levels: Object.fromEntries(this.keptNames.flatMap((n, o) => (this.textLevels[o] ? [[n, [...this.textLevels[o]!.keys()]]] : []))),
      rowsRead: this.rowsRead,
      rowsUsed,
      rowsDropped: this.rowsDropped,
      dropped: this.dropped.map((r) => ({ ...r })),
      ...(this.opts.missing === 'keep' ? { rowsWithMissing: this.rowsWithMissing } : {}),
      warnings: [...this.warnings],
      bytes: this.bytesSeen,
    };
  }

  /**
   * Whether the head holds enough records to infer from. Every decision depends only on
   * the bytes, never on how they were cut into chunks: the delimiter is chosen from the
   * first 64 KiB (or the whole input at its end), and the sample ends after the record
   * that completes `inferRecords + 1` records or crosses 16 MiB (`headLimit`).
   */
  private headReady(): boolean {
    const head = this.head!;
    if (!this.delimiter) {
      if (head.length < DETECT_BYTES) return false;
      this.bomEnd = checkText(head.bytes, DETECT_BYTES, this.opts.file);
      this.delimiter = detectDelimiter(head.bytes, this.bomEnd, DETECT_BYTES, false);
    }
    if (!this.headScanner) {
      // With the delimiter given, the text checks wait for finishHead, but the scan must
      // still start after a BOM (a quote right after it opens a quoted field).
      if (this.bomEnd < 0 && head.length < 3) return false;
      this.headScanner = new RecordScanner(this.delimiter.charCodeAt(0));
      this.headScanned = this.bomEnd < 0 ? bomLength(head.bytes, head.length) : this.bomEnd;
      this.headRecordStart = this.headScanned;
    }
    const need = this.opts.inferRecords + 1;
    const scanner = this.headScanner;
    for (;;) {
      const t = scanner.scan(head.bytes, this.headScanned, head.length);
      if (t < 0) {
        this.headScanned = head.length;
        return false;
      }
      if (t > this.headRecordStart) this.headRecords++; // a line end right after one is a blank line
      scanner.reset();
      this.headScanned = t + 1;
      this.headRecordStart = t + 1;
      if (this.headRecords >= need || (t + 1 >= HEAD_CAP_BYTES && this.headRecords >= 2)) {
        this.headLimit = t + 1;
        return true;
      }
    }
  }

  /** Infers the schema from the head, then parses the head's data records like any chunk. */
  private finishHead(final: boolean): void {
    const head = this.head!;
    this.head = undefined;
    const { file } = this.opts;
    const b = head.bytes;
    const end = head.length;
    if (this.bomEnd < 0) this.bomEnd = checkText(b, Math.min(end, DETECT_BYTES), file);
    const start = this.bomEnd;
    if (end - start === 0) throw new CsvError('empty-file', file, l10n.t('{0} is empty', file), { hint: l10n.t('choose a CSV file with a header and data rows') });
    // Without a delimiter yet, the whole input is shorter than DETECT_BYTES.
    this.delimiter ??= detectDelimiter(b, start, end, final);
    const delimiter = this.delimiter;
    const sampleEnd = final ? end : this.headLimit;
    const split = splitRecords(b, start, sampleEnd, delimiter, final, this.opts.inferRecords + 1, 1);
    const { records } = split;
    if (records.length === 0) {
      if (split.unterminatedRow !== undefined) throw unterminated(file, split.unterminatedRow);
      throw new CsvError('empty-file', file, l10n.t('{0} has only blank lines', file), { hint: l10n.t('choose a CSV file with a header and data rows') });
    }
    if (split.invalidUtf8Row !== undefined) {
      this.warnings.push(
        l10n.t('{0} is not valid UTF-8 (first at row {1}); such characters are shown as "\uFFFD"; save the file as UTF-8', file, formatRow(split.invalidUtf8Row)),
      );
    }
    const inferred = inferHead(records, delimiter, this.opts.header, this.warnings);
    this.schemaValue = inferred.schema;
    const planOnly = this.resume && 'planOnly' in this.resume ? this.resume : undefined;
    const requested = planOnly?.choose ? planOnly.choose(inferred.schema.columns) : this.opts.columns;
    const kept = chooseColumns(inferred, requested, file, inferred.dataRecords.length, this.warnings, this.opts.text);
    // Replay the head from the first data record: same code path, same row numbers.
    let from = start;
    this.row = 1;
    if (inferred.header) {
      from = inferred.header.next;
      this.row = inferred.header.row + 1;
      // A header ended by a CR at the end of the head: its LF may come next.
      if (!final && from === end && b[from - 1] === CR) this.skipLF = true;
    }
    if (planOnly) {
      // a CR ending the header with its LF next: the data start after that LF
      const dataStart = this.skipLF ? from + 1 : from;
      throw new PlanFound({ delimiter, schema: inferred.schema, kept, warnings: [...this.warnings], dataStart, firstRow: this.row });
    }
    this.startStream(delimiter, inferred.schema, kept);
    if (final) this.consume(b, from, end, true);
    else this.feed(b.subarray(from, end));
  }

  private startStream(delimiter: CsvDelimiter, schema: CsvSchema, kept: readonly number[]): void {
    this.d = delimiter.charCodeAt(0);
    this.ncols = schema.columns.length;
    this.keptOut = new Int32Array(this.ncols).fill(-1);
    kept.forEach((j, o) => {
      this.keptOut[j] = o;
    });
    this.keptNames = kept.map((j) => schema.columns[j].name);
    this.textLevels = this.keptNames.map((n) => (this.opts.text.includes(n) ? new Map<string, number>() : undefined));
    // a reader of one range after another reuses the same block arrays (./index.ts BlockBuffers)
    const pool = this.resume && 'plan' in this.resume ? this.resume.buffers : undefined;
    const rows = this.opts.blockRows;
    const take = (k: number) => {
      if (!pool) return new Float64Array(rows);
      const b = pool.arrays[k];
      return b && b.length === rows ? b : (pool.arrays[k] = new Float64Array(rows));
    };
    this.blockCols = kept.map((_, o) => take(o));
    if (this.opts.rowNumbers) this.blockRowNumbers = take(kept.length);
    this.carryScanner = new RecordScanner(this.d);
    // Text, dates and decimal commas are the reader's alone: every record would leave the lane.
    const plain = kept.every((j, o) => this.textLevels[o] === undefined && !schema.columns[j].date && !schema.columns[j].decimalComma);
    if (plain && rows >= MIN_LANE_ROWS) {
      const key = `${this.d} ${this.keptOut.join(' ')}`;
      if (pool?.lane?.key === key) this.lane = pool.lane.lane;
      else {
        this.lane = numberLane(this.ncols, this.keptOut, this.d);
        if (pool) pool.lane = { key, lane: this.lane };
      }
    }
  }

  /** Parses a chunk, completing the record carried from the previous one first. */
  private feed(b: Uint8Array): void {
    let pos = 0;
    const end = b.length;
    if (this.skipLF && end > 0) {
      if (b[0] === LF) pos = 1;
      this.skipLF = false;
    }
    const carry = this.carry;
    const scanner = this.carryScanner!;
    if (carry.length > 0) {
      const t = scanner.scan(b, pos, end);
      if (t < 0) {
        carry.append(b, pos, end);
        return;
      }
      carry.append(b, pos, t + 1);
      scanner.reset();
      this.consume(carry.bytes, 0, carry.length, false);
      carry.clear();
      pos = t + 1;
      if (this.skipLF && pos < end) {
        if (b[pos] === LF) pos++;
        this.skipLF = false;
      }
    }
    const next = this.consume(b, pos, end, false);
    if (next < end) {
      carry.append(b, next, end);
      scanner.reset();
      scanner.scan(carry.bytes, 0, carry.length);
    }
  }

  private emit(): void {
    const rowCount = this.blockFill;
    this.blockFill = 0;
    this.onBlock({ columns: this.blockCols, rowCount, firstRow: this.rowsEmitted, ...(this.blockRowNumbers ? { rows: this.blockRowNumbers } : {}) });
    this.rowsEmitted += rowCount;
  }

  /**
   * The hot loop: parses the complete records of `b[pos, end)` into the block buffers.
   * Unkept fields are only scanned; kept fields are parsed in place from the bytes.
   * @returns the offset of the first incomplete record (`end` when none, or when final).
   */
  private consume(b: Uint8Array, pos: number, end: number, final: boolean): number {
    const d = this.d;
    const ncols = this.ncols;
    const keptOut = this.keptOut;
    const cols = this.blockCols;
    const texts = this.textLevels;
    const blockRows = this.opts.blockRows;
    const q = this.quoted;
    const cursor = this.cursor;
    let row = this.row;
    let r = this.blockFill;
    let lane = this.lane;
    lane?.forget();
    while (pos < end) {
      if (lane !== null) {
        const cap = Math.min(lane.rows, blockRows - r);
        const n = lane.records(b, pos, end, cap);
        if (n > 0) {
          for (let o = 0; o < cols.length; o++) cols[o].set(lane.columns[o].subarray(0, n), r);
          const numbers = this.blockRowNumbers;
          if (numbers) for (let i = 0; i < n; i++) numbers[r + i] = row + i;
          r += n;
          row += n;
          this.rowsRead += n;
          this.laneRecords += n;
          pos = lane.stop;
          if (r === blockRows) {
            this.blockFill = r;
            this.emit();
            r = 0;
          }
          if (n === cap) continue;
          if (pos >= end) break;
        } else if (++this.laneMisses > 256 && 16 * this.laneMisses > this.laneRecords) {
          // a file whose records mostly leave the lane: the reader alone is faster
          lane = this.lane = null;
        }
        // the record at pos is not the lane's: the reader takes it below
      }
      let c = b[pos];
      if (c === LF || c === CR) {
        pos++;
        if (c === CR) {
          if (pos < end) {
            if (b[pos] === LF) pos++;
          } else if (!final) this.skipLF = true;
        }
        row++;
        continue;
      }
      const recStart = pos;
      let p = pos;
      let col = 0;
      this.missCol = -1;
      for (;;) {
        if (p < end && b[p] === QUOTE) {
          if (!scanQuoted(b, p, end, final, d, q)) {
            this.row = row;
            this.blockFill = r;
            return recStart;
          }
          if (q.close < 0) throw unterminated(this.opts.file, row);
          const o = col < ncols ? keptOut[col] : -1;
          if (o >= 0) {
            const levels = texts[o];
            if (levels !== undefined) {
              cols[o][r] = this.textCell(quotedText(b, p, q), levels, col, row);
            } else {
              let v = q.simple ? parseNumber(b, p + 1, q.close) : NaN;
              if (v - v !== 0) v = this.badCell(quotedText(b, p, q), col, row);
              cols[o][r] = v;
            }
          }
          p = q.end;
        } else {
          const s = p;
          const o = col < ncols ? keptOut[col] : -1;
          const levels = o >= 0 ? texts[o] : undefined;
          let v = 0;
          if (o >= 0 && levels === undefined) {
            // Parse while finding the field's end; only a stop at a delimiter or line
            // end means the whole field was the number.
            v = scanNumber(b, s, end, cursor);
            p = cursor.pos;
            if (p < end) {
              c = b[p];
              if (c !== d && c !== LF && c !== CR) v = NaN;
            }
          }
          while (p < end) {
            c = b[p];
            if (c === d || c === LF || c === CR) break;
            p++;
          }
          if (p === end && !final) {
            this.row = row;
            this.blockFill = r;
            return recStart;
          }
          if (levels !== undefined) {
            cols[o][r] = this.textCell(decodeText(b, s, p), levels, col, row);
          } else if (o >= 0) {
            if (v - v !== 0) {
              v = parseNumber(b, s, p); // spaces around the number
              if (v - v !== 0) v = this.badCell(decodeText(b, s, p), col, row);
            }
            cols[o][r] = v;
          }
        }
        col++;
        if (p < end && b[p] === d) {
          p++;
          continue;
        }
        break;
      }
      if (col === 1 && b[recStart] !== QUOTE && isBlankField(b, recStart, p)) {
        // A line of spaces: blank, like an empty line.
      } else {
        if (col !== ncols) throw this.ragged(row, col);
        this.rowsRead++;
        if (this.missCol >= 0 && !this.keepMissing(row)) this.dropRow(row);
        else {
          if (this.blockRowNumbers) this.blockRowNumbers[r] = row;
          if (++r === blockRows) {
            this.blockFill = r;
            this.emit();
            r = 0;
          }
        }
      }
      if (p < end) {
        c = b[p++];
        if (c === CR) {
          if (p < end) {
            if (b[p] === LF) p++;
          } else if (!final) this.skipLF = true;
        }
      }
      row++;
      pos = p;
    }
    this.row = row;
    this.blockFill = r;
    return end;
  }

  /**
   * A kept cell that did not parse as a finite number: missing (NaN, remembered for
   * the row) or an error.
   * @throws CsvError 'not-a-number'.
   */
  private badCell(text: string, col: number, row: number): number {
    const t = trimSpaces(text);
    let reason = missingReason(t);
    if (reason === undefined) {
      const v = parseNumberText(t);
      if (v - v === 0) return v; // e.g. `"1"2`: text after a closing quote, kept literally
      if (v === v) reason = 'not finite'; // overflow: 1e999
      else if (this.schemaValue!.columns[col].decimalComma) {
        const c = decimalCommaValue(t);
        if (c !== undefined) return c;
      } else if (this.schemaValue!.columns[col].date) {
        const date = this.schemaValue!.columns[col].date!;
        const c = decimalYear(t, date.format);
        if (c !== undefined) return c;
        const { file } = this.opts;
        const column = this.schemaValue!.columns[col].name;
        const label = DATE_FORMAT_LABEL[date.format];
        throw new CsvError(
          'not-a-number',
          file,
          l10n.t('{0}: row {1}, column {2}: {3} is not a date written as the others are ({4})', file, formatRow(row), showName(column), showValue(text), label),
          { row, column, value: text, hint: l10n.t('write it as {0}, or leave this column out', label) },
        );
      }
    }
    if (reason === undefined) {
      const { file } = this.opts;
      const column = this.schemaValue!.columns[col].name;
      const why = describeNotANumber(text, this.delimiter!);
      throw new CsvError(
        'not-a-number',
        file,
        l10n.t('{0}: row {1}, column {2}: {3} {4}', file, formatRow(row), showName(column), showValue(text), why.what),
        { row, column, value: text, hint: why.hint },
      );
    }
    if (this.missCol < 0) {
      this.missCol = col;
      this.missValue = text;
      this.missReason = reason;
    }
    return NaN;
  }

  /**
   * A kept text cell: its level code (a new level gets the next code), or NaN for a missing
   * value (remembered for the row, like a missing number).
   * @throws CsvError 'too-many-levels' past `maxLevels` distinct values.
   */
  private textCell(text: string, levels: Map<string, number>, col: number, row: number): number {
    const t = trimSpaces(text);
    const reason = missingReason(t);
    if (reason !== undefined) {
      if (this.missCol < 0) {
        this.missCol = col;
        this.missValue = text;
        this.missReason = reason;
      }
      return NaN;
    }
    const { file, maxLevels } = this.opts;
    return levelCode(levels, t, { file, column: this.schemaValue!.columns[col].name, row, maxLevels, make: (c, f, m, d) => new CsvError(c, f, m, d) });
  }

  /** With `missing: 'keep'`, counts the row (and remembers the first few) and keeps it. */
  private keepMissing(row: number): boolean {
    if (this.opts.missing !== 'keep') return false;
    this.rowsWithMissing++;
    if (this.dropped.length < MAX_DROPPED_REASONS) {
      this.dropped.push({ row, column: this.schemaValue!.columns[this.missCol].name, value: this.missValue, reason: this.missReason });
    }
    return true;
  }

  /** @throws CsvError 'missing-value' when missing values are errors. */
  private dropRow(row: number): void {
    const column = this.schemaValue!.columns[this.missCol].name;
    const value = this.missValue;
    const reason = this.missReason;
    if (this.opts.missing === 'error') {
      const { file } = this.opts;
      const message =
        reason === 'empty'
          ? l10n.t('{0}: row {1}, column {2} is empty', file, formatRow(row), showName(column))
          : reason === 'not finite'
            ? l10n.t('{0}: row {1}, column {2}: {3} is not a finite number', file, formatRow(row), showName(column), showValue(value))
            : l10n.t('{0}: row {1}, column {2}: {3} marks a missing value', file, formatRow(row), showName(column), showValue(value));
      throw new CsvError('missing-value', file, message, {
        row,
        column,
        value,
        hint: l10n.t('fill in the value, or let rows with missing values be dropped (missing: "drop")'),
      });
    }
    this.rowsDropped++;
    if (this.dropped.length < MAX_DROPPED_REASONS) this.dropped.push({ row, column, value, reason });
  }

  private ragged(row: number, fields: number): CsvError {
    const { file } = this.opts;
    const schema = this.schemaValue!;
    const at = formatRow(row);
    const n = String(this.ncols);
    const message =
      fields === 1
        ? schema.hasHeader
          ? l10n.t('{0}: row {1} has 1 field, but the header has {2}', file, at, n)
          : l10n.t('{0}: row {1} has 1 field, but the first row has {2}', file, at, n)
        : schema.hasHeader
          ? l10n.t('{0}: row {1} has {2} fields, but the header has {3}', file, at, String(fields), n)
          : l10n.t('{0}: row {1} has {2} fields, but the first row has {3}', file, at, String(fields), n);
    return new CsvError('ragged-row', file, message, {
      row,
      hint:
        fields > this.ncols
          ? l10n.t('a value may contain the delimiter {0}: put such values in double quotes', JSON.stringify(schema.delimiter))
          : l10n.t('a value may be missing: every row needs the same number of fields (an empty field is fine)'),
    });
  }
}

export function unterminated(file: string, row: number): CsvError {
  return new CsvError('unterminated-quote', file, l10n.t('{0}: row {1} opens a quote (") that is never closed', file, formatRow(row)), {
    row,
    hint: l10n.t('close the quote; a quote inside a quoted value is written twice ("")'),
  });
}
