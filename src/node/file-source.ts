/**
 * A data file on disk as the format readers' byte source (core/byte-source.ts): file-system
 * errors in the user's terms, and a whole-file stream that notices a file deleted or rewritten
 * while it was read.
 */
import * as l10n from '@vscode/l10n';
import { createReadStream, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ByteSource } from '../core/byte-source';
import { DataError, newDataError } from '../core/data';
import type { MakeError } from '../core/table-formats';

const CHUNK_BYTES = 1 << 20;


/** A file-system error in the user's terms, naming the file and what it should be (`format`: "a CSV file"). */
export function fileError(error: unknown, path: string, file: string, format: string, make: MakeError = newDataError): DataError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return make('file-not-found', file, l10n.t('{0}: no such file ({1})', file, path), { hint: l10n.t('check the path, or choose another file') });
    case 'EISDIR':
      return make('read-failed', file, l10n.t('{0} is a folder, not {1} ({2})', file, format, path), { hint: l10n.t('choose {0}', format) });
    case 'EACCES':
    case 'EPERM':
      return make('read-failed', file, l10n.t('{0} cannot be read: permission denied ({1})', file, path), { hint: l10n.t('check the file permissions') });
    default:
      return make('read-failed', file, l10n.t('{0} cannot be read: {1}', file, (error as Error)?.message ?? String(error)), {
        hint: l10n.t('check that the file is readable, then try again'),
      });
  }
}

function changed(file: string, deleted: boolean, make: MakeError): DataError {
  const message = deleted ? l10n.t('{0} was deleted while it was being read', file) : l10n.t('{0} changed while it was being read', file);
  return make('file-changed', file, message, {
    hint: l10n.t('wait until the program writing it has finished, then try again'),
  });
}

/**
 * A data file on disk as a {@link ByteSource}: streamed in chunks of 1 MiB (bounded memory
 * whatever its size), read in slices for the formats that seek (Parquet). `format` names the
 * file in messages ("a CSV file"); `make` makes the format's error.
 */
export function fileSource(path: string, file: string, format: string, make: MakeError = newDataError): ByteSource {
  let size: Promise<number> | undefined;
  const statFile = async () => {
    let s;
    try {
      s = await stat(path);
    } catch (e) {
      throw fileError(e, path, file, format, make);
    }
    if (s.isDirectory()) throw fileError({ code: 'EISDIR' }, path, file, format, make);
    return s;
  };
  return {
    name: file,
    size: () => (size ??= statFile().then((s) => s.size)),
    slice: async (start, end) => {
      let fh;
      try {
        fh = await open(path, 'r');
      } catch (e) {
        throw fileError(e, path, file, format, make);
      }
      try {
        const buf = new Uint8Array(Math.max(0, end - start));
        let got = 0;
        while (got < buf.length) {
          const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return buf.subarray(0, got);
      } catch (e) {
        throw fileError(e, path, file, format, make);
      } finally {
        await fh.close();
      }
    },
    stream: (push) => streamFile(path, file, format, push, make, statFile),
  };
}

/**
 * Streams the whole file into `push` in chunks of 1 MiB: bounded memory whatever its size.
 * Errors thrown by `push` (bad data, the caller's own) pass through unchanged.
 * @throws DataError for the file system: 'file-not-found', 'read-failed', 'file-changed'.
 */
async function streamFile(path: string, file: string, format: string, push: (chunk: Uint8Array) => void, make: MakeError, statFile: () => Promise<Stats>): Promise<void> {
  const before = await statFile();
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  let pushing = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      pushing = true;
      push(chunk);
      pushing = false;
    }
  } catch (e) {
    if (pushing) throw e;
    throw fileError(e, path, file, format, make);
  } finally {
    stream.destroy();
  }
  if (before.isFile()) {
    // The descriptor stays readable after a delete or a rewrite: compare what we read.
    let after;
    try {
      after = await stat(path);
    } catch {
      throw changed(file, true, make);
    }
    if (after.size !== before.size || bytes !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) {
      throw changed(file, false, make);
    }
  }
}
