// One measurement in a fresh process, for scripts/bench/suite.mjs: prints one JSON line.
//
//   node scripts/bench/task.mjs parse-ours|parse-papa|sgd-ours <csv> --core=<bundle.mjs>
//        [--target y] [--lr 0.03] [--batch-size 10] [--epochs 3] [--seed 0]
//   node scripts/bench/task.mjs read-ours <csv|parquet|jsonl> --core=<bundle.mjs>
//   node scripts/bench/task.mjs read-hyparquet <parquet>
//   node scripts/bench/task.mjs read-duckdb <csv|parquet> --duckdb=<dir> --threads=1|all
//
// parse-*: the file → numbers, every value touched (a checksum), MB/s over the whole read.
// sgd-ours: the CSV is read first (not timed), then the core's trainSgd is timed end to end,
//           its per-epoch full-data loss included (the d2l anchor leaves that out of its time);
//           updateExamplesPerSecond leaves it out too (the loss passes timed separately).
// read-ours: any table format through readTableFile (the CLI's reader), every value to a number,
//            summed per column in row order, with the JS heap and ArrayBuffers at block ends;
// read-hyparquet: hyparquet alone, called as our reader calls it (a parquetRead per row group),
//            the values summed where they lie: the floor under read-ours on Parquet;
// read-duckdb: DuckDB's read_parquet / read_csv, the same sums in SQL (@duckdb/node-api
//            installed in <dir>, see parquet-read.mjs).
import { createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
    duckdb: { type: 'string' },
    threads: { type: 'string', default: '1' },
  },
});
const [kind, file] = positionals;
const core = values.core ? await import(pathToFileURL(values.core).href) : undefined;
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
} else if (kind === 'read-ours') {
  const bytes = statSync(file).size;
  const sums = [];
  let rows = 0;
  let heapMiB = 0;
  let arrayBuffersMiB = 0;
  const t0 = now();
  const summary = await core.readTableFile(file, {}, (block) => {
    for (let k = 0; k < block.columns.length; k++) {
      const c = block.columns[k];
      let s = sums[k] ?? 0;
      for (let i = 0; i < block.rowCount; i++) s += c[i];
      sums[k] = s;
    }
    rows += block.rowCount;
    const m = process.memoryUsage();
    heapMiB = Math.max(heapMiB, m.heapUsed / 2 ** 20);
    arrayBuffersMiB = Math.max(arrayBuffersMiB, m.arrayBuffers / 2 ** 20);
  });
  const seconds = now() - t0;
  out({ tool: `Gauss Lab readTableFile (${summary.format})`, seconds, mbPerSecond: bytes / 1e6 / seconds, rowsPerSecond: rows / seconds, rows, columns: summary.kept, sums, heapMiB, arrayBuffersMiB });
} else if (kind === 'read-hyparquet') {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead } = await import('hyparquet');
  const bytes = statSync(file).size;
  const t0 = now();
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const columns = metadata.schema.slice(1).map((e) => e.name);
  const sums = columns.map(() => 0);
  let rows = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    await parquetRead({
      file: buffer,
      metadata,
      rowStart: rows,
      rowEnd: rows + n,
      onChunk: ({ columnName, columnData }) => {
        const k = columns.indexOf(columnName);
        let s = sums[k];
        for (let i = 0; i < columnData.length; i++) s += columnData[i];
        sums[k] = s;
      },
    });
    rows += n;
  }
  const seconds = now() - t0;
  out({ tool: 'hyparquet parquetRead', seconds, mbPerSecond: bytes / 1e6 / seconds, rowsPerSecond: rows / seconds, rows, columns, sums });
} else if (kind === 'read-duckdb') {
  const require = createRequire(join(values.duckdb, 'package.json'));
  const { DuckDBInstance } = await import(pathToFileURL(require.resolve('@duckdb/node-api')).href);
  const instance = await DuckDBInstance.create(':memory:', values.threads === 'all' ? {} : { threads: values.threads });
  const db = await instance.connect();
  const rowsOf = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJS();
  const [{ version, threads }] = await rowsOf(`SELECT version() AS version, current_setting('threads') AS threads`);
  const fn = file.endsWith('.parquet') ? 'read_parquet' : 'read_csv';
  const bytes = statSync(file).size;
  const t0 = now();
  const reader = await db.runAndReadAll(`SELECT count(*) AS n, sum(COLUMNS(*)) FROM ${fn}('${file.replace(/'/g, "''")}')`);
  const seconds = now() - t0;
  const [row] = reader.getRowsJS();
  const rows = Number(row[0]);
  out({ tool: `DuckDB ${fn}`, version, threads: Number(threads), seconds, mbPerSecond: bytes / 1e6 / seconds, rowsPerSecond: rows / seconds, rows, columns: reader.columnNames().slice(1), sums: row.slice(1).map(Number) });
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
