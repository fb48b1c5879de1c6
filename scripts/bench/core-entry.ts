// What the benchmark tasks need from the core, bundled by scripts/bench/suite.mjs into one file.
export { readCsvFile, readCsvFileTable } from '../../src/node/csv-file';
export { readTableFile } from '../../src/node/table-file';
export { designSpec, designColumns } from '../../src/core/design-matrix';
export { packRows, meanLoss } from '../../src/core/linear-model';
export { trainSgd } from '../../src/core/sgd';
export { syntheticData, D2L_TRUE } from '../../src/core/synthetic';
export { createRng } from '../../src/core/random';
export { formatCsv } from '../../src/core/csv-write';
