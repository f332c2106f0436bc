// What Verbatim puts on the VS Code screen, as locators, and what the fixture draft
// should show (codes, messages, lines) — shared by the code-server and Electron suites.
import { fixture, locate } from './workspace.mjs';

/** The problems the fixture draft has, in line order; the verbatim quote on line 3 has none. */
export const expectedProblems = [
  { code: 'quote-mismatch', line: locate(fixture.mismatchQuote).line, message: /"300".*"500"|"500".*"300"/ },
  { code: 'unknown-source', line: locate(fixture.unknownKey).line, message: new RegExp(fixture.unknownKey) },
  { code: 'quote-misattributed', line: locate(fixture.misattributedQuote).line, message: new RegExp(fixture.misattributedHolder) },
];

/** The title of the quick fix that replaces a misquote with the source's wording. */
export const quickFixTitle = /source wording|source's wording|Replace with/i;

/** The extension's status bar item (its DOM id starts with the extension id). */
export function statusBarItem(page) {
  return page.locator('.statusbar-item[id^="verbatim-writing.verbatim"]').first();
}

/** Squiggle decorations of one severity in the active editor. */
export function squiggles(page, severity) {
  return page.locator(`.editor-instance .monaco-editor .squiggly-${severity}`);
}

/** The rows of the Problems panel (file rows and problem rows). */
export function problemRows(page) {
  return page.locator('.markers-panel .monaco-list-row');
}
