// DOM building with createElement and textContent only: data strings (column names, values,
// file names) are always text, never markup.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';

import type { NumberBound } from '../src/core/bounds';
import { formatAs, formatCount, formatNumber, localDigits, type NumberRole } from '../src/core/number-format';
import { shown } from './text';

type Child = Node | string | null | undefined | false;

/** `h('p', { class: 'note' }, 'text', child)`: attributes via setAttribute, strings as text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string | undefined>, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Record<string, string | undefined>, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(shown(c)) : c);
  return e;
}

/** Sets text only when it changed (cheap to call at 60 Hz). */
export function setText(e: Element, text: string): void {
  const t = shown(text);
  if (e.textContent !== t) e.textContent = t;
}

/** A stable id from a label, so a rebuilt form can give focus back to the same control. */
export const idFor = (prefix: string, label: string) => `${prefix}-${label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}`;

/** A labelled row: a visible <label> bound to the control (keyboard users reach it by Tab). */
/**
 * Gives a control its accessible name. A vscode-elements text field or select names its inner
 * input from its `label` property (what <vscode-label> sets): a native <label for> and the host's
 * aria-label do not reach into its shadow root, so a screen reader (and axe-core) found an input
 * without a name.
 */
export function nameControl(control: HTMLElement, label: string): void {
  control.setAttribute('aria-label', label);
  if (control.tagName === 'VSCODE-TEXTFIELD' || control.tagName === 'VSCODE-SINGLE-SELECT') (control as HTMLElement & { label: string }).label = label;
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = idFor('f', label);
  const lab = h('label', { for: control.id, class: 'field-label' }, label);
  nameControl(control, label);
  return h('div', { class: 'field' }, lab, control, hint ? h('span', { class: 'field-hint' }, hint) : null);
}

export interface ButtonOptions {
  readonly testid?: string;
  readonly secondary?: boolean;
  readonly title?: string;
}

export function button(label: string, onClick: () => void, opts: ButtonOptions = {}): HTMLElement {
  const b = h('vscode-button', { 'data-testid': opts.testid, title: opts.title, 'aria-label': label }, label);
  if (opts.secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

/**
 * Disables a control: the attribute for vscode-elements, and aria-disabled, which says so to
 * assistive technology inside the component's shadow root too (and exempts the inactive control's
 * dimmed text from the contrast minimum, WCAG 1.4.3).
 */
export function setDisabled(e: Element, disabled: boolean): void {
  if (disabled) {
    e.setAttribute('disabled', '');
    e.setAttribute('aria-disabled', 'true');
  } else {
    e.removeAttribute('disabled');
    e.removeAttribute('aria-disabled');
  }
}

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void, testid?: string): HTMLElement & { checked: boolean } {
  const c = h('vscode-checkbox', { 'data-testid': testid }, label) as HTMLElement & { checked: boolean };
  c.checked = checked;
  c.addEventListener('change', () => onChange(c.checked));
  return c;
}

export function select<T extends string>(options: readonly { value: T; label: string }[], value: T, onChange: (v: T) => void, testid?: string): HTMLElement & { value: string } {
  const s = h('vscode-single-select', { 'data-testid': testid }) as HTMLElement & { value: string };
  for (const o of options) {
    const opt = h('vscode-option', { value: o.value }, o.label);
    if (o.value === value) opt.setAttribute('selected', '');
    s.append(opt);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value as T));
  return s;
}

/** A text field; `onChange` gets the committed text (Enter or blur), `onInput` every keystroke. */
/** The `type`/`min`/`max`/`step` of a number input for a core bound. */
export function numberInput(bound: NumberBound): { type: 'number'; min: number; max?: number; step: number | 'any' } {
  return { type: 'number', min: bound.min, ...(bound.max !== Infinity ? { max: bound.max } : {}), step: bound.integer ? 1 : 'any' };
}

export function textfield(value: string, onChange: (v: string) => void, opts: { testid?: string; type?: 'number' | 'text'; min?: number; max?: number; step?: number | 'any' } = {}): HTMLElement & { value: string } {
  const t = h('vscode-textfield', { 'data-testid': opts.testid, type: opts.type ?? 'text' }) as HTMLElement & { value: string };
  if (opts.min !== undefined) t.setAttribute('min', String(opts.min));
  if (opts.max !== undefined) t.setAttribute('max', String(opts.max));
  if (opts.step !== undefined) t.setAttribute('step', String(opts.step));
  t.value = value;
  t.addEventListener('change', () => onChange(t.value));
  return t;
}

/** A native range input (vscode-elements has none), styled by the theme in the CSS. */
export function slider(min: number, max: number, step: number, value: number, onInput: (v: number) => void, testid?: string): HTMLInputElement {
  const r = h('input', { type: 'range', min: String(min), max: String(max), step: String(step), 'data-testid': testid, class: 'slider' });
  r.value = String(value);
  r.addEventListener('input', () => onInput(Number(r.value)));
  return r;
}

/** How long a calm live chart waits between redraws (reduced motion). */
export const CALM_REDRAW_MS = 1000;

/**
 * Whether live charts should move calmly: VS Code's `workbench.reduceMotion` is "on", or it is
 * "auto" (the default) and the system asks for reduced motion.
 */
export function reducedMotion(setting: 'on' | 'off' | 'auto' = 'auto'): boolean {
  if (setting !== 'auto') return setting === 'on';
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * A live redraw: once per animation frame, or, when `calm()` (reduced motion), at most once per
 * CALM_REDRAW_MS — the data still arrive, in fewer, larger steps, instead of a chart that moves
 * 60 times a second.
 */
export function liveRedraw(fn: () => void, calm: () => boolean): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    const run = () => {
      pending = false;
      fn();
    };
    if (calm()) setTimeout(run, CALM_REDRAW_MS);
    else requestAnimationFrame(run);
  };
}

/** Calls `fn` at most once per animation frame with the latest arguments. */
export function perFrame<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let pending: A | undefined;
  return (...args: A) => {
    const first = pending === undefined;
    pending = args;
    if (first) {
      requestAnimationFrame(() => {
        const a = pending!;
        pending = undefined;
        fn(...a);
      });
    }
  };
}

/** A number in `digits` significant digits, as the core writes every number people read; "—" for null/NaN. */
export function num(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : formatNumber(x, digits);
}

/** A number by its role (src/core/number-format.ts: the same value reads the same everywhere); "—" for null/NaN. */
export function numAs(role: NumberRole, x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : formatAs(role, x);
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return localDigits(p < 0.001 ? (p < 1e-16 ? '< 1e-16' : p.toExponential(1)) : p.toFixed(3));
}

/** A count with thousands grouped (the core's one formatter). */
export const thousands = formatCount;
