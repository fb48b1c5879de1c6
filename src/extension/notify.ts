// Every message Gauss Lab shows in a notification goes through here: one place that words
// reach the user from, and a short record of them, which the in-host tests read (through the
// API) to prove that the user was told — e.g. why a benchmark did not run in Restricted Mode.
import * as vscode from 'vscode';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  readonly level: NoticeLevel;
  readonly text: string;
}

const RECORD_LIMIT = 50;
const shown: Notice[] = [];

/** The most recent notifications (oldest first, at most 50). */
export function recentNotices(): readonly Notice[] {
  return shown;
}

function record(level: NoticeLevel, text: string): void {
  shown.push({ level, text });
  if (shown.length > RECORD_LIMIT) shown.splice(0, shown.length - RECORD_LIMIT);
}

/** `showInformationMessage`, recorded; resolves with the action chosen, if any. */
export function inform<T extends string>(text: string, ...actions: T[]): Thenable<T | undefined> {
  record('info', text);
  return vscode.window.showInformationMessage(text, ...actions);
}

/** `showWarningMessage`, recorded. */
export function warn<T extends string>(text: string, ...actions: T[]): Thenable<T | undefined> {
  record('warning', text);
  return vscode.window.showWarningMessage(text, ...actions);
}

/** `showErrorMessage`, recorded. */
export function fail<T extends string>(text: string, ...actions: T[]): Thenable<T | undefined> {
  record('error', text);
  return vscode.window.showErrorMessage(text, ...actions);
}
