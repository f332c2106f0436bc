/**
 * The real language server over stdio, with sources that have pages and
 * chapters: after each index is built, every workspace folder's first corpus
 * folder gains `annual` (read from `annual.pdf`, see `fixtures/pagedSources`)
 * and `novel` (`novel.epub`), as the PDF and EPUB readers give them. Only the
 * corpus differs from `server/out/server.js`: every handler is the real one.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { startServer } from '../../../server/out/lsp/startServer.js';
import type { Session } from '../../../server/out/lsp/session.js';
import { nodeFileSystem } from '../../../server/out/node/nodeFileSystem.js';
import { ANNUAL, NOVEL, pagedSource } from '../fixtures/pagedSources.js';

const connection = createConnection(ProposedFeatures.all);
const session: Session = startServer(connection, {
  fs: nodeFileSystem,
  indexed: () => {
    for (const folder of session.workspace.all()) {
      const root = folder.corpusRoots[0]!;
      folder.index.set(pagedSource('annual', `${root}/annual.pdf`, ANNUAL));
      folder.index.set(pagedSource('novel', `${root}/novel.epub`, NOVEL, 'chapter'));
    }
  },
}, process.cwd().replace(/\\/g, '/'));
