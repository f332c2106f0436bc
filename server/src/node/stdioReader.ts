/**
 * The server's reader of LSP messages over stdio. It frames messages as
 * vscode-jsonrpc's `StreamMessageReader` does (`Content-Length` headers, UTF-8
 * bodies), but decodes a body's UTF-8 as its chunks arrive, between other
 * work, rather than all at once when its last byte comes, and parses a large
 * body's JSON as it comes too (`IncrementalJson`). Why: a 5 MB draft's
 * `didOpen` held the server's thread 80-105 ms in one piece (the body's bytes
 * copied into one buffer, decoded, then parsed), and a request sent after it
 * waited for all three. Framing errors are reported as that reader reports them
 * (`server.ts` answers or exits on them).
 */
import type { Readable } from 'node:stream';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node.js';
import { IncrementalJson } from './incrementalJson.js';

const HEADERS_END = Buffer.from('\r\n\r\n', 'ascii');

/**
 * Bodies of this many bytes or more are parsed as they arrive too
 * (`IncrementalJson`): JSON.parse of 5 MB at the end held the thread 45-65 ms.
 * Smaller ones are parsed whole, which costs less in all.
 */
const INCREMENTAL_BYTES = 512 * 1024;

/** Headers longer than this are no LSP client's (it sends one or two short lines). */
const MAX_HEADER_BYTES = 64 * 1024;

/** How long a body may take to arrive before the connection is told (`onPartialMessage`), as vscode-jsonrpc's reader does. */
const PARTIAL_MESSAGE_MS = 10_000;

export class StdioMessageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  /** The bytes of headers not ended yet. */
  private header: Buffer = Buffer.alloc(0);
  /**
   * The body being read: its bytes still to come, and its text decoded so far,
   * or for a large body its parse so far (and the error that stopped it: told once the body has come).
   */
  private body: { remaining: number; parts: string[]; parser?: IncrementalJson; error?: unknown } | undefined;
  private readonly decoder = new TextDecoder('utf-8');
  private partialTimer: ReturnType<typeof setTimeout> | undefined;
  private messageToken = 0;

  constructor(private readonly readable: Readable) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.onData(chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
        this.clearPartialTimer();
      },
    };
  }

  override dispose(): void {
    this.clearPartialTimer();
    super.dispose();
  }

  private onData(chunk: Buffer): void {
    try {
      let at = 0;
      while (at < chunk.length) {
        if (this.body) {
          at = this.readBody(chunk, at);
          continue;
        }
        // Headers: kept until their blank line has come.
        const joined = this.header.length === 0 ? chunk.subarray(at) : Buffer.concat([this.header, chunk.subarray(at)]);
        const end = joined.indexOf(HEADERS_END);
        if (end < 0) {
          if (joined.length > MAX_HEADER_BYTES) throw new Error(`Message header is over ${MAX_HEADER_BYTES} bytes without its blank line`);
          this.header = Buffer.from(joined);
          return;
        }
        const consumed = end + HEADERS_END.length - this.header.length;
        const length = contentLength(joined.toString('ascii', 0, end));
        this.header = Buffer.alloc(0);
        this.body = { remaining: length, parts: [], ...(length >= INCREMENTAL_BYTES ? { parser: new IncrementalJson() } : {}) };
        at += consumed;
        if (length === 0) this.finishBody();
      }
      if (this.body) this.armPartialTimer();
    } catch (error) {
      this.header = Buffer.alloc(0);
      this.body = undefined;
      this.fireError(error);
    }
  }

  /** Reads what of the current body lies in `chunk` from `at`; where the next message starts. */
  private readBody(chunk: Buffer, at: number): number {
    const body = this.body!;
    const take = Math.min(body.remaining, chunk.length - at);
    const text = this.decoder.decode(chunk.subarray(at, at + take), { stream: true });
    if (!body.parser) body.parts.push(text);
    else if (body.error === undefined) {
      try {
        body.parser.feed(text);
      } catch (error) {
        body.error = error;
      }
    }
    body.remaining -= take;
    if (body.remaining === 0) this.finishBody();
    return at + take;
  }

  private finishBody(): void {
    const body = this.body!;
    this.body = undefined;
    this.clearPartialTimer();
    this.messageToken++;
    const rest = this.decoder.decode();
    let message: Message;
    try {
      if (body.parser) {
        if (body.error !== undefined) throw body.error;
        body.parser.feed(rest);
        message = body.parser.end() as Message;
      } else {
        body.parts.push(rest);
        message = JSON.parse(body.parts.join('')) as Message;
      }
    } catch (error) {
      // The next message is read as usual: a body that is not JSON is answered with a parse error (`server.ts`).
      this.fireError(error);
      return;
    }
    this.callback?.(message);
  }

  private armPartialTimer(): void {
    if (this.partialTimer) return;
    const token = this.messageToken;
    this.partialTimer = setTimeout(() => {
      this.partialTimer = undefined;
      if (token === this.messageToken) this.firePartialMessage({ messageToken: token, waitingTime: PARTIAL_MESSAGE_MS });
    }, PARTIAL_MESSAGE_MS);
    this.partialTimer.unref?.();
  }

  private clearPartialTimer(): void {
    if (this.partialTimer) clearTimeout(this.partialTimer);
    this.partialTimer = undefined;
  }
}

/**
 * The `Content-Length` of a message's headers, as vscode-jsonrpc reads them
 * (`Name: value` lines, names in any case); throws with the words `server.ts`
 * tells framing errors by ("header", "Content-Length").
 */
function contentLength(headers: string): number {
  let length: string | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`Message header must separate key and value using ':'\n${line}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') length = value;
    if (name === 'content-type') {
      const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.replace(/^"|"$/g, '').toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new Error(`The header's Content-Type asks for charset ${charset}; only utf-8 is read`);
    }
  }
  if (length === undefined) throw new Error(`Header must provide a Content-Length property.\n${headers}`);
  const n = Number(length);
  if (!/^\d+$/.test(length) || !Number.isSafeInteger(n)) throw new Error(`Content-Length value must be a number. Got ${length}`);
  return n;
}
