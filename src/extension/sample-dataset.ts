import * as vscode from 'vscode';
import { createUnique } from './new-file';
import { fail } from './notify';
import { platform } from './platform';

export type SampleKind = 'd2l' | 'houses' | 'laplace';

const SAMPLES: readonly { kind: SampleKind; label: string; detail: string; base: string }[] = [
  { kind: 'd2l', label: 'd2l synthetic data', detail: '1,000 rows: y = 2·x1 − 3.4·x2 + 4.2 + N(0, 0.01²), as in the chapter', base: 'd2l-synthetic' },
  { kind: 'houses', label: 'House prices', detail: '500 rows: price from area and age, the chapter\'s running example', base: 'house-prices' },
  {
    kind: 'laplace',
    label: 'Laplace noise (the chapter\'s exercise 3)',
    detail: '1,000 rows: y = 2·x1 − 3.4·x2 + 4.2 + ε, p(ε) = ½·exp(−|ε|): its likelihood is the absolute loss; train with Loss: absolute',
    base: 'd2l-laplace',
  },
];

/**
 * Writes a sample dataset into the first workspace folder under a free name
 * (`d2l-synthetic.csv`, `d2l-synthetic-2.csv`, …): never overwrites a file.
 * Asks which dataset when `kind` is not given.
 * @returns the new file, or undefined when dismissed or impossible (a message says why).
 */
export async function newSampleDataset(kind?: SampleKind): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void fail('Gauss Lab: open a folder first; the sample dataset is written into it.');
    return undefined;
  }
  let sample = SAMPLES.find((s) => s.kind === kind);
  if (!sample) {
    const pick = await vscode.window.showQuickPick(
      SAMPLES.map((s) => ({ label: s.label, detail: s.detail, sample: s })),
      { title: 'Gauss Lab: New Sample Dataset', placeHolder: 'Which dataset?' },
    );
    if (!pick) return undefined;
    sample = pick.sample;
  }
  return createUnique(folder.uri, sample.base, '.csv', platform().sampleCsv(sample.kind));
}
