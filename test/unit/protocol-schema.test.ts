import { describe, expect, it } from 'vitest';
import { inBound } from '../../src/core/bounds';
import { DESIGN_BOUNDS, SGD_BOUNDS } from '../../src/core/choices';
import { parseExtensionMessage, parseWebviewMessage } from '../../src/protocol-schema';

const sgd = { learningRate: 0.03, batchSize: 10, epochs: 3, schedule: 'constant', loss: 'squared', huberDelta: 1, weightDecay: 0, seed: 0, stepsPerSecond: 30 };
const design = { target: 'y', features: ['x1'], degree: 1, intercept: true, standardize: false, validationFraction: 0.2 };

describe('parseWebviewMessage (valibot)', () => {
  it('accepts every well-formed message', () => {
    const good = [
      { type: 'ready' },
      { type: 'log', level: 'warn', message: 'hi' },
      { type: 'chooseDataset' },
      { type: 'setDesign', design },
      { type: 'train', command: 'play', params: sgd },
      { type: 'tune', learningRate: 0.1, stepsPerSecond: 0 },
      { type: 'export', what: 'report', charts: { landscape: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' } },
      { type: 'export', what: 'modelCode', language: 'sklearn' },
      { type: 'export', what: 'predictions' },
      { type: 'cancel' },
      { type: 'setLandscapeAxes', a: 0, b: 2 },
    ];
    for (const m of good) expect(parseWebviewMessage(m), JSON.stringify(m)).toEqual(m);
  });

  it('drops garbage, unknown types, extra keys, wrong types and out-of-range numbers', () => {
    const bad: unknown[] = [
      null,
      42,
      'ready',
      [],
      {},
      { type: 'nope' },
      { type: 'ready', extra: 1 },
      { type: 'log', level: 'fatal', message: 'x' },
      { type: 'setDesign', design: { ...design, degree: 0 } },
      { type: 'setDesign', design: { ...design, degree: 2.5 } },
      { type: 'setDesign', design: { ...design, features: 'x1' } },
      { type: 'setDesign', design: { ...design, validationFraction: 1 } },
      { type: 'train', command: 'fly', params: sgd },
      { type: 'train', command: 'play', params: { ...sgd, learningRate: NaN } },
      { type: 'train', command: 'play', params: { ...sgd, learningRate: 0 } },
      { type: 'train', command: 'play', params: { ...sgd, batchSize: 0 } },
      { type: 'train', command: 'play', params: { ...sgd, seed: -1 } },
      { type: 'train', command: 'play', params: { ...sgd, loss: 'cubic' } },
      { type: 'tune', learningRate: Infinity, stepsPerSecond: 0 },
      { type: 'export', what: 'everything' },
      { type: 'setLandscapeAxes', a: 1, b: 1 },
      { type: 'setLandscapeAxes', a: -1, b: 0 },
      { type: 'setLandscapeAxes', a: 0.5, b: 1 },
      { type: 'setLandscapeAxes', a: 0, b: '1' },
      { type: 'setLandscapeAxes', a: 0 },
      { type: 'setLandscapeAxes', a: 0, b: 1, c: 2 },
      { type: 'export', what: 'report', charts: { x: '<script>alert(1)</script>' } },
      { type: 'export', what: 'report', charts: { '../../etc/passwd': '<svg></svg>' } },
      { type: 'export', what: 'modelCode', language: 'cobol' },
      { type: 'export', what: 'report', charts: { x: '<svg onload="alert(1)"></svg>' } },
      { type: 'export', what: 'report', charts: { x: '<svg><script>alert(1)</script></svg>' } },
      { type: 'export', what: 'report', charts: { x: '<svg><a href="javascript:alert(1)">x</a></svg>' } },
    ];
    for (const m of bad) expect(parseWebviewMessage(m), JSON.stringify(m)).toBeUndefined();
  });

  it('cuts an over-long log line rather than rejecting it', () => {
    const m = parseWebviewMessage({ type: 'log', level: 'info', message: 'x'.repeat(5000) });
    expect(m?.type === 'log' && m.message.length).toBe(2001);
  });
});

describe('one schema for both directions, built from the core bounds', () => {
  const init = (over: Record<string, unknown>) => ({
    type: 'init',
    protocolVersion: 2,
    extensionVersion: '0.1.0',
    extensionMode: 'test',
    workspaceName: null,
    view: 'playground',
    defaults: { sgd: { ...sgd, ...over }, maxPlotPoints: 5000 },
  });

  it('the edges of each SGD bound are accepted or refused alike by the extension and the webview', () => {
    for (const [key, bound] of Object.entries(SGD_BOUNDS)) {
      const edges = [bound.min, bound.exclusiveMin ? bound.min + 1e-9 : bound.min - 1, bound.max === Infinity ? 1e12 : bound.max, bound.max === Infinity ? Infinity : bound.max + 1];
      for (const x of edges) {
        const ok = inBound(x, bound);
        expect(parseWebviewMessage({ type: 'train', command: 'play', params: { ...sgd, [key]: x } }) !== undefined, `webview → extension ${key} = ${x}`).toBe(ok);
        expect(parseExtensionMessage(init({ [key]: x })) !== undefined, `extension → webview ${key} = ${x}`).toBe(ok);
      }
    }
  });

  it('epochs: 0 (a valid setting) is a valid init for the webview', () => {
    expect(inBound(0, SGD_BOUNDS.epochs)).toBe(true);
    expect(parseExtensionMessage(init({ epochs: 0 }))).toBeDefined();
  });

  it('the polynomial degree is bounded the same way both ways (12)', () => {
    for (const degree of [12, 13]) {
      const d = { ...design, features: ['x1'], degree };
      expect(parseWebviewMessage({ type: 'setDesign', design: d }) !== undefined).toBe(degree <= DESIGN_BOUNDS.degree.max);
      const dataset = { label: 'x.csv', builtin: false, columns: [], rowsRead: 0, rowsUsed: 0, rowsDropped: 0, dropped: [], warnings: [], design: d, header: null };
      expect(parseExtensionMessage({ type: 'dataset', dataset }) !== undefined).toBe(degree <= DESIGN_BOUNDS.degree.max);
    }
    expect(DESIGN_BOUNDS.degree.max).toBe(12);
    // the first-line toggle: one of three choices, nothing else
    expect(parseWebviewMessage({ type: 'setHeader', header: 'no' })).toEqual({ type: 'setHeader', header: 'no' });
    expect(parseWebviewMessage({ type: 'setHeader', header: 'maybe' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'setHeader', header: 'no', path: '/etc/passwd' })).toBeUndefined();
  });
});
