// What the UI tests do to the playground panel, in one place.
import { openFile, runCommand, visibleWebviewFrame } from '../../../scripts/e2e/workbench.mjs';

export const OPEN_CSV = 'Gauss Lab: Open CSV in Playground';

/** Opens `file` (in the workspace) in an editor, runs "Open CSV in Playground" on it, waits for its summary; the panel's frame. */
export async function openCsv(page, file) {
  await openFile(page, file);
  await runCommand(page, OPEN_CSV);
  const frame = visibleWebviewFrame(page);
  await frame.locator('[data-testid="dataset-label"]', { hasText: file }).waitFor({ timeout: 30_000 });
  await frame.getByTestId('summary-table').waitFor({ timeout: 30_000 });
  return frame;
}
