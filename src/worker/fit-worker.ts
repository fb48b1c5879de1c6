/**
 * A worker thread of the parallel passes (dist/fit-worker.js): reads the ranges of a CSV file it
 * is sent and answers each with the range's counts and its kernel's result — sums or rows
 * (src/node/parallel-passes.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDisplayLanguage, useDisplayLanguage } from '../core/display-language';
import { rangeBuffers } from '../node/csv-ranges';
import type { RefineState } from '../core/least-squares-refine';
import { LateTemplate, runRange, type PassSetup, type RangeJob } from '../node/parallel-passes';

const port = parentPort;
if (!port) throw new Error('fit-worker must run in a worker thread');
// a range's errors read in the language of the thread that started this one
const language = parseDisplayLanguage((workerData as { language?: unknown } | null)?.language);
if (language) useDisplayLanguage(language);
/** The pass under way: set before its jobs arrive. */
let setup: PassSetup | undefined;
/** Its template, when the pass began before it was known. */
let late: LateTemplate | undefined;
/** Reused by every range this worker reads (it reads one at a time). */
const buffers = rangeBuffers();

port.on('message', (m: { setup: PassSetup } | { template: RefineState } | { job: RangeJob; size: number }) => {
  if ('setup' in m) {
    setup = m.setup;
    late = setup.kernel.kind === 'refine' && setup.kernel.template === 'later' ? new LateTemplate() : undefined;
    return;
  }
  if ('template' in m) {
    late?.set(m.template);
    return;
  }
  if (!setup) {
    port.postMessage({ error: 'a range arrived before its pass' });
    return;
  }
  runRange(setup, m.job, m.size, buffers, late).then(
    // Copied, never transferred: a transfer detaches the buffers here, and the first detached
    // ArrayBuffer makes V8 drop every optimised function of this thread that reads typed arrays
    // and compile it again with a detach check on each access. Measured on the 2-core machine
    // (1M × 20 file, 8 MiB ranges): 80 ms per range after the first transfer, 67 ms without (as
    // on the main thread); the copy is a few kB of sums, or a range's rows (~5 MB, ~1 ms).
    (done) => port.postMessage(done),
    (e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
