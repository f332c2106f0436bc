// What Verbatim puts on the VS Code screen, as locators, and what the fixture draft
// should show (codes, messages, lines) — shared by the code-server and Electron suites.
import { corpusKeys, fixture, locate } from './workspace.mjs';

const mismatchAt = locate(fixture.mismatchQuote);
const unknownAt = locate(fixture.unknownKey);
const misattributedAt = locate(fixture.misattributedQuote);

/**
 * The problems the fixture draft has, in line order (1-based line and column of the
 * range start, as the Problems panel shows them); the verbatim quote on line 3 has none.
 * A quote's range starts at its opening quote mark; an unknown key's at the key.
 */
export const expectedProblems = [
  {
    code: 'quote-mismatch', line: mismatchAt.line, column: mismatchAt.column - 1,
    message: `Misquoted from @${fixture.mismatchKey}: the source says “300”, not “500”.`,
  },
  {
    code: 'unknown-source', line: unknownAt.line, column: unknownAt.column,
    message: `Unknown source @${fixture.unknownKey}.`,
  },
  {
    code: 'quote-misattributed', line: misattributedAt.line, column: misattributedAt.column - 1,
    message: `Misattributed: these words are in @${fixture.misattributedHolder}, not in the cited @${fixture.misattributedKey}.`,
  },
];

/** The title of the quick fix that replaces a misquote with the source's wording. */
export const quickFixTitle = `Replace with the source's wording: “${fixture.mismatchSource}”`;

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

/**
 * What the API suite (test/e2e/vscode/suite.cjs) checks, as the JSON it reads from
 * VERBATIM_E2E: `apiSuiteExpectations('/tmp/w/draft.md')`.
 */
export function apiSuiteExpectations(draft) {
  const hover = locate(fixture.mismatchQuote);
  return {
    draft,
    fixture,
    keys: corpusKeys(),
    problems: expectedProblems,
    quickFixTitle,
    hoverAt: { line: hover.line - 1, character: hover.column + 4 },
  };
}
