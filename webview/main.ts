// The Gauss Lab webview: says `ready`, waits for `init`, then shows the playground or the
// normal explorer (init.view). Every message is validated; state changes go through the pure
// reducer; sections update in place; charts are re-embedded only per fit or theme change.
performance.mark('gauss-lab:script');
import './language';
import * as l10n from '@vscode/l10n';
import type { ErrorMessage, ExtensionToWebview, PersistedPlaygroundState, TrainingMessage, WebviewToExtension } from '../src/protocol';
import { button, h, setText } from './dom';
import { describeRejection, initialState, parseExtensionMessage, parsePersisted, persisted, reduce, type Action, type PlaygroundState, type ReadyState } from './state';
import { ChartsSection } from './views/charts';
import type { ViewContext } from './views/context';
import { DataSection } from './views/data';
import { NormalSection } from './views/normal';
import { SummarySection } from './views/summary';
import { TrainingSection } from './views/training';
import { vscodeApi } from './vscode-api';

const titles = (): Record<'playground' | 'normal', string> => ({ playground: l10n.t('Gauss Lab Playground'), normal: l10n.t('Normal Distribution Explorer') });

let state: PlaygroundState = initialState(parsePersisted(vscodeApi.getState()));
let saved: PersistedPlaygroundState | undefined;

const post = (msg: WebviewToExtension) => vscodeApi.postMessage(msg);
const log = (level: 'info' | 'warn' | 'error', message: string) => post({ type: 'log', level, message: message.slice(0, 2000) });

// ---- the page shell -----------------------------------------------------------------------
// Its words are made at the top level, and still in the display language: './language', the first
// import, has set it by then (a module's body runs after every module it imports).
const app = document.getElementById('app') ?? document.body.appendChild(h('main', { id: 'app' }));
const title = h('h1', {}, titles().playground);
// The panel shows the user's work; the version, the mode and the connection are an About away
// (and in the Gauss Lab output channel), not a status badge in the heading.
const handshake = h('dd', { 'data-testid': 'handshake', 'data-state': 'loading' }, l10n.t('connecting…'));
const connection = [h('dt', {}, l10n.t('Connection')), handshake] as const;
const facts = h('dl', { class: 'facts', 'data-testid': 'facts' }, ...connection);
const about = h('details', { class: 'about' }, h('summary', { title: l10n.t('About Gauss Lab'), 'aria-label': l10n.t('About Gauss Lab') }, l10n.t('About')), facts);
const busy = h('div', { class: 'busy', role: 'status', 'data-testid': 'busy', hidden: '' });
const errorBox = h('div', { class: 'error-screen', role: 'alert', 'data-testid': 'error', hidden: '' });
const content = h('div', { class: 'content' });
app.replaceChildren(h('header', { class: 'page-head' }, title, about), errorBox, busy, content);

interface Sections {
  readonly view: 'playground' | 'normal';
  /** A key pressed in the panel: true when it was one of the view's shortcuts. */
  readonly key?: (e: KeyboardEvent) => boolean;
  readonly update: (s: ReadyState, msg?: ExtensionToWebview) => void;
  readonly retheme: () => void;
  readonly exportReport?: () => Promise<void>;
}
let sections: Sections | undefined;

const ctx: ViewContext = {
  state: () => state as ReadyState,
  post,
  dispatch: (action) => apply(action),
  fail: (message) => {
    log('error', message);
    apply({ type: 'error', scope: 'fit', message, hint: l10n.t('The Gauss Lab output channel has the details.') });
  },
};

function buildPlayground(): Sections {
  const data = new DataSection(ctx);
  const summary = new SummarySection(ctx);
  const training = new TrainingSection(ctx);
  const charts = new ChartsSection(ctx);
  charts.extraCharts = () => training.charts();
  content.replaceChildren(data.root, summary.root, training.root, charts.root);
  return {
    view: 'playground',
    update: (s, msg) => {
      data.update(s);
      summary.update(s);
      const t = msg?.type === 'training' ? (msg as TrainingMessage) : undefined;
      training.update(s, t);
      charts.update(s, t);
    },
    retheme: () => {
      training.embedCharts(ctx.state());
      charts.embed();
    },
    exportReport: () => charts.exportReport(),
    key: (e) => training.handleKey(e),
  };
}

function buildNormal(): Sections {
  const normal = new NormalSection(ctx);
  content.replaceChildren(normal.root);
  return { view: 'normal', update: (s) => normal.update(s), retheme: () => normal.embed() };
}

document.addEventListener('keydown', (e) => {
  if (sections?.key?.(e)) e.preventDefault();
});

// ---- rendering ----------------------------------------------------------------------------
function renderShell(s: PlaygroundState, prev: PlaygroundState | undefined): void {
  if (s.kind === 'loading') return;
  if (s.kind === 'error') {
    handshake.dataset.state = 'error';
    setText(handshake, l10n.t('not connected'));
    showError(s.message, s.hint, undefined);
    content.replaceChildren();
    sections = undefined;
    return;
  }
  if (handshake.dataset.state !== 'connected') performance.mark('gauss-lab:connected');
  handshake.dataset.state = 'connected';
  setText(handshake, l10n.t('connected'));
  setText(title, titles()[s.view]);
  document.title = titles()[s.view];
  if (prev?.kind !== 'ready' || prev.init !== s.init) {
    const { extensionVersion, extensionMode, workspaceName } = s.init;
    facts.replaceChildren();
    for (const [id, k, v] of [
      ['extension', l10n.t('Extension'), `v${extensionVersion} (${extensionMode})`],
      ['workspace', l10n.t('Workspace'), workspaceName ?? l10n.t('no folder open')],
    ] as const) {
      facts.append(h('dt', {}, k), h('dd', { 'data-testid': `fact-${id}` }, v));
    }
    facts.append(...connection);
    about.querySelector('summary')!.title = l10n.t('About Gauss Lab: {0}', `v${extensionVersion}${extensionMode === 'production' ? '' : ` (${extensionMode})`}`);
  }
  if (s.error) showError(s.error.message, s.error.hint, s.error.scope);
  else hideError();
  if (s.busy) {
    busy.hidden = false;
    const p = h('progress', { max: '1', 'aria-label': s.busy.message });
    if (s.busy.fraction !== null) p.value = s.busy.fraction;
    busy.replaceChildren(h('span', {}, s.busy.message), p, button(l10n.t('Cancel'), () => post({ type: 'cancel' }), { testid: 'cancel', secondary: true }));
  } else if (!busy.hidden) {
    busy.hidden = true;
    busy.replaceChildren();
  }
}

/** The error screen's heading: what could not be done, in the user's terms, by the error's scope. */
function errorHeading(scope: ErrorMessage['scope'] | undefined): string {
  switch (scope) {
    case 'data':
      return l10n.t('This data could not be used');
    case 'fit':
      return l10n.t('This model could not be fitted');
    case 'training':
      return l10n.t('Training could not go on');
    case 'export':
      return l10n.t('The export did not complete');
    default:
      return l10n.t('Something went wrong');
  }
}

function showError(message: string, hint: string | null, scope: ErrorMessage['scope'] | undefined): void {
  if (!errorBox.hidden && errorBox.dataset.message === message) return;
  errorBox.dataset.message = message;
  if (scope) errorBox.dataset.scope = scope;
  errorBox.replaceChildren(
    h('h2', {}, errorHeading(scope)),
    h('p', { 'data-testid': 'error-message' }, message),
  );
  if (hint) errorBox.append(h('p', { class: 'hint', 'data-testid': 'error-hint' }, hint));
  if (scope) errorBox.append(button(l10n.t('Dismiss'), () => apply({ type: 'local/dismissError' }), { testid: 'dismiss-error', secondary: true }));
  errorBox.hidden = false;
}

function hideError(): void {
  if (errorBox.hidden) return;
  errorBox.hidden = true;
  errorBox.replaceChildren();
  delete errorBox.dataset.message;
}

function apply(action: Action): void {
  const prev = state;
  state = reduce(state, action);
  if (state === prev) return;
  const keep = persisted(state);
  if (keep && (!saved || keep.design !== saved.design || keep.sgd !== saved.sgd || keep.normal !== saved.normal || keep.view !== saved.view)) {
    saved = keep;
    vscodeApi.setState(keep);
  }
  renderShell(state, prev);
  if (state.kind !== 'ready') return;
  if (!sections || sections.view !== state.view) sections = state.view === 'normal' ? buildNormal() : buildPlayground();
  sections.update(state, action.type === 'local/sgd' || action.type === 'local/design' || action.type === 'local/normal' || action.type === 'local/dismissError' ? undefined : action);
  if (action.type === 'requestExport') void sections.exportReport?.();
  // another dataset starts at the top (its data section), not where the last one was scrolled to
  if (action.type === 'dataset' && prev.kind === 'ready' && prev.dataset && prev.dataset.label !== action.dataset.label) window.scrollTo(0, 0);
}

// ---- wiring -------------------------------------------------------------------------------
window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseExtensionMessage(event.data);
  if (!msg) {
    const why = describeRejection(event.data);
    log('warn', `webview dropped a message: ${why}`);
    // a dropped fit or dataset would leave the panel waiting forever: say so instead
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type === 'fit' || type === 'dataset') {
      apply({
        type: 'error',
        scope: type === 'fit' ? 'fit' : 'data',
        message: type === 'fit' ? l10n.t('The panel could not show this fit: {0}', why) : l10n.t('The panel could not show this dataset: {0}', why),
        hint: l10n.t('Choose fewer or shorter-named columns, and report this (Output → Gauss Lab has the details).'),
      });
    }
    return;
  }
  apply(msg);
});

window.addEventListener('error', (e) => log('error', `${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => log('error', `unhandled rejection: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));

// VS Code swaps body classes (vscode-light / vscode-dark / vscode-high-contrast) on a theme change.
let themeClass = document.body.className;
new MutationObserver(() => {
  if (document.body.className === themeClass) return;
  themeClass = document.body.className;
  sections?.retheme();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

post({ type: 'ready' });
