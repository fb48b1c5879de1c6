/**
 * The CSV reader's fast lane: records whose kept fields are plain decimal numbers
 * (`[-]digits[.digits]`, at most 16 bytes after the sign, the digits an integer ≤ 2^53: Clinger's
 * fast path), parsed in WebAssembly SIMD (number-lane.wat) from a copy of the bytes into staging
 * columns. The reader
 * (stream.ts) takes every other record itself, with all its checks and messages, and the lane
 * stops at the first record it does not take; the values are the same bits as the reader's own
 * (both are the correctly rounded double of the text; unit-tested against it).
 *
 * Why: the JavaScript reader parses ~200–240 MB/s per thread on the benchmark file (1M × 10, 144
 * MB, 10 significant digits); the lane 440–450 MB/s (copies and all, the same machine and
 * minute). The parse was ~60% of the fit of a large file.
 *
 * Where WebAssembly is missing or forbidden (a content security policy without
 * wasm-unsafe-eval), there is no lane, and the reader reads every record itself.
 */
import { wasmModule } from '../wasm-module';
import { NUMBER_LANE_WASM } from './number-lane-wasm';

/** Bytes copied into the lane's memory at a time: small enough to stay in the cache with their index. */
const WINDOW = 128 * 1024;
/** The staging columns' bytes, all columns together. */
const STAGING = 512 * 1024;
const MAX_ROWS = 8192;

interface LaneExports {
  index(len: number, delim: number, idx: number, state: number): number;
  records(pos: number, end: number, ncols: number, delim: number, count: number, cap: number, kept: number, pow: number, state: number, idx: number): number;
}

/**
 * A lane for records of `ncols` fields, field j going to output column keptOut[j] (−1: not kept),
 * or null where WebAssembly is not available. Its memory is never grown (growing detaches the
 * buffer, and V8 then recompiles the thread's typed-array code with a check per access).
 */
export function numberLane(ncols: number, keptOut: Int32Array, delimiter: number): NumberLane | null {
  const module = wasmModule(NUMBER_LANE_WASM);
  if (!module) return null;
  const keptCount = keptOut.reduce((n, o) => (o >= 0 ? n + 1 : n), 0);
  if (keptCount === 0) return null;
  const rows = Math.max(64, Math.min(MAX_ROWS, Math.floor(STAGING / (8 * keptCount))));
  const kept = WINDOW;
  const pow = kept + 8 * Math.ceil((4 * ncols) / 8);
  const state = pow + 8 * 23;
  // the index: at most one separator per byte, and the window's length after them
  const idx = state + 16;
  const out = idx + 4 * (WINDOW + 1) + 4;
  const bytes = out + 8 * rows * keptCount;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as LaneExports;
    return new NumberLane(memory.buffer, exports, { ncols, delimiter, rows, kept, pow, state, idx, out }, keptOut, keptCount);
  } catch {
    return null; // no memory for it
  }
}

interface Layout {
  readonly ncols: number;
  readonly delimiter: number;
  readonly rows: number;
  readonly kept: number;
  readonly pow: number;
  readonly state: number;
  readonly idx: number;
  readonly out: number;
}

export class NumberLane {
  /** The values of the records the last call took, by output column, from index 0. */
  readonly columns: readonly Float64Array[];
  /** The most records one call takes. */
  readonly rows: number;
  /** Where the last call stopped, in the caller's bytes: the start of a record it did not take (or the end). */
  stop = 0;
  private readonly window: Uint8Array;
  private readonly state: Int32Array;
  private source: Uint8Array | null = null;
  private from = 0;
  private to = 0;

  constructor(
    buffer: ArrayBuffer,
    private readonly lane: LaneExports,
    private readonly at: Layout,
    keptOut: Int32Array,
    keptCount: number,
  ) {
    this.rows = at.rows;
    this.window = new Uint8Array(buffer, 0, WINDOW);
    this.state = new Int32Array(buffer, at.state, 3);
    const table = new Int32Array(buffer, at.kept, at.ncols);
    for (let j = 0; j < at.ncols; j++) table[j] = keptOut[j] >= 0 ? at.out + 8 * at.rows * keptOut[j] : -1;
    const pow = new Float64Array(buffer, at.pow, 23);
    for (let e = 0; e <= 22; e++) pow[e] = 10 ** e; // exact: 5^22 < 2^53
    this.columns = Array.from({ length: keptCount }, (_, o) => new Float64Array(buffer, at.out + 8 * at.rows * o, at.rows));
  }

  /** Forgets the copied bytes: call when the caller's buffer may hold other bytes than at the last call. */
  forget(): void {
    this.source = null;
  }

  /**
   * Takes records from b[pos, end) (pos at a record start) until `cap` (≤ rows) of them, or the
   * first record it does not take; their values land in `columns`, and `stop` is where it stopped.
   * @returns how many records it took.
   */
  records(b: Uint8Array, pos: number, end: number, cap: number): number {
    const at = this.at;
    let count = 0;
    for (;;) {
      if (this.source !== b || pos < this.from || pos >= this.to) {
        const to = Math.min(end, pos + WINDOW);
        this.window.set(b.subarray(pos, to));
        this.lane.index(to - pos, at.delimiter, at.idx, at.state);
        this.source = b;
        this.from = pos;
        this.to = to;
      }
      count = this.lane.records(pos - this.from, this.to - this.from, at.ncols, at.delimiter, count, cap, at.kept, at.pow, at.state, at.idx);
      pos = this.from + this.state[0];
      if (count === cap || this.to >= end) break;
      // a record the window's end cut: the next window starts with it (unless it is longer than a window)
      if (this.state[2] === 1 && pos > this.from) this.source = null;
      else if (pos < this.to) break;
    }
    this.stop = pos;
    return count;
  }
}
