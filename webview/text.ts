// How data strings are shown (DOM text and chart titles alike). Pure.

/** Bidirectional controls (U+202A–202E overrides and embeddings, U+2066–2069 isolates, marks). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text as shown: bidirectional control characters become visible `⟨U+202E⟩` marks, so a name
 * like "\u202Eevil.exe" cannot display as "exe.live" (text is inert either way; this stops the
 * spoof). Values sent back to the extension keep the original string.
 */
export function shown(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
