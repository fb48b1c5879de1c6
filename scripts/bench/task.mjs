// One measurement in a fresh process, for scripts/bench/suite.mjs: prints one JSON line.
//
//   node scripts/bench/task.mjs parse-ours|parse-papa|sgd-ours <csv> --core=<bundle.mjs>
//        [--target y] [--lr 0.03] [--batch-size 10] [--epochs 3] [--seed 0]
//   node scripts/bench/task.mjs read-ours <csv|parquet|jsonl> --core=<bundle.mjs>
//   node scripts/bench/task.mjs read-hyparquet <parquet>
//   node scripts/bench/task.mjs read-duckdb <csv|parquet> --duckdb=<dir> --threads=1|all
//   node scripts/bench/task.mjs gram-duckdb <csv> --duckdb=<dir> --threads=1|all [--target y]
//   node scripts/bench/task.mjs read-polars|gram-polars <csv> --polars=<dir> [--target y]
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
//            installed in <dir>, see npm-anchors.mjs).
// gram-duckdb, gram-polars: the closed-form fit's sufficient statistics by the engine, every sum
//            of products of the design columns [1, x1..xd, y] (count(*), sum(x1), sum(x1*x1),
//            sum(x1*x2) … sum(y*y): the Gram matrix), then the normal equations solved here
//            (Cholesky) for the coefficients, to check them against ours (scripts/bench/engines.mjs).
// read-polars: nodejs-polars readCSV (eager, every column parsed), then a sum per column. Polars'
//            threads: POLARS_MAX_THREADS in the environment.
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
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
    polars: { type: 'string' },
    threads: { type: 'string', default: '1' },
  },
});
const [kind, file] = positionals;
const core = values.core ? await import(pathToFileURL(values.core).href) : undefined;
const now = () => Number(process.hrtime.bigint()) / 1e9;
const out = (o) => console.log(JSON.stringify(o));
/** A package installed in an anchor's cache folder (npm-anchors.mjs), imported from there. */
const anchorModule = async (dir, name) => import(pathToFileURL(createRequire(join(dir, 'package.json')).resolve(name)).href);

/** The CSV's column names, from its first line (the bench's files: plain numeric columns). */
function headerNames(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 16);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.toString('utf8', 0, n).split(/\r?\n/)[0].split(',');
}

/**
 * The Gram matrix's entries of the design [1, columns…], upper triangle row by row: [i, j] with
 * 0 the constant and k ≥ 1 the column names[k − 1]; (0, 0) is the row count.
 */
function gramPairs(names) {
  const pairs = [];
  for (let i = 0; i <= names.length; i++) for (let j = i; j <= names.length; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * The least-squares coefficients of `target` on [1, the other columns] from the Gram entries
 * (values in gramPairs' order), by the normal equations (Cholesky): `{ intercept, coef, features }`.
 * @throws Error when the Gram matrix of the design is not positive definite.
 */
function solveNormalEquations(names, target, values) {
  const m = names.length + 1;
  const G = Array.from({ length: m }, () => new Float64Array(m));
  gramPairs(names).forEach(([i, j], k) => {
    G[i][j] = Number(values[k]);
    G[j][i] = Number(values[k]);
  });
  const t = names.indexOf(target) + 1;
  const design = [0, ...names.map((_, k) => k + 1).filter((k) => k !== t)];
  const p = design.length;
  const L = design.map((i) => Float64Array.from(design, (j) => G[i][j]));
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) L[j][j] -= L[j][k] * L[j][k];
    if (!(L[j][j] > 0)) throw new Error(`the design's Gram matrix is not positive definite (column ${j})`);
    L[j][j] = Math.sqrt(L[j][j]);
    for (let i = j + 1; i < p; i++) {
      for (let k = 0; k < j; k++) L[i][j] -= L[i][k] * L[j][k];
      L[i][j] /= L[j][j];
    }
  }
  const z = design.map((i) => G[i][t]);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) z[i] -= L[i][k] * z[k];
    z[i] /= L[i][i];
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) z[i] -= L[k][i] * z[k];
    z[i] /= L[i][i];
  }
  return { intercept: z[0], coef: z.slice(1), features: design.slice(1).map((k) => names[k - 1]) };
}

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
  const { DuckDBInstance } = await anchorModule(values.duckdb, '@duckdb/node-api');
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
} else if (kind === 'gram-duckdb') {
  const t0 = now();
  const { DuckDBInstance } = await anchorModule(values.duckdb, '@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', values.threads === 'all' ? {} : { threads: values.threads });
  const db = await instance.connect();
  const [[version, threads]] = (await db.runAndReadAll(`SELECT version(), current_setting('threads')`)).getRowsJS();
  const names = headerNames(file);
  const q = (k) => `"${names[k - 1].replace(/"/g, '""')}"`;
  const sums = gramPairs(names).map(([i, j]) => (i === 0 ? (j === 0 ? 'count(*)' : `sum(${q(j)})`) : `sum(${q(i)} * ${q(j)})`));
  const t1 = now();
  const reader = await db.runAndReadAll(`SELECT ${sums.join(', ')} FROM read_csv('${file.replace(/'/g, "''")}')`);
  const [row] = reader.getRowsJS();
  const t2 = now();
  const fit = solveNormalEquations(names, values.target, row);
  out({ tool: 'DuckDB read_csv + SQL sums', version, threads: Number(threads), sums: sums.length, loadSeconds: t1 - t0, seconds: t2 - t1, solveSeconds: now() - t2, rows: Number(row[0]), ...fit });
} else if (kind === 'read-polars' || kind === 'gram-polars') {
  const t0 = now();
  const { default: pl } = await anchorModule(values.polars, 'nodejs-polars');
  const t1 = now();
  const df = pl.readCSV(file);
  const t2 = now();
  const common = { version: JSON.parse(readFileSync(createRequire(join(values.polars, 'package.json')).resolve('nodejs-polars/package.json'), 'utf8')).version, threads: process.env.POLARS_MAX_THREADS ?? 'default', loadSeconds: t1 - t0, readSeconds: t2 - t1, rows: df.height };
  if (kind === 'read-polars') {
    const sums = df.sum().row(0);
    out({ tool: 'polars readCSV + sum', ...common, seconds: now() - t1, columns: df.columns, sums });
  } else {
    const names = df.columns;
    const col = (k) => pl.col(names[k - 1]);
    const exprs = gramPairs(names).map(([i, j], k) => (i === 0 ? (j === 0 ? pl.len() : col(j).sum()) : col(i).mul(col(j)).sum()).alias(`g${k}`));
    const row = df.select(...exprs).row(0);
    const t3 = now();
    const fit = solveNormalEquations(names, values.target, row);
    out({ tool: 'polars readCSV + Gram expressions', ...common, gramSeconds: t3 - t2, seconds: t3 - t1, solveSeconds: now() - t3, sums: exprs.length, ...fit });
  }
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
