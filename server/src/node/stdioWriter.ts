/**
 * The server's message writer over stdio: vscode-jsonrpc's
 * `StreamMessageWriter`, but a message holding a long array (the 6,250
 * diagnostics of a 50,000-quotation draft: 6 MB of JSON) is turned into bytes
 * in slices, with requests let in between, instead of in one piece
 * (`JSON.stringify` and `Buffer.from` held the thread 95 ms). Meanwhile
 * responses are written at once, ahead of it; other messages (notifications,
 * the server's own requests) keep their order behind it, so a newer
 * `publishDiagnostics` never arrives before an older one. The bytes of every
 * message are the same as `StreamMessageWriter`'s (`test/src/node/stdioWriter.test.ts`).
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-jsonrpc/node.js';
import { letRequestsIn } from '../engine/timeSlices.js';

/** A message whose params hold an array longer than this is written in slices. */
export const SLICED_ITEMS = 500;
/** How long one slice of a long array's JSON runs before requests are let in. */
const SLICE_MS = 4;

export class SlicedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  /** Messages that keep their order (all but responses), each written once the one before is. */
  private ordered: Promise<void> = Promise.resolve();
  /** Messages in `ordered` not yet written: while there are any, the others queue behind them. */
  private waiting = 0;
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream, private readonly letIn: () => Promise<void> = letRequestsIn) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const long = longArray(msg);
    // Written at once, as StreamMessageWriter would, when no long message is being made; a response
    // even then: nothing the client waits for depends on a notification queued before it.
    if (!long && (this.waiting === 0 || isResponse(msg))) return this.send(msg, () => [encode(msg)]);
    this.waiting++;
    const queued = this.ordered.then(async () => {
      const chunks = long ? await this.inSlices(msg, long) : [encode(msg)];
      await this.send(msg, () => chunks);
    }).finally(() => { this.waiting--; });
    this.ordered = queued.catch(() => undefined);
    return queued;
  }

  end(): void {
    this.out.end();
  }

  /** Writes the header and `chunks()` in one go (no other message can come between them). */
  private send(msg: Message, chunks: () => Buffer[]): Promise<void> {
    try {
      const body = chunks();
      const length = body.reduce((n, b) => n + b.byteLength, 0);
      const out = this.out as NodeJS.WritableStream & { cork?: () => void; uncork?: () => void };
      out.cork?.();
      out.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
      let last: Promise<void> = Promise.resolve();
      for (const chunk of body) {
        last = new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve())));
      }
      out.uncork?.();
      return last.catch((error: unknown) => this.failed(error, msg));
    } catch (error) {
      return this.failed(error, msg);
    }
  }

  private failed(error: unknown, msg: Message): Promise<void> {
    this.errors++;
    this.fireError(error instanceof Error ? error : new Error(String(error)), msg, this.errors);
    return Promise.reject(error);
  }

  /** The message's JSON as bytes, its long array's items turned to JSON a slice at a time. */
  private async inSlices(msg: Message, long: LongArray): Promise<Buffer[]> {
    const marker = `\u0000verbatim-sliced-${Math.random().toString(36).slice(2)}\u0000`;
    const shell = JSON.stringify({ ...msg, params: { ...long.params, [long.key]: marker } }, undefined, 0);
    const quoted = JSON.stringify(marker);
    const at = shell.indexOf(quoted);
    // The marker cannot be told apart (a string in the message holds it): the message in one piece.
    if (at < 0 || shell.indexOf(quoted, at + 1) >= 0) return [encode(msg)];
    const chunks = [Buffer.from(`${shell.slice(0, at)}[`, 'utf8')];
    const items = long.items;
    let started = performance.now();
    let part: string[] = [];
    for (let i = 0; i < items.length; i++) {
      // As JSON.stringify writes an array's item (undefined or a function: null).
      part.push((i > 0 ? ',' : '') + (JSON.stringify(items[i]) ?? 'null'));
      if ((i & 15) === 15 && performance.now() - started > SLICE_MS) {
        chunks.push(Buffer.from(part.join(''), 'utf8'));
        part = [];
        await this.letIn();
        started = performance.now();
      }
    }
    chunks.push(Buffer.from(`${part.join('')}]${shell.slice(at + quoted.length)}`, 'utf8'));
    return chunks;
  }
}

interface LongArray {
  readonly params: Record<string, unknown>;
  readonly key: string;
  readonly items: readonly unknown[];
}

/** The array of more than `SLICED_ITEMS` items among the message's params (a notification's or request's), if any. */
function longArray(msg: Message): LongArray | undefined {
  const params = (msg as { params?: unknown }).params;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value) && value.length > SLICED_ITEMS) return { params: params as Record<string, unknown>, key, items: value };
  }
  return undefined;
}

function isResponse(msg: Message): boolean {
  return 'id' in msg && !('method' in msg);
}

/** The message as `StreamMessageWriter` writes it. */
function encode(msg: Message): Buffer {
  return Buffer.from(JSON.stringify(msg, undefined, 0), 'utf8');
}
