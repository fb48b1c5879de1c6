// The webview's state: validation drops garbage, the reducer is pure and follows the protocol.
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type DatasetInfo, type ExtensionToWebview, type FitPayload, type InitMessage, type SgdParams, type TrainingMessage } from '../../../src/protocol';
import { D2L_NORMAL_PAIRS, idleTraining, initialState, parseExtensionMessage, parsePersisted, persisted, reduce, type PlaygroundState, type ReadyState } from '../../../webview/state';

const sgd: SgdParams = { learningRate: 0.03, batchSize: 10, epochs: 3, schedule: 'constant', loss: 'squared', huberDelta: 1, weightDecay: 0, seed: 0, stepsPerSecond: 60 };
const init: InitMessage = { type: 'init', protocolVersion: PROTOCOL_VERSION, extensionVersion: '1.2.3', extensionMode: 'test', workspaceName: 'examples', view: 'playground', defaults: { sgd, maxPlotPoints: 5000 } };
const design = { target: 'y', features: ['x1', 'x2'], degree: 1, intercept: true, standardize: false, validationFraction: 0.2 };
const dataset: DatasetInfo = {
  label: 'd2l-synthetic.csv', builtin: false,
  columns: [{ name: 'x1', numeric: true }, { name: 'x2', numeric: true }, { name: 'y', numeric: true }, { name: 'city', numeric: false, reason: '"Paris" at row 2 is not a number' }],
  rowsRead: 1000, rowsUsed: 1000, rowsDropped: 0, dropped: [], warnings: [], design, header: { choice: 'auto', firstLineIsHeader: true },
};
const fit: FitPayload = {
  formula: 'y ~ x1 + x2', target: 'y', intercept: true,
  summary: { n: 1000, p: 3, rank: 3, terms: [{ name: 'Intercept', estimate: 4.2, stdError: 0.001, t: 4200, pValue: 0, ci95: [4.19, 4.21], dropped: false }], residualStdDev: 0.01, rSquared: 1, adjRSquared: 1, rSquaredKind: 'centered', rss: 0.0997, tss: 1e4, covType: 'nonrobust', fStatistic: 1e6, fPValue: 0, logLikelihood: 3000, aic: -5994, bic: -5980, conditionNumber: 1.1, dfModel: 2, dfResidual: 997, warnings: [] },
  coefficients: [4.2, 2, -3.4], termNames: ['Intercept', 'x1', 'x2'],
  sample: { shown: 1, total: 1, features: [[1], [2]], y: [1], yhat: [1], residuals: [0], rows: [2], leverage: [0.003], cooks: [null] },
  curve: null, landscape: null, profiles: [], sigma: 0.01, heldOut: null, whatIf: [{ name: 'x1', kind: 'number', value: '0.5' }],
  diagnostics: { omnibus: 0.75, omnibusPValue: 0.69, skew: 0.42, kurtosis: 2.43, durbinWatson: 2.56, jarqueBera: 0.68, jarqueBeraPValue: 0.71 },
};
const L = { aName: 'b', bName: 'w (x2)', aIndex: 0, bIndex: 2, a: [0, 1], b: [0, 1], loss: [[1, 2], [3, 4]], optimum: [0.5, 0.5] as [number, number] };
const step = (g: number): TrainingMessage['steps'][number] => ({ globalStep: g, epoch: 0, step: g, learningRate: 0.03, batchLoss: 1 / (g + 1), theta: [0, 0, 0], distance: 5 });
const training = (over: Partial<TrainingMessage> = {}): TrainingMessage => ({ type: 'training', status: 'playing', steps: [], epochs: [], divergence: null, reset: false, totalSteps: 300, ...over });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

function run(...msgs: ExtensionToWebview[]): PlaygroundState {
  return msgs.reduce<PlaygroundState>((s, m) => reduce(deepFreeze(s), deepFreeze(m)), initialState());
}

describe('parseExtensionMessage', () => {
  it('accepts every well-formed message type', () => {
    for (const m of [init, { type: 'busy', message: 'Loading…', fraction: null }, { type: 'dataset', dataset }, { type: 'fit', design, fit }, training({ steps: [step(0)], optimumLoss: 1e-4 }), { type: 'error', scope: 'data', message: 'no', hint: null }, { type: 'requestExport', what: 'report' }, { type: 'landscape', landscape: null }, { type: 'landscape', landscape: L }, { type: 'defaults', defaults: { sgd, maxPlotPoints: 2000 } }, { type: 'whatIfResult', result: { prediction: 1, level: 0.95, confidence: [0.9, 1.1], predictionInterval: [0.5, 1.5], predicts: 'y' } }, { type: 'whatIfResult', result: { note: 'x1 is missing' } }]) {
      expect(parseExtensionMessage(m), JSON.stringify(m).slice(0, 80)).toEqual(m);
    }
  });

  it('drops garbage', () => {
    const garbage: unknown[] = [
      null, undefined, 42, 'init', [], {}, { type: 'nope' },
      { ...init, protocolVersion: '2' },
      { ...init, view: 'settings' },
      { ...init, defaults: { sgd: { ...sgd, learningRate: -1 }, maxPlotPoints: 5000 } },
      { type: 'fit', design, fit: { summary: 'nope' } },
      { type: 'fit', design: { ...design, degree: 0 }, fit },
      { type: 'dataset', dataset: { ...dataset, columns: [{ name: 1, numeric: true }] } },
      training({ status: 'exploded' as never }),
      training({ steps: [{ ...step(0), theta: ['1'] as never }] }),
      { type: 'error', scope: 'data', message: 'x'.repeat(200_000), hint: null },
      { type: 'requestExport', what: 'everything' },
      { type: 'landscape' },
      { type: 'defaults', defaults: { sgd: { ...sgd, learningRate: 0 }, maxPlotPoints: 2000 } },
      { type: 'landscape', landscape: { ...L, aIndex: -1 } },
      { type: 'landscape', landscape: { ...L, loss: [['x']] } },
    ];
    for (const g of garbage) expect(parseExtensionMessage(g), JSON.stringify(g)?.slice(0, 80)).toBeUndefined();
  });
});

describe('reduce', () => {
  it('init makes the view ready with the extension defaults; a protocol mismatch is an error screen', () => {
    const s = run(init) as ReadyState;
    expect(s.kind).toBe('ready');
    expect(s.sgd).toEqual(sgd);
    expect(s.normal.pairs).toEqual(D2L_NORMAL_PAIRS);
    const bad = run({ ...init, protocolVersion: PROTOCOL_VERSION + 1 });
    expect(bad.kind).toBe('error');
    if (bad.kind === 'error') expect(bad.hint).toMatch(/Reload/);
  });

  it('messages before init are ignored', () => {
    expect(run({ type: 'dataset', dataset }).kind).toBe('loading');
  });

  it('a restored state keeps the user’s SGD settings and normal pairs over the defaults', () => {
    const restored = { version: 2 as const, view: 'playground' as const, design, sgd: { ...sgd, learningRate: 0.5 }, normal: { pairs: [[1, 1]] as [number, number][], n: 50 } };
    const s = reduce(initialState(restored), init) as ReadyState;
    expect(s.sgd.learningRate).toBe(0.5);
    expect(s.normal.n).toBe(50);
    expect(s.design).toEqual(design);
  });

  it('dataset then fit; each fit starts a new training run', () => {
    const s1 = run(init, { type: 'dataset', dataset }) as ReadyState;
    expect(s1.design).toEqual(design);
    const s2 = reduce(s1, { type: 'fit', design, fit }) as ReadyState;
    expect(s2.fit).toBe(fit);
    expect(s2.training.run).toBe(s1.training.run + 1);
  });

  it('another dataset brings back the default η, the other SGD settings follow; the same file read again keeps η', () => {
    const tuned = reduce(run(init, { type: 'dataset', dataset }), { type: 'local/sgd', sgd: { ...sgd, learningRate: 0.5, batchSize: 32, epochs: 7 } }) as ReadyState;
    const again = reduce(tuned, { type: 'dataset', dataset: { ...dataset, rowsRead: 999 } }) as ReadyState;
    expect(again.sgd.learningRate).toBe(0.5);
    const other = reduce(tuned, { type: 'dataset', dataset: { ...dataset, label: 'house-prices.csv' } }) as ReadyState;
    expect(other.sgd).toEqual({ ...tuned.sgd, learningRate: init.defaults.sgd.learningRate });
  });

  it('landscape replaces the fit’s landscape only: same training run, other fields kept', () => {
    const s1 = run(init, { type: 'dataset', dataset }, { type: 'fit', design, fit }) as ReadyState;
    const s2 = reduce(s1, { type: 'landscape', landscape: L }) as ReadyState;
    expect(s2.fit?.landscape).toEqual(L);
    expect(s2.fit?.coefficients).toBe(fit.coefficients);
    expect(s2.training.run).toBe(s1.training.run);
    // before any fit there is nothing to change
    const s0 = run(init, { type: 'landscape', landscape: L }) as ReadyState;
    expect(s0.fit).toBeNull();
  });

  it('new defaults (settings changed) reach the fields the user has not edited, also through a re-handshake', () => {
    const s1 = run(init, { type: 'local/sgd', sgd: { ...sgd, batchSize: 32 } } as never) as ReadyState;
    const next = { sgd: { ...sgd, learningRate: 0.1, batchSize: 64, epochs: 9 }, maxPlotPoints: 2000 };
    const s2 = reduce(s1, { type: 'defaults', defaults: next }) as ReadyState;
    expect(s2.sgd).toEqual({ ...sgd, learningRate: 0.1, batchSize: 32, epochs: 9 });
    expect(s2.init.defaults).toEqual(next);
    // the same defaults again change nothing (same object: the form is not rebuilt)
    expect((reduce(s2, { type: 'defaults', defaults: next }) as ReadyState).sgd).toBe(s2.sgd);
    // a fresh init (the panel was hidden while the settings changed) follows them the same way
    const s3 = reduce(s2, { ...init, defaults: { sgd: { ...next.sgd, epochs: 5 }, maxPlotPoints: 2000 } }) as ReadyState;
    expect(s3.sgd.epochs).toBe(5);
    expect(s3.sgd.batchSize).toBe(32);
  });

  it('training accumulates steps, reset starts a new run, divergence is kept only while diverged', () => {
    let s = run(init, { type: 'fit', design, fit }, training({ reset: true, status: 'idle' })) as ReadyState;
    const run0 = s.training.run;
    s = reduce(s, training({ steps: [step(0), step(1)] })) as ReadyState;
    expect(s.training.stepsTaken).toBe(2);
    expect(s.training.last?.globalStep).toBe(1);
    s = reduce(s, training({ status: 'paused', steps: [step(2)] })) as ReadyState;
    expect(s.training.stepsTaken).toBe(3);
    expect(s.training.status).toBe('paused');
    const divergence = { message: 'Training diverged at epoch 1, step 3', suggestedLearningRate: 0.5 };
    s = reduce(s, training({ status: 'diverged', divergence, optimumLoss: 5e-5 })) as ReadyState;
    expect(s.training.divergence).toEqual(divergence);
    expect(s.training.optimumLoss).toBe(5e-5);
    s = reduce(s, training({ status: 'idle', reset: true })) as ReadyState;
    expect(s.training.run).toBe(run0 + 1);
    expect(s.training.divergence).toBeNull();
    expect(s.training.stepsTaken).toBe(0);
  });

  it('an error is kept until the next success of its scope', () => {
    let s = run(init, { type: 'error', scope: 'data', message: 'bad CSV', hint: 'fix row 3' }) as ReadyState;
    expect(s.error?.message).toBe('bad CSV');
    s = reduce(s, training({})) as ReadyState;
    expect(s.error?.message).toBe('bad CSV');
    s = reduce(s, { type: 'dataset', dataset }) as ReadyState;
    expect(s.error).toBeNull();
  });

  it('local actions change only their part', () => {
    const s = run(init) as ReadyState;
    const s2 = reduce(s, { type: 'local/sgd', sgd: { ...sgd, learningRate: 2 } }) as ReadyState;
    expect(s2.sgd.learningRate).toBe(2);
    expect(s2.training).toBe(s.training);
    expect(reduce(s, { type: 'requestExport', what: 'report' }) as ReadyState).toMatchObject({ exportRequests: 1 });
  });

  it('idle training is the starting point', () => {
    expect((run(init) as ReadyState).training).toEqual(idleTraining);
  });
});

describe('persisted state', () => {
  it('round-trips through parsePersisted; garbage is ignored', () => {
    const s = run(init, { type: 'dataset', dataset });
    const p = persisted(s);
    expect(parsePersisted(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(parsePersisted({ version: 1 })).toBeUndefined();
    expect(parsePersisted({ ...p, sgd: { ...sgd, seed: -1 } })).toBeUndefined();
    expect(parsePersisted(null)).toBeUndefined();
  });
});
