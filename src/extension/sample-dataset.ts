import * as vscode from 'vscode';
import { formatCount } from '../core/number-format';
import { createUnique } from './new-file';
import { fail } from './notify';
import { platform } from './platform';

export type SampleKind = 'd2l' | 'houses' | 'laplace';

const samples = (): readonly { kind: SampleKind; label: string; detail: string; base: string }[] => [
  {
    kind: 'd2l',
    label: vscode.l10n.t('d2l synthetic data'),
    detail: vscode.l10n.t('{0} rows: y = 2·x1 − 3.4·x2 + 4.2 + N(0, 0.01²), as in the chapter', formatCount(1000)),
    base: 'd2l-synthetic',
  },
  { kind: 'houses', label: vscode.l10n.t('House prices'), detail: vscode.l10n.t("{0} rows: price from area and age, the chapter's running example", formatCount(500)), base: 'house-prices' },
  {
    kind: 'laplace',
    label: vscode.l10n.t("Laplace noise (the chapter's exercise 3)"),
    detail: vscode.l10n.t('{0} rows: y = 2·x1 − 3.4·x2 + 4.2 + ε, p(ε) = ½·exp(−|ε|): its likelihood is the absolute loss; train with Loss: absolute', formatCount(1000)),
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
    void fail(vscode.l10n.t('Gauss Lab: open a folder first; the sample dataset is written into it.'));
    return undefined;
  }
  const all = samples();
  let sample = all.find((s) => s.kind === kind);
  if (!sample) {
    const pick = await vscode.window.showQuickPick(
      all.map((s) => ({ label: s.label, detail: s.detail, sample: s })),
      { title: vscode.l10n.t('Gauss Lab: New Sample Dataset'), placeHolder: vscode.l10n.t('Which dataset?') },
    );
    if (!pick) return undefined;
    sample = pick.sample;
  }
  return createUnique(folder.uri, sample.base, '.csv', platform().sampleCsv(sample.kind));
}
