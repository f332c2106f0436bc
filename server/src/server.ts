#!/usr/bin/env node
/**
 * The Verbatim language server. Standalone over stdio
 * (`verbatim-language-server --stdio`), or over IPC when VS Code starts it.
 * It only wires a connection to the session (`lsp/startServer.ts`) with the
 * Node adapters of `node/`: files, worker threads, digests, the version.
 */
// First: this starts the first BibTeX thread before the modules below are evaluated (see the module).
import { earlyBibtexWorker } from './node/earlyBibtexThread.js';
import { isUtf8 } from 'node:buffer';
import { availableParallelism, homedir } from 'node:os';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { collectGarbageSoon, whenIdle } from './node/collectGarbage.js';
import { sha256Digest } from './node/digest.js';
import { extractWorkers } from './node/extractWorkers.js';
import { bibtexThread } from './node/bibtexThread.js';
import { nodeFileSystem } from './node/nodeFileSystem.js';
import { packageVersion } from './node/packageVersion.js';
import { StdioMessageReader } from './node/stdioReader.js';
import { SlicedMessageWriter } from './node/stdioWriter.js';
import { workerBuilder } from './node/workerBuilder.js';
import { startServer } from './lsp/startServer.js';

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

/**
 * Over stdio, a framing error is answered and logged, never left to make the
 * server deaf: a body that is not JSON gets a ParseError response (-32700) and
 * the next message is read as usual; a header without a valid Content-Length,
 * or a body that never arrives in full (a wrong Content-Length), cannot be
 * re-synchronised, so the server says why on stderr and exits (status 1) for
 * the client to restart it.
 */
function stdioConnection() {
  // Bodies decoded as they arrive: a 5 MB draft's didOpen no longer holds the thread ~90 ms in one piece (`stdioReader.ts`).
  const reader = new StdioMessageReader(process.stdin);
  // A long array (6,250 diagnostics) turned into JSON in slices, responses written ahead of it (`stdioWriter.ts`).
  const writer = new SlicedMessageWriter(process.stdout);
  const fatal = (why: string) => {
    process.stderr.write(`verbatim-language-server: ${why}; exiting.\n`, () => process.exit(1));
  };
  reader.onError((error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (/JSON|Unexpected|token/i.test(message) && !/Content-Length|header/i.test(message)) {
      process.stderr.write(`verbatim-language-server: a message was not valid JSON (${message.split('\n')[0]}); it was answered with a parse error.\n`);
      void writer.write({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${message.split('\n')[0]}` } } as never);
      return;
    }
    fatal(`a message could not be framed (${message.split('\n')[0]})`);
  });
  reader.onPartialMessage((info) => {
    if (info.waitingTime >= 10_000) fatal(`a message's body did not arrive in full within ${info.waitingTime / 1000} s (a wrong Content-Length?)`);
  });
  return createConnection(ProposedFeatures.all, reader, writer);
}
// One core is left to the connection: measured on the 100 MB corpus with two cores,
// requests during a cold index wait at most ~50-100 ms instead of ~100-190 ms, for a
// cold index of 3.1 s instead of 2.6 s. The CLI, with nobody waiting, uses every core.
// The figures: bench/README.md ("Targets": cold index, requests during a cold index).
const builder = workerBuilder(Math.max(1, availableParallelism() - 1));
// PDF, web page, Word and EPUB files are read on every core, each file within a time and memory budget.
const extraction = extractWorkers();
// BibTeX files are read on worker threads, the first one started now (see `indexed`).
const bibtex = bibtexThread(() => session.cacheDirectory, { spare: earlyBibtexWorker });
const session = startServer(connection, {
  fs: nodeFileSystem,
  builder,
  extract: extraction.extract,
  close: async () => { await Promise.all([builder.close(), extraction.close()]); },
  digest: sha256Digest,
  isUtf8,
  indexed: () => {
    // The BibTeX thread started ahead ends once the server is idle after indexing, if no draft
    // named a bibliography by then (open drafts are checked before that): it is a V8 isolate,
    // 10-18 MB resident, in every workspace (bench/README.md, "Reopening extracted sources").
    whenIdle(() => bibtex.releaseSpare(), 1000);
    collectGarbageSoon();
  },
  whenIdle,
  home: homedir().replace(/\\/g, '/'),
  // BibTeX files are read on worker threads (the first one started now): keys first, then the
  // full parse; both are kept with the saved index (the client's storage folder).
  bibtexThread: bibtex,
  // The thread reads each file itself: no turn of this thread's event loop for it.
  threadReadsFiles: true,
  version: packageVersion(import.meta.url),
}, process.cwd().replace(/\\/g, '/'));
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unhandled rejection: ${String(error)}`));
