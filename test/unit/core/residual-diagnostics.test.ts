// The diagnostics block under statsmodels' summary (Omnibus, skew, kurtosis, Durbin–Watson,
// Jarque–Bera) from statsmodels' own residuals on datasets that ship with it: the formulas are
// compared here, on the same inputs, to 1e-9 relative; streamed in uneven blocks as a file pass is.
import { describe, expect, it } from 'vitest';
import { OMNIBUS_MIN_ROWS, ResidualMoments, residualDiagnostics, type ResidualDiagnostics } from '../../../src/core/residual-diagnostics';
import { referenceMissing, runPython } from '../../shared/python';
import { relativeError as rel } from '../../shared/numbers';

const KEYS = ['omnibus', 'omnibusPValue', 'skew', 'kurtosis', 'durbinWatson', 'jarqueBera', 'jarqueBeraPValue'] as const;

const MODELS: [string, string, string][] = [
  ['longley', 'sm.datasets.longley.load_pandas().data', 'TOTEMP ~ GNPDEFL + GNP + UNEMP + ARMED + POP + YEAR'],
  ['grunfeld', 'sm.datasets.grunfeld.load_pandas().data', 'invest ~ value + capital + C(firm)'],
  ['fair', 'sm.datasets.fair.load_pandas().data', 'affairs ~ rate_marriage + age + yrs_married + C(religious)'],
  ['stackloss', 'sm.datasets.stackloss.load_pandas().data', 'STACKLOSS ~ AIRFLOW + WATERTEMP + ACIDCONC'],
  ['star98', 'sm.datasets.star98.load_pandas().data', 'PERASIAN ~ LOWINC + PERBLACK + PERHISP + PCTCHRT + np.log(PCTYRRND + 1)'],
];

describe.skipIf(referenceMissing)('residual diagnostics agree with statsmodels to 1e-9', () => {
  const ref = runPython<Record<string, { resid: number[] } & ResidualDiagnostics>>(`import json, numpy as np
import statsmodels.api as sm, statsmodels.formula.api as smf
from statsmodels.stats.stattools import omni_normtest, jarque_bera, durbin_watson
out = {}
for name, data, formula in ${JSON.stringify(MODELS)}:
    r = smf.ols(formula, eval(data)).fit().resid.values
    omni, omnip = omni_normtest(r)
    jb, jbp, skew, kurt = jarque_bera(r)
    out[name] = dict(resid=list(map(float, r)), omnibus=float(omni), omnibusPValue=float(omnip), skew=float(skew), kurtosis=float(kurt), durbinWatson=float(durbin_watson(r)), jarqueBera=float(jb), jarqueBeraPValue=float(jbp))
print(json.dumps(out))`);
  for (const [name] of MODELS) {
    it(name, () => {
      const { resid, ...want } = ref[name];
      const whole = residualDiagnostics(resid);
      // the same residuals in blocks of 1, 7, 3, … rows: a file's pass
      const streamed = new ResidualMoments();
      for (let i = 0, k = 0; i < resid.length; k++) {
        const len = [1, 7, 3, 50][k % 4];
        streamed.add(resid.slice(i, i + len));
        i += len;
      }
      for (const got of [whole, streamed.result()]) {
        for (const key of KEYS) expect(rel(got[key], want[key]), `${name} ${key}: ${got[key]} vs ${want[key]}`).toBeLessThanOrEqual(1e-9);
      }
    });
  }
});

describe('residual diagnostics, by definition', () => {
  it('Durbin–Watson of alternating residuals is near 4, of a slow drift near 0; symmetric residuals have skew 0', () => {
    const alternating = Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : -1));
    expect(residualDiagnostics(alternating).durbinWatson).toBeCloseTo((99 * 4) / 100, 12);
    const drift = Array.from({ length: 100 }, (_, i) => i - 49.5);
    expect(residualDiagnostics(drift).durbinWatson).toBeCloseTo(99 / 83325, 12);
    expect(residualDiagnostics(drift).skew).toBeCloseTo(0, 12);
  });

  it(`fewer than ${OMNIBUS_MIN_ROWS} residuals: no omnibus test (NaN, as statsmodels), the rest defined`, () => {
    const d = residualDiagnostics([1, -2, 0.5, 0.5, 3, -3, 0]);
    expect(d.omnibus).toBeNaN();
    expect(d.omnibusPValue).toBeNaN();
    expect(Number.isFinite(d.jarqueBera) && Number.isFinite(d.durbinWatson)).toBe(true);
  });
});
