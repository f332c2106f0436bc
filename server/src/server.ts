#!/usr/bin/env node
/**
 * The Verbatim language server. Standalone over stdio
 * (`verbatim-language-server --stdio`), or over IPC when VS Code starts it.
 * It only wires a connection to the session; see `lsp/startServer.ts`.
 */
import { createHash } from 'node:crypto';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { nodeFileSystem } from './node/nodeFileSystem.js';
import { workerBuilder } from './node/workerBuilder.js';
import { startServer } from './lsp/startServer.js';

const connection = createConnection(ProposedFeatures.all);
const builder = workerBuilder();
startServer(connection, {
  fs: nodeFileSystem,
  builder,
  close: () => builder.close(),
  digest: (bytes) => createHash('sha256').update(bytes).digest('hex'),
}, process.cwd().replace(/\\/g, '/'));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unhandled rejection: ${String(error)}`));
