/**
 * VS Code for the Web: the extension runs in a browser's Web Worker. The playground's computation
 * runs in a Web Worker of its own (dist/web/playground-worker.js, the same core); files are read
 * and written only through `vscode.workspace.fs`, which hands over whole files — so a data file is
 * read into memory once and transferred (not copied) to the worker.
 */
import * as vscode from 'vscode';
import { memorySource } from '../core/byte-source';
import { formatOf } from '../core/table-formats';
import { formatBytes } from '../core/number-format';
import { sampleCsv } from './lazy/sample-data';
import { writeNewThroughVsCode } from './new-file';
import type { Platform, WorkerPort } from './platform';
import type { WorkerToHost } from '../worker/worker-protocol';

/**
 * The largest data file the web reads: it is held in memory twice at most (the file, and the
 * table the worker keeps), and a browser tab has a few GB. Beyond it, a message says to use the
 * desktop, which streams files of any size.
 */
export const WEB_MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Files the picker reads to count rows and columns on the web (it reads whole files). */
const DESCRIBE_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The worker script's URL. On vscode.dev and github.dev the extension is served over https and
 * the web extension host starts a worker from that URL. Where the extension lives on a server
 * (`vscode-remote:`: code-server, a codespace in the browser) the host refuses such a worker
 * ("Creating workers from remote extensions is currently not supported"): the script is read
 * through VS Code's file system and started from a blob URL of this origin.
 */
async function workerScriptUrl(extensionUri: vscode.Uri): Promise<string> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'playground-worker.js');
  if (script.scheme === 'https' || script.scheme === 'http') return script.toString(true);
  const bytes = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
}

function webWorker(extensionUri: vscode.Uri): WorkerPort {
  let worker: Worker | undefined;
  let stopped = false;
  // messages sent before the script is there wait for it, in order
  const queue: [unknown, ArrayBuffer[] | undefined][] = [];
  let onMessage: ((m: WorkerToHost) => void) | undefined;
  let onError: ((reason: string) => void) | undefined;
  void workerScriptUrl(extensionUri).then(
    (url) => {
      if (stopped) return;
      worker = new Worker(url);
      worker.addEventListener('message', (e) => onMessage?.(e.data));
      worker.addEventListener('error', (e) => onError?.(e.message || 'the compute worker could not start'));
      for (const [m, transfer] of queue.splice(0)) worker.postMessage(m, transfer ?? []);
    },
    (e: unknown) => onError?.(`the compute worker's script could not be read: ${e instanceof Error ? e.message : String(e)}`),
  );
  return {
    post: (m, transfer) => (worker ? worker.postMessage(m, transfer ?? []) : queue.push([m, transfer])),
    onMessage: (listener) => (onMessage = listener),
    onError: (listener) => (onError = listener),
    terminate: async () => {
      stopped = true;
      worker?.terminate();
    },
  };
}

async function readWhole(uri: vscode.Uri, max: number): Promise<Uint8Array | { error: string; hint: string }> {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.type & vscode.FileType.Directory) return { error: vscode.l10n.t('{0} is a folder, not a data file.', name), hint: vscode.l10n.t('Choose a data file.') };
    if (st.size > max) {
      return {
        error: vscode.l10n.t('{0} is {1}: larger than the {2} VS Code for the Web can hold in memory.', name, formatBytes(st.size), formatBytes(max)),
        hint: vscode.l10n.t('Open it in desktop VS Code, which streams files of any size, or open a sample of its rows.'),
      };
    }
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    return {
      error: vscode.l10n.t('{0} cannot be read: {1}', name, e instanceof Error ? e.message : String(e)),
      hint: vscode.l10n.t('Check that the file exists, then try again.'),
    };
  }
}

export const webPlatform: Platform = {
  kind: 'web',
  startWorker: webWorker,
  fileRef: async (uri) => {
    const bytes = await readWhole(uri, WEB_MAX_FILE_BYTES);
    if (!(bytes instanceof Uint8Array)) return bytes;
    // transfer when the bytes own their buffer; a view into a larger one is copied
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return { file: { bytes: own }, transfer: [own.buffer as ArrayBuffer] };
  },
  workerWrites: false,
  writeNew: writeNewThroughVsCode,
  describeFile: async (uri) => {
    const bytes = await readWhole(uri, DESCRIBE_MAX_BYTES);
    if (!(bytes instanceof Uint8Array)) return undefined;
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    return formatOf(name).describe(memorySource(name, bytes));
  },
  sampleCsv,
};
