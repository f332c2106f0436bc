import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StreamMessageWriter, type Message } from 'vscode-jsonrpc/node.js';
import { SlicedMessageWriter, SLICED_ITEMS } from '../../../server/out/node/stdioWriter.js';

/** Everything written to a stream by `write`, once the writes are done. */
async function bytesOf(write: (stream: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(stream);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return Buffer.concat(chunks);
}

/** A `publishDiagnostics` with `count` diagnostics, some of them with non-ASCII text, quotes and nulls. */
function diagnostics(count: number, uri = 'file:///big.md'): Message {
  const items = Array.from({ length: count }, (_, i) => ({
    range: { start: { line: i, character: 3 }, end: { line: i, character: 40 } },
    severity: 2,
    code: 'quote-mismatch',
    message: `The source has “naïve café ${i}” where the quote has "x\\y" 😀`,
    data: { sourceText: i % 3 ? 'text\u2028line' : null, diffs: [{ kind: 'substituted', n: i }] },
  }));
  return { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 7, diagnostics: items } } as Message;
}

const SMALL: Message[] = [
  { jsonrpc: '2.0', id: 3, result: { contents: 'a hover — “quoted”' } } as Message,
  { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'indexed' } } as Message,
  diagnostics(3, 'file:///small.md'),
];

test('every message is written with the same bytes as StreamMessageWriter, a long array of diagnostics too', async () => {
  for (const messages of [SMALL, [diagnostics(SLICED_ITEMS + 1)], [diagnostics(4000), ...SMALL, diagnostics(2 * SLICED_ITEMS)]]) {
    const expected = await bytesOf(async (stream) => {
      const writer = new StreamMessageWriter(stream);
      for (const m of messages) await writer.write(m);
    });
    // Without a turn between slices, and with one (requests let in).
    for (const letIn of [() => Promise.resolve(), () => new Promise<void>((resolve) => setImmediate(resolve))]) {
      const actual = await bytesOf(async (stream) => {
        const writer = new SlicedMessageWriter(stream, letIn);
        for (const m of messages) await writer.write(m);
      });
      // (Not assert.equal on the text: a difference would print megabytes.)
      assert.equal(actual.length, expected.length);
      assert.ok(actual.equals(expected), 'the same bytes');
    }
  }
});

test('a response written while a long array is turned into JSON goes ahead of it; notifications keep their order behind it', async () => {
  let writer: SlicedMessageWriter | undefined;
  const order: string[] = [];
  let sentDuring = false;
  const out = await bytesOf(async (stream) => {
    // Between two slices, as if a hover had come in: its answer and a log line are written.
    writer = new SlicedMessageWriter(stream, async () => {
      if (sentDuring) return;
      sentDuring = true;
      void writer!.write({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'after' } } as Message);
      void writer!.write({ jsonrpc: '2.0', id: 9, result: null } as Message);
    });
    await writer.write(diagnostics(20_000));
    await writer.write(SMALL[1]!);
  });
  assert.ok(sentDuring, 'the array was written in more than one slice');
  for (const body of out.toString('utf8').split(/Content-Length: \d+\r\n\r\n/).filter(Boolean)) {
    const message = JSON.parse(body) as { id?: number; method?: string; params?: { message?: string } };
    order.push(message.id !== undefined ? `response ${message.id}` : `${message.method}${message.params?.message ? ` ${message.params.message}` : ''}`);
  }
  assert.deepEqual(order, ['response 9', 'textDocument/publishDiagnostics', 'window/logMessage after', 'window/logMessage indexed']);
});

test('with no long message being made, messages are written in the order given, a response after a notification too', async () => {
  const out = await bytesOf(async (stream) => {
    const writer = new SlicedMessageWriter(stream, () => Promise.resolve());
    await Promise.all([writer.write(SMALL[2]!), writer.write(SMALL[0]!), writer.write(SMALL[1]!)]);
  });
  const expected = await bytesOf(async (stream) => {
    const writer = new StreamMessageWriter(stream);
    for (const m of [SMALL[2]!, SMALL[0]!, SMALL[1]!]) await writer.write(m);
  });
  assert.equal(out.toString('utf8'), expected.toString('utf8'));
});
