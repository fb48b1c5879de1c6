// One measurement in a fresh process, for scripts/bench/suite.mjs: prints one JSON line.
//
//   node scripts/bench/task.mjs parse-ours|parse-papa|sgd-ours <csv> --core=<bundle.mjs>
//        [--target y] [--lr 0.03] [--batch-size 10] [--epochs 3] [--seed 0]
//
// parse-*: the file → numbers, every value touched (a checksum), MB/s over the whole read.
// sgd-ours: the CSV is read first (not timed), then the core's trainSgd is timed end to end,
//           its per-epoch full-data loss included (the d2l anchor leaves that out of its time);
//           updateExamplesPerSecond leaves it out too (the loss passes timed separately).
import { createReadStream, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    core: { type: 'string' },
    target: { type: 'string', default: 'y' },
    lr: { type: 'string', default: '0.03' },
    'batch-size': { type: 'string', default: '10' },
    epochs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
  },
});
const [kind, file] = positionals;
const core = await import(pathToFileURL(values.core).href);
const now = () => Number(process.hrtime.bigint()) / 1e9;
const out = (o) => console.log(JSON.stringify(o));

if (kind === 'parse-ours') {
  const bytes = statSync(file).size;
  let checksum = 0;
  let rows = 0;
  const t0 = now();
  await core.readCsvFile(file, {}, (block) => {
    for (const c of block.columns) for (let i = 0; i < block.rowCount; i++) checksum += c[i];
    rows += block.rowCount;
  });
  const seconds = now() - t0;
  out({ tool: 'Gauss Lab readCsvFile', seconds, mbPerSecond: bytes / 1e6 / seconds, rows, checksum });
} else if (kind === 'parse-papa') {
  const { default: Papa } = await import('papaparse');
  const bytes = statSync(file).size;
  let checksum = 0;
  let rows = 0;
  const t0 = now();
  await new Promise((resolve, reject) =>
    Papa.parse(createReadStream(file, { highWaterMark: 1 << 20 }), {
      header: false,
      dynamicTyping: true,
      skipEmptyLines: true,
      chunk: (r) => {
        for (const row of r.data) {
          if (typeof row[0] !== 'number') continue;
          for (const v of row) checksum += v;
          rows++;
        }
      },
      complete: resolve,
      error: reject,
    }),
  );
  const seconds = now() - t0;
  out({ tool: 'papaparse streaming (dynamicTyping)', seconds, mbPerSecond: bytes / 1e6 / seconds, rows, checksum });
} else if (kind === 'sgd-ours') {
  const t0 = now();
  const { table } = await core.readCsvFileTable(file);
  const names = table.names.filter((n) => n !== values.target);
  const spec = core.designSpec(table.names, { target: values.target, features: names, intercept: true });
  const examples = core.packRows(core.designColumns(table, spec), table.columns[spec.target]);
  const loadSeconds = now() - t0;
  const epochs = Number(values.epochs);
  const t1 = now();
  const r = core.trainSgd(examples, {
    learningRate: Number(values.lr),
    batchSize: Number(values['batch-size']),
    epochs,
    seed: Number(values.seed),
    loss: 'squared',
    schedule: { kind: 'constant' },
    weightDecay: 0,
    intercept: true,
  });
  const trainSeconds = now() - t1;
  const n = table.rowCount;
  // trainSgd computes the mean loss over all rows at the start and after each epoch (the curve
  // the playground draws); the anchors' timings leave that out. Timed here with the same
  // function on the same rows, to report the updates alone as well.
  const t2 = now();
  for (let e = 0; e <= epochs; e++) core.meanLoss(examples, r.w, r.b, 'squared');
  const evalSeconds = now() - t2;
  out({
    tool: 'Gauss Lab trainSgd',
    examples: epochs * n,
    trainSeconds,
    examplesPerSecond: (epochs * n) / trainSeconds,
    evalSeconds,
    updateExamplesPerSecond: (epochs * n) / Math.max(1e-9, trainSeconds - evalSeconds),
    finalLoss: r.trainLoss[r.trainLoss.length - 1],
    lossPerEpoch: r.trainLoss,
    w: [...r.w],
    b: r.b,
    diverged: r.diverged !== null,
    loadSeconds,
    rows: n,
  });
} else {
  console.error(`unknown task "${kind}"`);
  process.exit(2);
}
