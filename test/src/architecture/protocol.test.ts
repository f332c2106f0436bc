/**
 * The protocol between the VS Code client and the server lives in one module,
 * shared/src/protocol.ts, which both import: `tsc -b` then fails on either
 * side when a type changes. These tests keep everything on that path: the
 * module stays plain data, the engine stays out of it, and the client names no
 * method or command of its own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECK_ALL_DRAFTS, CLIENT_COMMANDS, REBUILD_INDEX } from '../../../shared/out/protocol.js';
import { importsOf } from './imports.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('the shared protocol imports nothing but the LSP protocol\'s own types', () => {
  const files = sourceFiles(join(root, 'shared', 'src'));
  assert.ok(files.length > 0);
  const imports = files.flatMap((path) => importsOf(readFileSync(path, 'utf8')).map((specifier) => `${relative(root, path)} imports ${specifier}`));
  assert.deepEqual(imports.filter((line) => !line.endsWith(' imports vscode-languageserver-protocol')), []);
});

test('the engine imports nothing from the shared protocol (it speaks plain data; the protocol is lsp/\'s)', () => {
  const serverSrc = join(root, 'server', 'src');
  const offences = sourceFiles(serverSrc)
    .filter((path) => !['lsp', 'node', 'cli', 'server.ts'].includes(relative(serverSrc, path).split(/[\\/]/)[0]!))
    .flatMap((path) => importsOf(readFileSync(path, 'utf8')).filter((s) => /(^|\/)shared\//.test(s)).map((s) => `${relative(root, path)} imports ${s}`));
  assert.deepEqual(offences, []);
});

test('the client names no Verbatim method, server command or command id by a string of its own', () => {
  const offences = sourceFiles(join(root, 'client', 'src')).flatMap((path) => {
    const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    return [
      ...code.matchAll(/['"`](verbatim\/\w+|workspace\/executeCommand)['"`]/g),
      ...code.matchAll(/registerCommand\(\s*['"`][^'"`]+['"`]/g),
      ...code.matchAll(/sendRequest<|onNotification\(\s*['"`]/g),
    ].map((m) => `${relative(root, path)}: ${m[0]}`);
  });
  assert.deepEqual(offences, []);
});

test('package.json contributes the client\'s commands and the server\'s two palette commands, no others', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, [...Object.values(CLIENT_COMMANDS), CHECK_ALL_DRAFTS, REBUILD_INDEX].sort());
});
