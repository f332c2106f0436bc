// End to end in real VS Code (code-server, chromium), issue 10: a draft whose front matter
// names `refs.bib`. The bibliography's keys are known, the hover on a key shows the formatted
// reference, and a quotation cited to the entry without full text is `quote-unverifiable`.
// Screenshots go to artifacts/e2e/bibliography-*.png; with VERBATIM_UPDATE_IMAGES=1 the
// README's images/bibliography-hover.png is taken again too. Run: npm run test:e2e
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bibFixture, createBibliographyWorkspace, locateInBibDraft } from './support/bibliographyWorkspace.mjs';
import { installExtension, startCodeServer } from './support/codeServer.mjs';
import { buildVsix, ensureCodeServer } from './support/tools.mjs';
import { dismiss, focusEditor, goTo, hoverAtCursor, launchBrowser, openFile, openWorkbench, screenshot } from './support/workbench.mjs';
import { artifactsDir, repoRoot } from './support/workspace.mjs';
import { problemRows, squiggles, statusBarItem } from './support/verbatimUi.mjs';

describe('Verbatim in VS Code (code-server, chromium): a bibliography named in the front matter', { timeout: 10 * 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-code-server-bib-'));
  /** @type {{ page: import('playwright-core').Page, context: import('playwright-core').BrowserContext } | undefined} */
  let browser;
  /** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
  let server;

  before(async () => {
    await ensureCodeServer();
    const vsix = await buildVsix();
    await installExtension(scratch, vsix.path);
    const workspace = createBibliographyWorkspace(scratch);
    server = await startCodeServer(scratch);
    browser = await launchBrowser(scratch);
    browser.context.setDefaultTimeout(60_000);
    await openWorkbench(browser.page, server.url, workspace.folder);
    await openFile(browser.page, bibFixture.draftName);
    await statusBarItem(browser.page).filter({ hasText: /\b\d+ sources\b/ }).waitFor();
  });

  after(async () => {
    const log = server?.output() ?? '';
    await browser?.context.close().catch(() => undefined);
    await server?.stop();
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, 'code-server-bibliography.log'), log);
    const logs = join(scratch, 'user-data', 'logs');
    rmSync(join(artifactsDir, 'vscode-logs-bibliography'), { recursive: true, force: true });
    if (existsSync(logs)) cpSync(logs, join(artifactsDir, 'vscode-logs-bibliography'), { recursive: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lists only the quote-unverifiable information in the Problems panel: the bibliography keys are known', async () => {
    const { page } = browser;
    await squiggles(page, 'info').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const rows = problemRows(page);
    await rows.filter({ hasText: 'quote-unverifiable' }).first().waitFor();
    // The draft is first checked before refs.bib is read, then again: wait for that settled state.
    await rows.filter({ hasText: 'unknown-source' }).waitFor({ state: 'detached' });
    const entries = (await rows.allInnerTexts()).map((text) => text.split('\n').map((line) => line.trim()));
    const listing = entries.map((lines) => lines.join(' ')).join('\n');
    const mine = entries.filter((lines) => lines.includes('verbatim'));
    assert.equal(mine.length, 1, listing);
    const at = locateInBibDraft(bibFixture.unverifiableQuote);
    assert.ok(mine[0].includes('quote-unverifiable'), listing);
    assert.ok(mine[0][0].startsWith(`@${bibFixture.bookKey} has no full text here, so this quotation was not checked`), listing);
    assert.ok(mine[0].includes(`[Ln ${at.line}, Col ${at.column - 1}]`), listing);
    console.log(`problems:\n${listing}`);
    const path = await screenshot(page, 'bibliography-quote-unverifiable');
    console.log(`screenshot: ${path}`);
  });

  it('shows the formatted reference when hovering a bibliography key', async () => {
    const { page } = browser;
    await focusEditor(page);
    const at = locateInBibDraft(`@${bibFixture.bookKey}`);
    await goTo(page, at.line, at.column + 3);
    const text = await hoverAtCursor(page, 'Cousteau');
    assert.ok(text.includes(bibFixture.bookReference), `the hover does not show the reference:\n${text}`);
    const path = await screenshot(page, 'bibliography-hover');
    console.log(`screenshot: ${path}`);
    if (process.env.VERBATIM_UPDATE_IMAGES === '1') {
      // The README's picture (shipped in the VSIX): the draft's lines and the hover, cropped.
      const editor = await page.locator('.editor-instance').first().boundingBox();
      assert.ok(editor);
      const image = join(repoRoot, 'images', 'bibliography-hover.png');
      await page.screenshot({ path: image, clip: { x: editor.x, y: editor.y, width: editor.width, height: 190 } });
      console.log(`README image: ${image}`);
    }
    await dismiss(page);
  });
});
