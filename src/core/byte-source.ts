/**
 * The bytes of a data file, wherever they live: on disk (src/node/file-source.ts streams them),
 * or in memory (on the web, where VS Code's file system hands the extension a whole file). The
 * format readers (./formats/) read through this and nothing else, so the same reader runs in the
 * CLI, in the desktop worker thread and in a browser's Web Worker.
 */

export interface ByteSource {
  /** The file's name for messages ("houses.csv"). */
  readonly name: string;
  /** Its size in bytes. @throws DataError when it cannot be read. */
  size(): Promise<number>;
  /** Bytes [start, end), fewer at the end of the file. @throws DataError when it cannot be read. */
  slice(start: number, end: number): Promise<Uint8Array>;
  /**
   * The whole file into `push`, in order, in chunks (bounded memory for a file on disk).
   * Errors thrown by `push` pass through unchanged.
   * @throws DataError for the file: unreadable, or changed while it was read.
   */
  stream(push: (chunk: Uint8Array) => void): Promise<void>;
}

/** Chunks a memory source streams in: the size the disk source reads. */
const CHUNK_BYTES = 1 << 20;

/** A file already in memory as a source (the web; tests). */
export function memorySource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: async () => bytes.length,
    slice: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.length, end)),
    stream: async (push) => {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) push(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)));
    },
  };
}

/** The first `bytes` bytes of the source (all of a shorter one). */
export async function headOf(source: ByteSource, bytes: number): Promise<Uint8Array> {
  return source.slice(0, Math.min(bytes, await source.size()));
}

/** Lines in `bytes` (a last line without its newline counts). */
export function countLines(bytes: Uint8Array, complete: boolean): number {
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  if (complete && bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  return lines;
}
