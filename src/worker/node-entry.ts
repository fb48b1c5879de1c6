/**
 * The playground worker on the desktop: a Node worker thread (dist/playground-worker.js). Files are
 * streamed from disk; predictions are written straight to a new file, never replacing one.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { memorySource } from '../core/byte-source';
import { csvFormat } from '../core/formats/csv';
import { formatOf } from '../core/table-formats';
import { RANGE_BYTES } from '../node/csv-ranges';
import { fileSource } from '../node/file-source';
import { defaultThreads, NeedsOrderedRead } from '../node/parallel-passes';
import { parallelReadCsv } from '../node/parallel-read';
import { startPlaygroundWorker } from './playground-compute';

const port = parentPort;
if (!port) throw new Error('playground-worker must run in a worker thread');

/** Lines per write: one syscall per ~1 MB of predictions. */
const LINES_PER_WRITE = 20000;

startPlaygroundWorker({
  send: (m) => port.postMessage(m),
  listen: (handler) => port.on('message', handler),
  source: (file, name, format) => ('path' in file ? fileSource(file.path, name, format.noun, format.makeError) : memorySource(name, file.bytes)),
  writeNewFile: (path, lines) => {
    const fd = openSync(path, 'wx'); // never overwrites
    try {
      const batch: string[] = [];
      const flush = () => {
        if (batch.length) writeSync(fd, batch.join('\n') + '\n');
        batch.length = 0;
      };
      for (const line of lines) {
        batch.push(line);
        if (batch.length >= LINES_PER_WRITE) flush();
      }
      flush();
    } finally {
      closeSync(fd);
    }
  },
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  yieldTurn: () => new Promise<void>((r) => setImmediate(r)),
  // a CSV file larger than one range, on every thread asked for (dist/fit-worker.js beside this bundle)
  readTable: async (file, options, threads, progress, cancelled) => {
    if (!('path' in file) || formatOf(options.fileName ?? file.path) !== csvFormat) return undefined;
    const size = await stat(file.path).then((s) => s.size, () => 0);
    if (size <= RANGE_BYTES) return undefined;
    try {
      return await parallelReadCsv(file.path, options, { threads: threads === 0 ? defaultThreads() : threads, onProgress: progress, cancelled });
    } catch (e) {
      if (e instanceof NeedsOrderedRead) return undefined;
      throw e;
    }
  },
});
