/**
 * A worker thread of the parallel passes (dist/fit-worker.js): reads the ranges of a CSV file it
 * is sent and answers each with the range's counts and its kernel's result — sums or rows
 * (src/node/parallel-passes.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDisplayLanguage, useDisplayLanguage } from '../core/display-language';
import { rangeBuffers } from '../node/csv-ranges';
import { runRange, transferables, type PassSetup, type RangeJob } from '../node/parallel-passes';

const port = parentPort;
if (!port) throw new Error('fit-worker must run in a worker thread');
// a range's errors read in the language of the thread that started this one
const language = parseDisplayLanguage((workerData as { language?: unknown } | null)?.language);
if (language) useDisplayLanguage(language);
/** The pass under way: set before its jobs arrive. */
let setup: PassSetup | undefined;
/** Reused by every range this worker reads (it reads one at a time). */
const buffers = rangeBuffers();

port.on('message', (m: { setup: PassSetup } | { job: RangeJob; size: number }) => {
  if ('setup' in m) {
    setup = m.setup;
    return;
  }
  if (!setup) {
    port.postMessage({ error: 'a range arrived before its pass' });
    return;
  }
  runRange(setup, m.job, m.size, buffers).then(
    (done) => port.postMessage(done, transferables(done)),
    (e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
