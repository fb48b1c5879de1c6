/**
 * The playground worker on the web (VS Code for the Web): a browser Web Worker started by the web
 * extension host (dist/web/playground-worker.js). No Node: files arrive as bytes the extension read
 * with VS Code's file system, and what is written goes back to the extension as text.
 */
import { memorySource } from '../core/byte-source';
import type { HostToWorker, WorkerToHost } from './worker-protocol';
import { startPlaygroundWorker } from './playground-compute';

/** The worker's global scope, typed by what is used (the DOM library types `self` as a Window). */
const scope = self as unknown as {
  postMessage(m: WorkerToHost): void;
  addEventListener(type: 'message', listener: (e: { data: HostToWorker }) => void): void;
};

// A message posted to oneself runs after the messages already queued: the browser's setImmediate.
const turns = new MessageChannel();
const waiting: (() => void)[] = [];
turns.port1.onmessage = () => waiting.shift()?.();

startPlaygroundWorker({
  send: (m) => scope.postMessage(m),
  listen: (handler) => scope.addEventListener('message', (e) => handler(e.data)),
  source: (file, name) => {
    if (!('bytes' in file)) throw new Error(`${name}: the web worker reads files as bytes only`);
    return memorySource(name, file.bytes);
  },
  yieldTurn: () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      turns.port2.postMessage(0);
    }),
});
