/**
 * A house-price file shaped like Kaggle's "House Prices" data that d2l's next chapter
 * (kaggle-house-price) works on, for the CLI guide's recipe (docs/cli.md) and the tests: an Id, a coded
 * building class (MSSubClass, numbers that are categories), text categories with gaps
 * (MSZoning, Neighborhood), a Y/N column (CentralAir), numeric columns with gaps
 * (LotFrontage ~17%, GarageArea ~5%), years, a sale date, and the price. The real file
 * cannot be shipped (Kaggle's terms); this one is synthetic, with a known structure:
 * log price is linear in the features, plus neighbourhood and zoning effects.
 */
import type { Rng } from './random';

const NEIGHBORHOODS = [
  'Blmngtn', 'Blueste', 'BrDale', 'BrkSide', 'ClearCr', 'CollgCr', 'Crawfor', 'Edwards', 'Gilbert', 'IDOTRR', 'MeadowV', 'Mitchel', 'NAmes',
  'NPkVill', 'NWAmes', 'NoRidge', 'NridgHt', 'OldTown', 'SWISU', 'Sawyer', 'SawyerW', 'Somerst', 'StoneBr', 'Timber', 'Veenker',
];
const ZONES = ['RL', 'RM', 'FV', 'RH', 'C (all)'];
const ZONE_WEIGHTS = [0.78, 0.15, 0.04, 0.02, 0.01];
const CLASSES = [20, 30, 40, 45, 50, 60, 70, 75, 80, 85, 90, 120, 150, 160, 180, 190];

/** The file's header, in order. */
export const KAGGLE_HOUSE_COLUMNS = [
  'Id', 'MSSubClass', 'MSZoning', 'LotFrontage', 'LotArea', 'Neighborhood', 'CentralAir', 'YearBuilt', 'GrLivArea', 'GarageArea', 'SaleDate', 'SalePrice',
] as const;

function pick<T>(values: readonly T[], rng: Rng, weights?: readonly number[]): T {
  let u = rng.uniform();
  if (!weights) return values[Math.floor(u * values.length)];
  for (let i = 0; i < values.length; i++) {
    if (u < weights[i]) return values[i];
    u -= weights[i];
  }
  return values[values.length - 1];
}

/**
 * The CSV text of n houses.
 * @example kaggleHouses(3, createRng(0)).split('\n')[0] // 'Id,MSSubClass,MSZoning,…,SalePrice'
 */
export function kaggleHouses(n: number, rng: Rng): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`number of rows must be a whole number ≥ 0, got ${n}`);
  const effect = new Map(NEIGHBORHOODS.map((h, i) => [h, ((i * 7) % 11) / 20 - 0.25]));
  const lines = [KAGGLE_HOUSE_COLUMNS.join(',')];
  for (let i = 0; i < n; i++) {
    const zone = pick(ZONES, rng, ZONE_WEIGHTS);
    const hood = pick(NEIGHBORHOODS, rng);
    const cls = pick(CLASSES, rng);
    const frontage = Math.round(40 + 60 * rng.uniform());
    const lotArea = Math.round(frontage * (100 + 80 * rng.uniform()));
    const built = 1880 + Math.floor(130 * rng.uniform() ** 0.6);
    const living = Math.round(600 + 2400 * rng.uniform() ** 1.5);
    const garage = rng.uniform() < 0.06 ? 0 : Math.round(200 + 600 * rng.uniform());
    const air = rng.uniform() < (built > 1950 ? 0.97 : 0.8) ? 'Y' : 'N';
    const sold = Date.UTC(2006, 0, 1) + Math.floor(rng.uniform() * 1640) * 86_400_000;
    const logPrice =
      10.5 + 0.00035 * living + 0.000004 * lotArea + 0.004 * (built - 1950) + 0.0003 * garage + (air === 'Y' ? 0.1 : 0) +
      (effect.get(hood) ?? 0) + (zone === 'RL' ? 0.05 : zone === 'C (all)' ? -0.3 : 0) + 0.08 * rng.normal();
    const cells = [
      String(i + 1),
      String(cls),
      rng.uniform() < 0.01 ? 'NA' : zone,
      rng.uniform() < 0.17 ? 'NA' : String(frontage),
      String(lotArea),
      hood,
      air,
      String(built),
      String(living),
      rng.uniform() < 0.05 ? 'NA' : String(garage),
      new Date(sold).toISOString().slice(0, 10),
      String(Math.round(Math.exp(logPrice))),
    ];
    lines.push(cells.map((c) => (c.includes(',') || c.includes(' ') ? `"${c}"` : c)).join(','));
  }
  return lines.join('\n') + '\n';
}
