// Drives the VS Code workbench that code-server serves, through Debian's chromium and
// playwright-core (no browser download). Every step waits on what the page shows.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './tools.mjs';
import { artifactsDir } from './workspace.mjs';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches chromium with a fresh profile under `scratch`; returns the context and its page. */
export async function launchBrowser(scratch) {
  const context = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
    // Chromium keeps its own files (NSS database, crash reports) under HOME: keep them in the scratch folder.
    env: { ...process.env, HOME: scratch, XDG_CONFIG_HOME: join(scratch, 'chromium-config'), XDG_CACHE_HOME: join(scratch, 'chromium-cache') },
    viewport: { width: 1400, height: 900 },
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Opens `folder` in the workbench and waits until the explorer shows it. */
export async function openWorkbench(page, url, folder) {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
  await page.locator('.statusbar').waitFor();
}

/** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Runs a command by its palette label ("Verbatim: Show Output"), as a user would with F1. */
export async function runCommand(page, label) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Moves the cursor to 1-based `line`:`column` with Go to Line (Ctrl+G). */
export async function goTo(page, line, column) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.editor-instance .monaco-editor .cursors-layer .cursor').first().waitFor();
}

/** Puts keyboard focus into the active text editor. */
export async function focusEditor(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor();
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once `expected` shows in it. */
export async function hoverAtCursor(page, expected) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: expected }).first();
  await hover.waitFor();
  return hover.innerText();
}

/**
 * Applies the code action whose title matches `title` from the open Quick Fix menu,
 * moving the keyboard focus to it (the menu blocks the pointer while it is open).
 */
export async function chooseAction(page, title) {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.filter({ hasText: title }).first().waitFor();
  const count = await rows.count();
  for (let step = 0; step <= count; step++) {
    if ((await rows.filter({ hasText: title }).and(page.locator('.focused')).count()) > 0) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no code action titled ${title} could be focused`);
}

/** Closes any hover, suggest or action widget. */
export async function dismiss(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}

/** The text of the editor's visible lines, top to bottom, as the user sees it. */
export async function visibleText(page) {
  return page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
}

/** Saves a full-page screenshot as artifacts/e2e/NN-name.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
