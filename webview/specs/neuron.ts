// Linear regression as a single-neuron network (d2l Fig. 3.1.2): inputs x₁…x_d, one output,
// edges labelled with the current weights and the bias. Edges stream into `neuronEdges`.
import * as l10n from '@vscode/l10n';
import { DATA, fmt, isFiniteNumber, type Spec } from './common';
import { shown } from '../text';

export interface NeuronNode {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  /** What the node's hover calls it: the feature's name, or the bias or the output in words. */
  readonly name: string;
  readonly kind: 'input' | 'bias' | 'output';
}

export interface NeuronEdge {
  readonly x: number;
  readonly y: number;
  readonly x2: number;
  readonly y2: number;
  readonly label: string;
  readonly magnitude: number;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const subscript = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]);

/** Node layout for d inputs (and the bias "1" when `intercept`). */
export function neuronNodes(featureNames: readonly string[], intercept: boolean): NeuronNode[] {
  const d = featureNames.length;
  const slots = d + (intercept ? 1 : 0);
  const y = (i: number) => (slots <= 1 ? 0.5 : 1 - i / (slots - 1));
  const nodes: NeuronNode[] = featureNames.map((name, i) => ({ x: 0, y: y(i), label: `x${subscript(i + 1)}`, name, kind: 'input' }));
  if (intercept) nodes.push({ x: 0, y: y(d), label: '1', name: l10n.t('bias'), kind: 'bias' });
  nodes.push({ x: 1, y: 0.5, label: 'ŷ', name: l10n.t('output'), kind: 'output' });
  return nodes;
}

/**
 * Edges with their current values. `theta` is intercept first when `intercept` (as in the
 * protocol); missing or non-finite values are labelled "—".
 */
export function neuronEdges(features: readonly string[], intercept: boolean, theta: readonly number[]): NeuronEdge[] {
  const featureNames = features.map(shown);
  const nodes = neuronNodes(featureNames, intercept);
  const out = nodes[nodes.length - 1];
  const offset = intercept ? 1 : 0;
  const edges: NeuronEdge[] = featureNames.map((_, i) => {
    const w = theta[offset + i];
    return { x: nodes[i].x, y: nodes[i].y, x2: out.x, y2: out.y, label: `w${subscript(i + 1)} = ${fmt(w)}`, magnitude: isFiniteNumber(w) ? Math.abs(w) : 0 };
  });
  if (intercept) {
    const b = theta[0];
    const n = nodes[featureNames.length];
    edges.push({ x: n.x, y: n.y, x2: out.x, y2: out.y, label: `b = ${fmt(b)}`, magnitude: isFiniteNumber(b) ? Math.abs(b) : 0 });
  }
  return edges;
}

export function neuronSpec(features: readonly string[], intercept: boolean, theta: readonly number[]): Spec {
  const featureNames = features.map(shown);
  const slots = featureNames.length + (intercept ? 1 : 0);
  const height = Math.max(140, Math.min(420, 48 * slots));
  const xScale = { domain: [-0.45, 1.15], axis: null };
  const yScale = { domain: [-0.15, 1.15], axis: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: l10n.t('single-neuron network'),
    width: 340,
    height,
    layer: [
      {
        data: { name: DATA.neuronEdges, values: neuronEdges(featureNames, intercept, theta) },
        layer: [
          {
            mark: { type: 'rule', opacity: 0.7 },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: xScale, axis: null },
              y: { field: 'y', type: 'quantitative', scale: yScale, axis: null },
              x2: { field: 'x2' },
              y2: { field: 'y2' },
              strokeWidth: { field: 'magnitude', type: 'quantitative', scale: { range: [1, 4] }, legend: null },
            },
          },
          {
            transform: [
              { calculate: '0.55 * datum.x + 0.45 * datum.x2', as: 'mx' },
              { calculate: '0.55 * datum.y + 0.45 * datum.y2', as: 'my' },
            ],
            mark: { type: 'text', dy: -7, fontSize: 12 },
            encoding: {
              x: { field: 'mx', type: 'quantitative' },
              y: { field: 'my', type: 'quantitative' },
              text: { field: 'label' },
            },
          },
        ],
      },
      {
        data: { name: DATA.neuronNodes, values: neuronNodes(featureNames, intercept) },
        layer: [
          {
            mark: { type: 'circle', size: 900, opacity: 1, strokeWidth: 1.5 },
            encoding: {
              x: { field: 'x', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              color: { field: 'kind', type: 'nominal', scale: { domain: ['input', 'bias', 'output'] }, legend: null },
              tooltip: [{ field: 'name', type: 'nominal', title: l10n.t('node') }],
            },
          },
          {
            mark: { type: 'text', fontWeight: 'bold', fontSize: 13, fill: '#ffffff' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
          },
          {
            transform: [{ filter: "datum.kind === 'input'" }],
            mark: { type: 'text', align: 'right', dx: -22, fontSize: 11, limit: 110 },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'name' } },
          },
        ],
      },
    ],
  } as Spec;
}
