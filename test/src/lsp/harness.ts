/**
 * A minimal LSP client for tests: starts the real server over stdio, answers
 * the server's requests (configuration, registrations, progress), and lets a
 * test await the next notification of a kind instead of sleeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { ServerStatus } from '../../../shared/out/protocol.js';

/** The server under test: the tsc build, or another build (the esbuild bundle) named by VERBATIM_SERVER. */
const SERVER = process.env['VERBATIM_SERVER'] ?? fileURLToPath(new URL('../../../server/out/server.js', import.meta.url));

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface Diagnostic { range: Range; severity?: number; code?: string | number; source?: string; message: string; data?: unknown }
export interface PublishDiagnosticsParams { uri: string; version?: number; diagnostics: Diagnostic[] }
/** `verbatim/status`, as the shared protocol says the server sends it. */
export type Status = ServerStatus;

/** Writes `files` (paths relative to a new temp folder) and returns the folder. */
export function writeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-lsp-'));
  for (const [path, text] of Object.entries(files)) writeFile(root, path, text);
  return root;
}

export function writeFile(root: string, path: string, text: string): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export function uriOf(root: string, path: string): string {
  return pathToFileURL(join(root, path)).href;
}

/** Offset-free cursor helper: the position of the first `marker` in `text`. */
export function positionOf(text: string, marker: string, delta = 0): Position {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

export interface ClientOptions {
  /** Answers `workspace/configuration`; default: null for every item (as Neovim does). */
  configuration?: (item: { scopeUri?: string; section?: string }) => unknown;
  /** False: do not advertise `workspace/configuration` (settings come from initializationOptions). */
  configurationSupport?: boolean;
  /** False: the client cannot watch files, so the server must. */
  watchSupport?: boolean;
  initializationOptions?: unknown;
  /** Workspace folders, relative to the root; default: the root alone. */
  folders?: string[];
  /** True: completion items may carry labelDetails (as VS Code). */
  labelDetails?: boolean;
  /** False: `workspace/didChangeConfiguration` cannot be registered dynamically (as eglot and Neovim 0.7). */
  configurationRegistration?: boolean;
  /** Another server script to run (default: the server under test). */
  server?: string;
}

type Waiter<T> = { match: (value: T) => boolean; resolve: (value: T) => void };

/** A notification from the server, numbered in the order it arrived. */
export interface Received { seq: number; method: string; params: unknown }

export class TestClient {
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly progress: unknown[] = [];
  readonly shown: string[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  status: Status | undefined;
  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly statusWaiters: Waiter<Status>[] = [];
  private readonly logWaiters: Waiter<string>[] = [];
  private versions = new Map<string, number>();
  /** Diagnostics and status notifications in arrival order (see `eventAfter`). */
  private readonly history: Received[] = [];
  private readonly historyWaiters: Waiter<Received>[] = [];

  private constructor(readonly root: string, private readonly child: ChildProcess, readonly connection: MessageConnection) {}

  /** Starts the server on `root` and completes the initialize handshake. */
  static async start(root: string, options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(root, child, connection);
    connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
      params.items.map((item) => (options.configuration ? options.configuration(item) : null)));
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (p: unknown) => { client.progress.push(p); });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      settle(client.logWaiters, p.message);
    });
    connection.onNotification('window/showMessage', (p: { message: string }) => { client.shown.push(p.message); });
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.record('textDocument/publishDiagnostics', p);
      client.diagnostics.set(p.uri, p);
      settle(client.diagnosticWaiters, p);
    });
    connection.onNotification('verbatim/status', (s: Status) => {
      client.record('verbatim/status', s);
      client.status = s;
      settle(client.statusWaiters, s);
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: (options.folders ?? ['']).map((f) => ({ uri: pathToFileURL(join(root, f)).href, name: f || 'ws' })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: options.configurationSupport !== false,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: options.watchSupport !== false },
          didChangeConfiguration: { dynamicRegistration: options.configurationRegistration !== false },
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false, labelDetailsSupport: options.labelDetails === true } },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves once the server reports a finished index (of at least `minSources`). */
  indexed(minSources = 1): Promise<Status> {
    return this.nextStatus((s) => s.indexing === null && s.sources >= minSources, true);
  }

  /** The next log line the server writes that `match` accepts (call before the action that triggers it). */
  nextLog(match: (line: string) => boolean): Promise<string> {
    return new Promise((resolve) => this.logWaiters.push({ match, resolve }));
  }

  nextStatus(match: (s: Status) => boolean, acceptCurrent = false): Promise<Status> {
    if (acceptCurrent && this.status && match(this.status)) return Promise.resolve(this.status);
    return new Promise((resolve) => this.statusWaiters.push({ match, resolve }));
  }

  /** The next diagnostics published for `uri` (call before the action that triggers them). */
  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.diagnosticWaiters.push({ match: (p) => p.uri === uri && match(p), resolve: (p) => resolve(p.diagnostics) }));
  }

  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const next = this.nextDiagnostics(uri);
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return next;
  }

  /** Replaces the whole text; resolves to the diagnostics for the new version. */
  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const next = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return next;
  }

  /** Sends a change without waiting for diagnostics. */
  async changeQuietly(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /**
   * Writes JSON-RPC messages (without `jsonrpc`) in one write, so the server
   * reads them together: a request and its `$/cancelRequest` arrive before the
   * request runs, as they do from a busy editor. Responses to these ids are dropped.
   */
  sendRaw(messages: readonly object[]): void {
    const frames = messages.map((message) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin!.write(Buffer.concat(frames));
  }

  /** Sends `contentChanges` (ranged or whole) as the document's next version, without waiting; returns that version. */
  async changeWith(uri: string, contentChanges: readonly ({ range: Range; text: string } | { text: string })[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /** Opens a document as version 1 without waiting for its diagnostics. */
  async openQuietly(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** The number of the last diagnostics or status notification received (0: none yet). */
  get lastSeq(): number {
    return this.history.length;
  }

  /**
   * The first diagnostics or status notification numbered above `seq` that
   * `match` accepts, whether it already arrived or is still to come: a test
   * can ask for "the first publish after the server said the corpus changed".
   */
  eventAfter(seq: number, match: (event: Received) => boolean): Promise<Received> {
    for (let i = seq; i < this.history.length; i++) if (match(this.history[i]!)) return Promise.resolve(this.history[i]!);
    return new Promise((resolve) => this.historyWaiters.push({ match: (e) => e.seq > seq && match(e), resolve }));
  }

  private record(method: string, params: unknown): void {
    const event = { seq: this.history.length + 1, method, params };
    this.history.push(event);
    settle(this.historyWaiters, event);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    await exited;
    this.connection.dispose();
  }
}

function settle<T>(waiters: Waiter<T>[], value: T): void {
  for (let i = 0; i < waiters.length; i++) {
    const w = waiters[i]!;
    if (w.match(value)) {
      waiters.splice(i--, 1);
      w.resolve(value);
    }
  }
}
