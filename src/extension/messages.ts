import type { WebviewToExtension } from '../protocol';

const LOG_LEVELS = new Set(['info', 'warn', 'error']);

/**
 * Validates a message received from the webview.
 * @returns the typed message, or undefined for anything that is not a known, well-formed message.
 * @example parseWebviewMessage({ type: 'ready' }) // { type: 'ready' }
 */
export function parseWebviewMessage(raw: unknown): WebviewToExtension | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'log':
      if (typeof m.level === 'string' && LOG_LEVELS.has(m.level) && typeof m.message === 'string') {
        return { type: 'log', level: m.level as 'info' | 'warn' | 'error', message: m.message.slice(0, 2000) };
      }
      return undefined;
    default:
      return undefined;
  }
}

/** A short, safe rendering of an unknown value for the log. */
export function describeForLog(raw: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(raw) ?? String(raw);
  } catch {
    s = String(raw);
  }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
