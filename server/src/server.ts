#!/usr/bin/env node
/**
 * The Verbatim language server. Standalone over stdio
 * (`verbatim-language-server --stdio`), or over IPC when VS Code starts it.
 * It only wires a connection to the session; see `lsp/startServer.ts`.
 */
import { isUtf8 } from 'node:buffer';
import { availableParallelism, homedir } from 'node:os';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { collectGarbageSoon } from './node/collectGarbage.js';
import { sha256Digest } from './node/digest.js';
import { fullBibParser } from './node/fullBibParse.js';
import { nodeFileSystem } from './node/nodeFileSystem.js';
import { workerBuilder } from './node/workerBuilder.js';
import { startServer } from './lsp/startServer.js';

const connection = createConnection(ProposedFeatures.all);
// One core is left to the connection: measured on the 100 MB corpus with two cores,
// requests during a cold index wait at most ~50-100 ms instead of ~100-190 ms, for a
// cold index of 3.1 s instead of 2.6 s. The CLI, with nobody waiting, uses every core.
const builder = workerBuilder(Math.max(1, availableParallelism() - 1));
const session = startServer(connection, {
  fs: nodeFileSystem,
  builder,
  close: () => builder.close(),
  digest: sha256Digest,
  isUtf8,
  indexed: collectGarbageSoon,
  home: homedir().replace(/\\/g, '/'),
  // The full BibTeX parse's results are kept with the saved index (the client's storage folder).
  fullBibParse: fullBibParser(() => session.cacheDirectory),
}, process.cwd().replace(/\\/g, '/'));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unhandled rejection: ${String(error)}`));
