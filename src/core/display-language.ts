// The language people read: messages through @vscode/l10n's `t` (the same bundles and `{0}`
// placeholders as vscode.l10n, so l10n/bundle.l10n.<language>.json serves the extension host,
// the worker and the webview alike) and numbers with the language's separators.
import * as l10n from '@vscode/l10n';
import { setNumberLocale } from './number-format';

/** A display language: VS Code's `env.language` and the messages `vscode.l10n.bundle` loaded. */
export interface DisplayLanguage {
  readonly locale: string;
  /** English message → translation; none for English (every message falls back to its key). */
  readonly messages?: Readonly<Record<string, string>>;
}

/** Most characters a bundle may have when it crosses a process or page boundary. */
const MAX_BUNDLE_CHARS = 1_000_000;

/**
 * Uses `language` for everything this process shows from now on. Call once, before any text is
 * built (a message made earlier stays in the language it was made in).
 */
export function useDisplayLanguage(language: DisplayLanguage): void {
  l10n.config({ contents: { ...(language.messages ?? {}) } });
  setNumberLocale(language.locale);
  current = language;
}

let current: DisplayLanguage = { locale: 'en' };

/** The language this process uses, to hand to a thread or bundle it starts (which has its own). */
export function currentDisplayLanguage(): DisplayLanguage {
  return current;
}

/**
 * A display language read from outside (a page attribute, a worker message), or undefined when it
 * is not one: a locale tag and a flat map of strings, nothing else.
 */
export function parseDisplayLanguage(value: unknown): DisplayLanguage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { locale, messages } = value as Record<string, unknown>;
  if (typeof locale !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(locale)) return undefined;
  if (messages === undefined) return { locale };
  if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) return undefined;
  const out: Record<string, string> = Object.create(null);
  let chars = 0;
  for (const [k, v] of Object.entries(messages)) {
    if (typeof v !== 'string') return undefined;
    chars += k.length + v.length;
    if (chars > MAX_BUNDLE_CHARS) return undefined;
    out[k] = v;
  }
  return { locale, messages: out };
}
