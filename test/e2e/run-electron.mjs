// `npm run test:electron`: the same in-host suite (out/test/suite.js) in desktop VS Code, through
// @vscode/test-electron. It downloads VS Code, so it needs internet: it is NOT part of `npm test`/CI
// here (there, scripts/test-e2e.mjs runs the same suite through code-server).
import { runTests } from '@vscode/test-electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'suite.js'),
    launchArgs: [join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`in-host tests failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
