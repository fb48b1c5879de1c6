// UI test of a real-world file in the playground: text categories, a Y/N column, whole-number
// codes, dates, an id, missing cells and column names that are numbers. It checks the roles
// the panel chose (and says), the formula kept in sync with the pickers, a written formula,
// a syntax error pointed at, and that the panel's coefficients are the CLI's, digit for digit.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, until } from '../../../scripts/e2e/runner.mjs';
import { openCsv } from './panel.mjs';

export const MESSY_CSV = 'e2e-messy-houses.csv';
const ROWS = 240;
const HOODS = ['Gilbert', 'NAmes', 'OldTown', 'Sawyer', 'Somerst'];

/** A small Kaggle-shaped file: every kind of column a user's file has. Deterministic. */
function messyCsv() {
  const lines = ['Id,Neighborhood,CentralAir,MSSubClass,SoldOn,2019,2020,SalePrice'];
  for (let i = 0; i < ROWS; i++) {
    // Blueste: a rare level (3 rows), as in the real Kaggle file
    const hood = i % 80 === 7 ? 'Blueste' : HOODS[(i * 7) % 5];
    const air = i % 4 === 0 ? 'N' : 'Y';
    const cls = [20, 30, 60, 120][(i * 3) % 4];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const sold = `${2006 + (i % 5)}-${month}-${day}`;
    const a = 50 + ((i * 37) % 100) + (i % 3) * 0.5;
    const b = a * 1.1 + ((i * 13) % 17);
    const price = 20000 + 900 * b + 15000 * HOODS.indexOf(hood) + (air === 'Y' ? 12000 : 0) + 300 * ((i * 29) % 11);
    // gaps: a missing 2019 value every 9th row, a missing neighbourhood every 31st
    lines.push([1000 + i, i % 31 === 5 ? '' : hood, air, cls, sold, i % 9 === 4 ? '' : a.toFixed(1), b.toFixed(1), Math.round(price)].join(','));
  }
  return lines.join('\n') + '\n';
}

const terms = (frame) => frame.locator('[data-testid="term-row"]').evaluateAll((rows) => rows.map((r) => ({ name: /** @type {HTMLElement} */ (r).dataset.term, estimate: Number(/** @type {HTMLElement} */ (r).dataset.estimate) })));
const formulaValue = (frame) => frame.getByTestId('formula').evaluate((e) => /** @type {any} */ (e).value);

/** Types `text` into the formula field and commits it (Enter). */
async function typeFormula(frame, text) {
  const input = frame.getByTestId('formula').locator('input');
  await input.fill(text);
  await input.press('Enter');
}

/** The repository (its dist/cli.js is the CLI the panel must agree with). */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export function messyCsvTest(workspaceDir) {
  return {
    name: 'a messy CSV (text, Y/N, codes, dates, an id, gaps, numbers as column names): roles shown, formula in sync with the pickers, the CLI\'s coefficients',
    timeoutMs: 150_000,
    fn: async ({ page, shot }) => {
      const file = join(workspaceDir, MESSY_CSV);
      writeFileSync(file, messyCsv());
      try {
        const frame = await openCsv(page, MESSY_CSV);

        // roles: the header was read as names (numbers included), the id is unchecked and tagged,
        // text and Y/N columns are categories with their level counts, codes one click away
        check(/read as the header/.test(await frame.getByTestId('header-state').innerText()), 'the first line is read as the header');
        const id = frame.locator('[data-testid="feature"][data-column="Id"]');
        check((await id.getAttribute('data-role')) === 'id', 'Id is recognised as an id');
        check(!(await id.evaluate((e) => /** @type {any} */ (e).checked)), 'Id is not a feature by default');
        const hood = frame.locator('[data-testid="feature"][data-column="Neighborhood"]');
        check(/\(6 levels\)/.test(await hood.innerText()), `Neighborhood is a category of 6 levels (got "${await hood.innerText()}")`);
        const rare = (await frame.locator('[data-testid="rare-levels"][data-column="Neighborhood"]').innerText()).trim();
        check(rare === 'rare: "Blueste" (3 rows)', `Neighborhood's rare level is listed (got "${rare}")`);
        check(/\(2 levels\)/.test(await frame.locator('[data-testid="feature"][data-column="CentralAir"]').innerText()), 'CentralAir (Y/N) is a category of 2 levels');
        check((await frame.locator('[data-testid="as-category"][data-column="MSSubClass"]').count()) === 1, 'MSSubClass (4 codes) can be made a category in one click');
        check((await frame.locator('[data-testid="feature"][data-column="SoldOn"]').count()) === 1, 'the date column SoldOn is offered as a number');
        const warnings = await frame.getByTestId('data-section').innerText();
        check(/decimal years/.test(warnings), 'the panel says the dates are read as decimal years');
        check((await formulaValue(frame)).startsWith('SalePrice ~ '), `the formula field shows the pickers' model (got "${await formulaValue(frame)}")`);
        await shot('messy CSV: roles and the default model');

        // pickers → formula: a text category and a code made a category
        await hood.click();
        await until(() => formulaValue(frame), (f) => f.includes('Neighborhood'), 'the formula to gain Neighborhood');
        await until(() => terms(frame), (t) => t.some((x) => x.name === 'Neighborhood[T.NAmes]'), 'a fit with patsy-named Neighborhood dummies', 30_000);
        await frame.locator('[data-testid="as-category"][data-column="MSSubClass"]').click();
        await until(() => formulaValue(frame), (f) => f.includes('C(MSSubClass)'), 'the formula to say C(MSSubClass)');
        await until(() => terms(frame), (t) => t.some((x) => x.name === 'C(MSSubClass)[T.30]'), 'C(MSSubClass)[T.30] in the table', 30_000);
        const rows = await frame.getByTestId('rows').innerText();
        check(/Rows read: 240/.test(rows), `rows read: 240 (got "${rows}")`);

        // formula → pickers: a formula the pickers can say moves them
        await typeFormula(frame, "SalePrice ~ Q('2020') + CentralAir");
        await until(() => terms(frame), (t) => t.length === 3 && t.some((x) => x.name === 'CentralAir[T.Y]'), 'the fit of the typed formula', 30_000);
        check(await frame.locator('[data-testid="feature"][data-column="CentralAir"]').evaluate((e) => /** @type {any} */ (e).checked), 'the CentralAir picker follows the formula');
        check(!(await hood.evaluate((e) => /** @type {any} */ (e).checked)), 'the Neighborhood picker follows the formula');

        // a formula the pickers cannot say decides; the CLI gives the same numbers
        const written = "np.log(SalePrice) ~ standardize(Q('2020')) * CentralAir + Neighborhood";
        await typeFormula(frame, written);
        await until(() => terms(frame), (t) => t.some((x) => x.name === "standardize(Q('2020')):CentralAir[T.Y]"), 'the interaction term', 30_000);
        check((await frame.getByTestId('fit-formula').innerText()).includes(written), 'the summary names the model fitted');
        const ui = await terms(frame);
        const cli = JSON.parse(execFileSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'fit', file, '--formula', written, '--json'], { encoding: 'utf8' }));
        check(JSON.stringify(ui.map((t) => t.name)) === JSON.stringify(cli.terms.map((t) => t.name)), `the panel's terms are the CLI's (${ui.map((t) => t.name).join(', ')})`);
        for (const [k, t] of cli.terms.entries()) check(ui[k].estimate === t.estimate, `${t.name}: panel ${ui[k].estimate} = CLI ${t.estimate}`);
        const summaryText = await frame.getByTestId('summary-section').innerText();
        check(summaryText.includes(`${cli.n} rows`), `the panel used the CLI's ${cli.n} rows`);
        check(/Neighborhood has 1 rare level .*"Blueste" \(3 rows\)/.test(summaryText), 'the fit warns of the rare level Blueste');
        // each term's VIF, the CLI's (the intercept has none)
        for (const [k, t] of cli.terms.entries()) {
          const shown = (await frame.getByTestId(`vif-${k}`).innerText()).trim();
          const want = t.vif === undefined ? '' : String(Number(t.vif.toPrecision(4)));
          check(shown === want, `${t.name}: VIF ${want} as the CLI (got "${shown}")`);
        }
        // statsmodels' diagnostics block, the CLI's numbers (four significant digits as shown)
        for (const [id, key] of [['durbin-watson', 'durbinWatson'], ['skew', 'skew'], ['kurtosis', 'kurtosis'], ['jarque-bera', 'jarqueBera']]) {
          const shown = (await frame.getByTestId(`diag-${id}`).innerText()).trim();
          const want = String(Number(cli.diagnostics[key].toPrecision(4)));
          check(shown === want, `${key}: the panel shows ${want} as the CLI computes it (got ${shown})`);
        }
        await frame.getByTestId('summary-section').scrollIntoViewIfNeeded();
        await shot('messy CSV: a written formula and its fit');
        await frame.getByTestId('diagnostics').scrollIntoViewIfNeeded();
        await shot('messy CSV: residual diagnostics');

        // a syntax error points at the character, and nothing is fitted
        const before = await terms(frame);
        await typeFormula(frame, 'SalePrice ~ Neighborhood +');
        const error = frame.getByTestId('formula-error');
        await error.waitFor({ timeout: 10_000 });
        check(/\^/.test(await error.innerText()), `the error shows a caret under the character (got "${await error.innerText()}")`);
        check(JSON.stringify(await terms(frame)) === JSON.stringify(before), 'the fit is unchanged');
        await frame.getByTestId('data-section').scrollIntoViewIfNeeded();
        await shot('messy CSV: a formula error points at the character');

        // the numbers as column names are kept as names: "first line is data" makes them a row
        await frame.getByTestId('header-choice').evaluate((el) => {
          /** @type {any} */ (el).value = 'no';
          el.dispatchEvent(new Event('change', { bubbles: true }));
        });
        await until(() => frame.getByTestId('header-state').innerText(), (t) => /read as data/.test(t), 'the first line read as data', 30_000);
        await frame.getByTestId('header-choice').evaluate((el) => {
          /** @type {any} */ (el).value = 'auto';
          el.dispatchEvent(new Event('change', { bubbles: true }));
        });
        await until(() => frame.getByTestId('header-state').innerText(), (t) => /read as the header/.test(t), 'the header detected again', 30_000);
      } finally {
        rmSync(file, { force: true });
      }
    },
  };
}
