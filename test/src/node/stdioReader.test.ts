import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StdioMessageReader } from '../../../server/out/node/stdioReader.js';

function frame(message: object, headers = ''): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${headers}\r\n`, 'ascii'), body]);
}

/** The messages and errors `input`, written in the given pieces, is read as. */
async function read(input: Buffer, cuts: number[]): Promise<{ messages: unknown[]; errors: string[] }> {
  const stream = new PassThrough();
  const reader = new StdioMessageReader(stream);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((e) => errors.push(e instanceof Error ? e.message : String(e)));
  reader.listen((m) => messages.push(m));
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    if (cut > from) stream.write(input.subarray(from, cut));
    from = Math.max(from, cut);
  }
  await new Promise<void>((resolve) => stream.end(resolve));
  reader.dispose();
  return { messages, errors };
}

const MESSAGES = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } },
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///d.md', text: 'She said “café — naïve 😀” [@k].\n'.repeat(40) } } },
  { jsonrpc: '2.0', id: 2, method: 'shutdown' },
];

test('messages split anywhere (in headers, bodies, a character\'s bytes) are read whole and in order', async () => {
  const input = Buffer.concat([frame(MESSAGES[0]!), frame(MESSAGES[1]!, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame(MESSAGES[2]!)]);
  assert.deepEqual((await read(input, [])).messages, MESSAGES);
  for (let cut = 1; cut < input.length; cut += 7) {
    const { messages, errors } = await read(input, [cut, cut + 1, cut + 3]);
    assert.deepEqual(errors, [], `cut at ${cut}`);
    assert.deepEqual(messages, MESSAGES, `cut at ${cut}`);
  }
  // One byte at a time.
  assert.deepEqual((await read(input, Array.from({ length: input.length }, (_, i) => i))).messages, MESSAGES);
});

test('a large body (parsed as it comes) is read whole, and one that is not JSON is an error after which the next is read', async () => {
  const big = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.md', version: 1, text: 'She said “café — naïve 😀” [@k].\n\t"x"\\\n'.repeat(20_000) } } };
  const input = Buffer.concat([frame(big), frame(MESSAGES[2]!)]);
  assert.ok(input.length > 600_000);
  for (const cuts of [[], [65_536, 131_072, 131_073, 400_001], Array.from({ length: 200 }, (_, i) => i * 3_001 + 17)]) {
    const { messages, errors } = await read(input, cuts);
    assert.deepEqual(errors, []);
    assert.deepEqual(messages, [big, MESSAGES[2]]);
  }
  const broken = Buffer.from(frame(big).toString('utf8').replace('"version":1', '"version":1,,'), 'utf8');
  const fixedLength = Buffer.concat([Buffer.from(`Content-Length: ${broken.length - broken.indexOf('\r\n\r\n') - 4}\r\n\r\n`), broken.subarray(broken.indexOf('\r\n\r\n') + 4)]);
  const { messages, errors } = await read(Buffer.concat([fixedLength, frame(MESSAGES[2]!)]), [70_000]);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /JSON/);
  assert.deepEqual(messages, [MESSAGES[2]]);
});

test('a body that is not JSON is an error, and the next message is read; headers that cannot frame one are errors', async () => {
  const bad = await read(Buffer.concat([Buffer.from('Content-Length: 5\r\n\r\n{"jso', 'ascii'), frame(MESSAGES[2]!)]), [10, 23]);
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0]!, /JSON|Unexpected/);
  assert.deepEqual(bad.messages, [MESSAGES[2]]);
  for (const [input, pattern] of [
    ['Garbage-Header\r\n\r\n', /header/],
    ['Content-Length: twelve\r\n\r\n{}', /Content-Length/],
    ['X-Other: 1\r\n\r\n{}', /Content-Length/],
    ['Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}', /charset/],
  ] as const) {
    const { errors, messages } = await read(Buffer.from(input, 'ascii'), []);
    assert.equal(messages.length, 0, input);
    assert.match(errors[0] ?? '', pattern, input);
  }
});
