#!/usr/bin/env node
import { isUtf8 } from 'node:buffer';
import { homedir } from 'node:os';
import { sha256Digest } from '../node/digest.js';
import { extractWorkers } from '../node/extractWorkers.js';
import { nodeFileSystem } from '../node/nodeFileSystem.js';
import { packageVersion } from '../node/packageVersion.js';
import { workerBuilder } from '../node/workerBuilder.js';
import { runCli } from './run.js';

// Output that cannot be written (a reader that closed early, `| head -1`; a full disk) ends the run
// with one line and status 2, never a stack trace (status 1 would read as "findings").
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (stream !== process.stderr) process.stderr.write(`verbatim: cannot write the output (${error.code ?? error.message})\n`, () => process.exit(2));
    else process.exit(2);
  });
}

const builder = workerBuilder();
const extraction = extractWorkers();
const status = await runCli(process.argv.slice(2), {
  fs: nodeFileSystem,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  version: packageVersion(import.meta.url),
  now: () => performance.now(),
  builder,
  digest: sha256Digest,
  isUtf8,
  extract: extraction.extract,
  cwd: process.cwd(),
  home: homedir(),
});
await Promise.all([builder.close(), extraction.close()]);
process.exitCode = status;
