// dist/sample-data.js: the sample datasets' CSV text (the seeded generators pull in @stdlib's
// random number generators, ~120 KB minified, which activation does not need).
export { useDisplayLanguage } from '../../core/display-language';
import { formatCsv } from '../../core/csv-write';
import { createRng } from '../../core/random';
import { D2L_TRUE, housePrices, laplaceData, syntheticData } from '../../core/synthetic';

/** The CSV text of a sample dataset (seed 0: the same file every time). */
export function sampleCsv(kind: 'd2l' | 'houses' | 'laplace'): string {
  const table =
    kind === 'd2l' ? syntheticData(D2L_TRUE.w, D2L_TRUE.b, 1000, D2L_TRUE.noise, createRng(0)) : kind === 'laplace' ? laplaceData(1000, createRng(0)) : housePrices(500, createRng(0));
  return formatCsv(table);
}
