// Where the test data live: inside the repository, so a fresh clone with nothing beside it runs
// every test (the NIST StRD files were copied in from the reference data they came with).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
/** NIST Statistical Reference Datasets, linear least squares (public domain; see its README). */
export const nistDir = join(fixturesDir, 'nist-strd');
