#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { nodeFileSystem } from '../node/nodeFileSystem.js';
import { runCli } from './run.js';

/** The package version, read once from the manifest next to the build. */
function version(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const status = await runCli(process.argv.slice(2), {
  fs: nodeFileSystem,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  version: version(),
  now: () => performance.now(),
});
process.exitCode = status;
