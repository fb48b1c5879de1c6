// The playground webview: says `ready`, waits for `init`, renders the state.
import { initialState, parseExtensionMessage, persisted, reduce, type PlaygroundState } from './state';
import { vscodeApi } from './vscode-api';

let state: PlaygroundState = initialState;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, text?: string) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function render(s: PlaygroundState): void {
  const app = document.getElementById('app');
  if (!app) return;
  const status =
    s.kind === 'loading'
      ? el('p', { class: 'status', 'data-testid': 'handshake', 'data-state': 'loading' }, 'connecting…')
      : s.kind === 'error'
        ? el('p', { class: 'status error', 'data-testid': 'handshake', 'data-state': 'error', role: 'alert' }, s.message)
        : el('p', { class: 'status ok', 'data-testid': 'handshake', 'data-state': 'connected' }, 'connected');
  const children: Node[] = [el('h1', {}, 'Gauss Lab Playground'), status];
  if (s.kind === 'ready') {
    const { extensionVersion, extensionMode, workspaceName } = s.init;
    const dl = el('dl', { class: 'facts', 'data-testid': 'facts' });
    for (const [k, v] of [
      ['Extension', `v${extensionVersion} (${extensionMode})`],
      ['Workspace', workspaceName ?? 'no folder open'],
    ] as const) {
      dl.append(el('dt', {}, k), el('dd', { 'data-testid': `fact-${k.toLowerCase()}` }, v));
    }
    children.push(dl);
  }
  app.replaceChildren(...children);
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseExtensionMessage(event.data);
  if (!msg) {
    vscodeApi.postMessage({ type: 'log', level: 'warn', message: 'dropped an unknown message from the extension' });
    return;
  }
  state = reduce(state, msg);
  vscodeApi.setState(persisted(state));
  render(state);
});

window.addEventListener('error', (e) => {
  vscodeApi.postMessage({ type: 'log', level: 'error', message: `${e.message} (${e.filename}:${e.lineno})` });
});

render(state);
vscodeApi.postMessage({ type: 'ready' });
