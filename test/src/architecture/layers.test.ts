import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importsOf } from './imports.js';

/**
 * ARCHITECTURE.md's layering, checked on the sources: the engine (everything
 * under server/src except server.ts, lsp/, node/ and cli/) is a pure library.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const serverSrc = join(root, 'server', 'src');
const PROTOCOL_LAYERS = ['lsp', 'node', 'cli'];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
function isForbiddenInEngine(specifier: string): boolean {
  if (builtins.has(specifier) || specifier.startsWith('node:')) return true;
  return specifier === 'vscode' || specifier.startsWith('vscode-languageserver') || specifier.startsWith('vscode-languageclient')
    || specifier.startsWith('vscode-jsonrpc');
}

function engineFiles(): string[] {
  return sourceFiles(serverSrc).filter((path) => {
    const rel = relative(serverSrc, path).split(/[\\/]/);
    return !(rel.length === 1 && rel[0] === 'server.ts') && !PROTOCOL_LAYERS.includes(rel[0]!);
  });
}

test('the import scanner sees every form of import', () => {
  const code = [
    "import { a } from 'node:fs';",
    "import type { B } from './b.js';",
    "export { c } from '../c.js';",
    "import 'side-effect';",
    "const d = await import('node:worker_threads');",
    "const e = require('child_process');",
    "import {\n  f,\n  g,\n} from 'vscode';",
  ].join('\n');
  assert.deepEqual(importsOf(code).sort(),
    ['../c.js', './b.js', 'child_process', 'node:fs', 'node:worker_threads', 'side-effect', 'vscode'].sort());
});

test('the engine imports no Node built-in, vscode or LSP library', () => {
  const files = engineFiles();
  assert.ok(files.length > 50, `engine files found: ${files.length}`);
  const offences = files.flatMap((path) => importsOf(readFileSync(path, 'utf8'))
    .filter(isForbiddenInEngine)
    .map((specifier) => `${relative(root, path)} imports ${specifier}`));
  assert.deepEqual(offences, []);
});

test('the engine imports nothing from the protocol layers (server.ts, lsp/, node/, cli/)', () => {
  const offences = engineFiles().flatMap((path) => importsOf(readFileSync(path, 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ specifier, target: relative(serverSrc, join(path, '..', specifier)).split(/[\\/]/) }))
    .filter(({ target }) => PROTOCOL_LAYERS.includes(target[0]!) || (target.length === 1 && target[0] === 'server.js'))
    .map(({ specifier }) => `${relative(root, path)} imports ${specifier}`));
  assert.deepEqual(offences, []);
});

test('the VS Code client imports no engine code', () => {
  const offences = sourceFiles(join(root, 'client', 'src')).flatMap((path) => importsOf(readFileSync(path, 'utf8'))
    .filter((specifier) => /(^|\/)server\/src\//.test(specifier) || /\.\.\/\.\.\/server\//.test(specifier))
    .map((specifier) => `${relative(root, path)} imports ${specifier}`));
  assert.deepEqual(offences, []);
});
