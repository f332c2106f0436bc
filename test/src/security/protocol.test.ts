/**
 * The protocol's edges over stdio (issue 11, item 9): requests before
 * `initialize` and after `shutdown` are refused with LSP's codes, a body that
 * is not JSON is answered with a parse error and the server reads on, and a
 * message that cannot be framed ends the server with one line, never leaves it deaf.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../../server/out/server.js', import.meta.url));
const HOVER = { method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere/x.md' }, position: { line: 0, character: 0 } } };
const INITIALIZE = { method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Starts the server, writes `input`, and collects responses until `until` accepts them or the server exits. */
function talk(input: string, until: (responses: { id: unknown; result?: unknown; error?: { code: number } }[]) => boolean) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const responses: { id: unknown; result?: unknown; error?: { code: number } }[] = [];
  return new Promise<{ responses: typeof responses; stderr: string; exitCode: number | null }>((resolve) => {
    const done = (exitCode: number | null) => resolve({ responses, stderr: err, exitCode });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      for (let m = /Content-Length: (\d+)\r\n\r\n/.exec(out); m && out.length >= m.index + m[0].length + Number(m[1]); m = /Content-Length: (\d+)\r\n\r\n/.exec(out)) {
        const start = m.index + m[0].length;
        const message = JSON.parse(out.slice(start, start + Number(m[1])));
        out = out.slice(start + Number(m[1]));
        if ('id' in message && !('method' in message)) responses.push(message);
      }
      if (until(responses)) { child.kill(); done(null); }
    });
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('exit', (code) => done(code));
    child.stdin.write(input);
  });
}

test('a request before initialize gets ServerNotInitialized (-32002)', async () => {
  const { responses } = await talk(frame({ id: 1, ...HOVER }) + frame({ id: 2, ...INITIALIZE }), (r) => r.length >= 2);
  assert.deepEqual(responses[0]!.error?.code, -32002);
  assert.ok(responses[1]!.result, 'initialize is answered after');
});

test('a request after shutdown gets InvalidRequest (-32600)', async () => {
  const { responses } = await talk(frame({ id: 1, ...INITIALIZE }) + frame({ id: 2, method: 'shutdown' }) + frame({ id: 3, ...HOVER }), (r) => r.length >= 3);
  assert.deepEqual(responses.map((r) => r.error?.code ?? 'ok'), ['ok', 'ok', -32600]);
});

test('a body that is not JSON is answered with a parse error (-32700), and the next message is read', async () => {
  const { responses, stderr } = await talk('Content-Length: 5\r\n\r\n{"jso' + frame({ id: 2, ...INITIALIZE }), (r) => r.length >= 2);
  assert.deepEqual(responses.map((r) => [r.id, r.error?.code ?? 'ok']), [[null, -32700], [2, 'ok']]);
  assert.match(stderr, /not valid JSON/);
});

test('a message that cannot be framed ends the server with one line (status 1), never leaves it deaf', async () => {
  for (const input of ['Garbage-Header\r\n\r\n', 'Content-Length: twelve\r\n\r\n{}', `Content-Length: 3\r\n\r\n${frame({ id: 1, ...INITIALIZE }).slice(0, 40)}garbage\r\n\r\n`]) {
    const { exitCode, stderr } = await talk(input + frame({ id: 9, ...INITIALIZE }), () => false);
    assert.equal(exitCode, 1, `${JSON.stringify(input)}: ${stderr}`);
    assert.match(stderr, /verbatim-language-server: .*; exiting\.\n$/);
  }
});
