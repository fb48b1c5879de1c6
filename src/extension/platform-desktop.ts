/**
 * Desktop VS Code (and remote, where the extension runs beside the files): Node's worker threads,
 * files streamed from disk by path, exclusive creates, and the parts activation does not need in
 * their own bundles, required on first use (./lazy/).
 */
import { writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { lazyBundle } from './lazy/load';
import { localPath } from './local-path';
import { writeNewThroughVsCode } from './new-file';
import type { Platform, WorkerPort } from './platform';

const dataFiles = lazyBundle<typeof import('./lazy/data-files')>('data-files.js');
const sampleData = lazyBundle<typeof import('./lazy/sample-data')>('sample-data.js');

function nodeWorker(script: string): WorkerPort {
  const worker = new Worker(script);
  let terminating = false;
  let onError: ((reason: string) => void) | undefined;
  worker.on('error', (e) => onError?.(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)));
  worker.on('exit', (code) => {
    if (!terminating) onError?.(`exit code ${code}`);
  });
  return {
    post: (m, transfer) => worker.postMessage(m, transfer),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) => (onError = listener),
    terminate: () => {
      terminating = true;
      return worker.terminate();
    },
  };
}

export const desktopPlatform: Platform = {
  kind: 'desktop',
  startWorker: (extensionUri) => nodeWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'playground-worker.js').fsPath),
  fileRef: async (uri) => {
    const path = localPath(uri);
    if (path) return { file: { path } };
    // a virtual file system on the desktop (a git revision, a remote repository): its bytes
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      return { file: { bytes }, transfer: [bytes.buffer as ArrayBuffer] };
    } catch (e) {
      return {
        error: vscode.l10n.t('{0} cannot be read: {1}', uri.toString(true), e instanceof Error ? e.message : String(e)),
        hint: vscode.l10n.t('Save it as a file in the workspace, then open it again.'),
      };
    }
  },
  workerWrites: true,
  writeNew: async (uri, bytes) => {
    const path = localPath(uri);
    if (!path) return writeNewThroughVsCode(uri, bytes);
    try {
      await writeFile(path, bytes, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  },
  describeFile: async (uri) => {
    const path = localPath(uri);
    return path ? dataFiles().describeTableFile(path) : undefined;
  },
  sampleCsv: (kind) => sampleData().sampleCsv(kind),
};
