#!/usr/bin/env node
/**
 * The Verbatim language server. Standalone over stdio
 * (`verbatim-language-server --stdio`), or over IPC when VS Code starts it.
 * It only wires a connection to the session; see `lsp/startServer.ts`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { nodeFileSystem } from './node/nodeFileSystem.js';
import { startServer } from './lsp/startServer.js';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, nodeFileSystem, process.cwd().replace(/\\/g, '/'));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unhandled rejection: ${String(error)}`));
