/**
 * Runs a list of `fuzzOps` operations against the real server and, at each
 * `check`, compares what it published with the oracle. Quiescence is awaited,
 * never slept for: every corpus or settings change ends with a status
 * notification, every draft version gets a publish carrying that version, and
 * the harness numbers notifications, so "the first diagnostics for version 7
 * after the last change was applied" is an event.
 */
import { isDeepStrictEqual } from 'node:util';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { removeWorkspace, TestClient, uriOf, writeFile, writeWorkspace, type PublishDiagnosticsParams, type Received } from './harness.js';
import { applyFileChange, applyOp, HOSTILE_LINKS, OUTSIDE_TEXT, clampSplice, lspOffset, generateOps, initialModel, interestingOffset, splice, type Model, type Op } from './fuzzOps.js';
import { Oracle } from './fuzzOracle.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

/** How long one awaited event may take before the run counts as stuck (a failure, not a pause). */
const STUCK_MS = 15_000;

export interface FuzzFailure { readonly step: number; readonly message: string }

/** What a run accepted without failing: diagnostics naming another, equally close passage (see `Oracle.ties`). */
export interface FuzzStats { ties: number; readonly examples?: string[] }

interface DraftState { uri: string; version: number; sentSeq: number; closedSeq: number }

const REQUESTS = {
  hover: 'textDocument/hover',
  codeAction: 'textDocument/codeAction',
  documentLink: 'textDocument/documentLink',
  completion: 'textDocument/completion',
  definition: 'textDocument/definition',
} as const;

/** Runs `ops` on a fresh workspace and server; resolves to the first divergence, or undefined. */
export async function runOps(ops: readonly Op[], stats: FuzzStats = { ties: 0 }): Promise<FuzzFailure | undefined> {
  const model = initialModel();
  const setup = ops[0]?.kind === 'setup' ? ops[0] : undefined;
  if (setup) applyOp(model, setup);
  const root = writeWorkspace(Object.fromEntries(model.corpus));
  if (setup?.links) {
    writeFile(root, 'outside/secret.txt', OUTSIDE_TEXT);
    for (const [path, target] of Object.entries(HOSTILE_LINKS)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      symlinkSync(target, join(root, path));
    }
  }
  const settings = { roots: model.roots, minQuoteWords: model.minQuoteWords, off: model.off };
  const client = await TestClient.start(root, {
    configuration: () => ({ corpus: settings.roots, minQuoteWords: settings.minQuoteWords, severity: settings.off ? { [settings.off]: 'off' } : {} }),
  });
  let step = -1;
  try {
    // The first index's last status (indexing null) is not a corpus change's: changes and checks wait for it.
    const firstIndex = within(client.indexed(model.corpus.size), 'the first index').then(() => client.lastSeq);
    if (!setup?.early) await firstIndex;
    const drafts: DraftState[] = model.drafts.map((d) => ({ uri: uriOf(root, d.path), version: 1, sentSeq: 0, closedSeq: -1 }));
    model.drafts.forEach((d, i) => { drafts[i]!.sentSeq = client.lastSeq; sendOpen(client, drafts[i]!.uri, d.text); });
    let markersSent = 0;
    let markersSeen = 0;
    let markerSeq = 0;
    let indexed = false;
    /** Before the first corpus or settings change or check: the first index is done. */
    const settleFirstIndex = async () => {
      if (indexed) return;
      markerSeq = Math.max(markerSeq, await firstIndex);
      indexed = true;
    };
    let requestId = 0;
    const pending: Promise<unknown>[] = [];
    const rand = seededRandom(ops.length);
    /** A rebuild in flight: resolves to the number of the last notification before its answer. */
    let rebuild: Promise<number> | undefined;
    /** Waits for the status each corpus or settings change sends once it is applied. */
    const drainMarkers = async () => {
      for (; markersSeen < markersSent; markersSeen++) {
        // Statuses while indexing (indexing not null) are progress, never the end of a change.
        const done = (e: Received) => e.method === 'verbatim/status' && (e.params as { indexing: unknown }).indexing === null;
        markerSeq = (await within(client.eventAfter(markerSeq, done), 'the status after a corpus or settings change')).seq;
      }
    };
    /** Waits for a rebuild's answer: its statuses and re-checks came before it. */
    const settleRebuild = async () => {
      if (!rebuild) return;
      markerSeq = await within(rebuild, 'the answer to rebuildIndex');
      rebuild = undefined;
    };

    for (step = 0; step < ops.length; step++) {
      const op = ops[step]!;
      if (op.kind === 'corpus' || op.kind === 'config' || op.kind === 'check' || op.kind === 'command') await settleFirstIndex();
      if (op.kind === 'setup') {
        continue;
      } else if (op.kind === 'edit') {
        const d = model.drafts[op.draft]!;
        if (!d.open) continue;
        const state = drafts[op.draft]!;
        let text = d.text;
        const changes: object[] = [];
        for (const s of op.splices) {
          const c = clampSplice(text, s);
          const lines = new LineIndex(text);
          changes.push({ range: { start: lines.positionAt(c.at), end: lines.positionAt(c.at + c.remove) }, text: c.insert });
          text = splice(text, c);
        }
        applyOp(model, op);
        state.version++;
        state.sentSeq = client.lastSeq;
        client.sendRaw([{ method: 'textDocument/didChange', params: { textDocument: { uri: state.uri, version: state.version }, contentChanges: op.whole ? [{ text }] : changes } }]);
      } else if (op.kind === 'request') {
        const d = model.drafts[op.draft]!;
        if (!d.open) continue;
        const params = requestParams(op.method, drafts[op.draft]!.uri, d.text, lspOffset(d.text, Math.min(op.at, d.text.length)));
        if (op.cancel) {
          const id = `fuzz-${++requestId}`;
          client.sendRaw([{ id, method: REQUESTS[op.method], params }, { method: '$/cancelRequest', params: { id } }]);
        } else {
          const answer = client.request(REQUESTS[op.method], params);
          if (op.wait) await within(answer, `the answer to ${op.method}`);
          else pending.push(answer);
        }
      } else if (op.kind === 'corpus') {
        await settleRebuild();
        const events = op.changes.map((change) => {
          const type = change.text === null ? 3 : model.corpus.has(change.path) ? 2 : 1;
          applyFileChange(model, change);
          if (change.text === null) rmSync(join(root, change.path), { force: true, recursive: true });
          else writeFile(root, change.path, change.text);
          return { uri: uriOf(root, change.path), type };
        });
        // The server answers only changes inside its corpus folders (those of the model: a change of them is awaited at once).
        if (op.changes.some((c) => model.roots.some((r) => c.path === r || c.path.startsWith(`${r}/`)))) markersSent++;
        client.sendRaw([{ method: 'workspace/didChangeWatchedFiles', params: { changes: events } }]);
      } else if (op.kind === 'close') {
        if (!model.drafts[op.draft]!.open) continue;
        applyOp(model, op);
        drafts[op.draft]!.closedSeq = client.lastSeq;
        client.sendRaw([{ method: 'textDocument/didClose', params: { textDocument: { uri: drafts[op.draft]!.uri } } }]);
      } else if (op.kind === 'open') {
        if (model.drafts[op.draft]!.open) continue;
        applyOp(model, op);
        const state = drafts[op.draft]!;
        // Reopened, it is version 1 again: the server catches up with the close first, so that every publish
        // of the earlier opening came before `closedSeq`. (Closed twice, the harness took the first close's
        // clearing for the second's and the first reopen's publish for a publish after the close: seed 805138.)
        if (state.closedSeq >= 0) state.closedSeq = await serverCaughtUp(client, state.uri);
        state.version = 1;
        state.sentSeq = client.lastSeq;
        sendOpen(client, state.uri, op.text);
      } else if (op.kind === 'command') {
        const params = { command: op.command === 'rebuild' ? 'verbatim.rebuildIndex' : 'verbatim.checkAllDrafts', arguments: [] };
        if (op.command === 'checkAll') {
          pending.push(client.request('workspace/executeCommand', params));
        } else {
          // A rebuild sends statuses of its own: no corpus or settings change is in flight
          // while it runs (see settleRebuild), so those statuses are never taken for theirs.
          await settleRebuild();
          await drainMarkers();
          // Read as the answer is handled, before any later notification is.
          rebuild = client.request('workspace/executeCommand', params).then(() => client.lastSeq);
        }
      } else if (op.kind === 'config') {
        await settleRebuild();
        applyOp(model, op);
        const reindex = settings.roots.join() !== op.roots.join();
        // A change of corpus folders re-indexes, and a corpus change's status sent meanwhile
        // says indexing (not null): let the corpus changes in flight finish first.
        if (reindex) await drainMarkers();
        settings.roots = op.roots;
        settings.minQuoteWords = op.minQuoteWords;
        settings.off = op.off;
        // One status once the settings are in force; new corpus folders also end their indexing with one.
        markersSent += reindex ? 2 : 1;
        client.sendRaw([{ method: 'workspace/didChangeConfiguration', params: { settings: null } }]);
        // While the new corpus folders are indexed, changes in them would be judged by the old folders: wait.
        if (reindex) await drainMarkers();
      } else {
        // Quiescence: the rebuild answered, every corpus and settings change applied (one status each)...
        await settleRebuild();
        await drainMarkers();
        for (const answer of pending.splice(0)) await within(answer, 'the answer to a request');
        const failure = await compare(client, model, drafts, markerSeq, rand, stats);
        if (failure) return { step, message: failure };
      }
    }
    return undefined;
  } catch (error) {
    return { step, message: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.stop();
    removeWorkspace(root);
  }
}

/** Compares each draft's latest diagnostics (and a hover or two) with the oracle; a message on divergence. */
async function compare(client: TestClient, model: Model, drafts: DraftState[], markerSeq: number, rand: () => number, stats: FuzzStats): Promise<string | undefined> {
  // A handler that threw (the server logs it and keeps serving) is a failure too.
  const thrown = client.logs.find((line) => /\bfailed: /.test(line));
  if (thrown) return `the server logged an error: ${thrown}`;
  const oracle = await Oracle.of(client.root, model);
  for (const [i, d] of model.drafts.entries()) {
    const state = drafts[i]!;
    if (!d.open) {
      if (state.closedSeq < 0) continue;
      // Every publish the server made before it read the close has come, and the clearing after them.
      await serverCaughtUp(client, state.uri);
      const last = client.diagnostics.get(state.uri);
      if ((last?.diagnostics.length ?? 0) > 0) return `${d.path} is closed but has diagnostics again: ${JSON.stringify(last)}`;
      continue;
    }
    let after = Math.max(state.sentSeq, markerSeq);
    // Reopened: version 1 again. Publishes for the version 1 before the close came before the reopen was sent.
    if (state.closedSeq >= 0) after = Math.max(after, state.closedSeq);
    const first = await within(client.eventAfter(after, (e) => isPublish(e, state.uri) && (e.params as PublishDiagnosticsParams).version === state.version),
      `diagnostics for version ${state.version} of ${d.path}`);
    const expected = oracle.check(d.text);
    const got = (first.params as PublishDiagnosticsParams).diagnostics;
    const tied = oracle.ties(expected.diagnostics, got);
    if (!tied) return divergence(`diagnostics of ${d.path} v${state.version}`, d.text, expected.diagnostics, got);
    stats.ties += tied.length;
    for (const i of tied) stats.examples?.push(`${d.path}: oracle "${(expected.diagnostics[i] as { message: string }).message}" ${JSON.stringify((expected.diagnostics[i] as { data: unknown }).data)}, server "${got[i]!.message}" ${JSON.stringify(got[i]!.data)}`);
    const latest = client.diagnostics.get(state.uri);
    if (latest && latest.version === state.version && !oracle.ties(expected.diagnostics, latest.diagnostics)) {
      return divergence(`later diagnostics of ${d.path} v${state.version}`, d.text, expected.diagnostics, latest.diagnostics);
    }
    // Hovers and code actions over a diagnostic that named another passage show that passage: not compared.
    const tiedSpans = tied.map((i) => ({ start: expected.lines.offsetAt(got[i]!.range.start), end: expected.lines.offsetAt(got[i]!.range.end) }));
    const untied = got.filter((_, i) => !tied.includes(i));
    const links = await within(client.request('textDocument/documentLink', { textDocument: { uri: state.uri } }), 'document links');
    if (!isDeepStrictEqual(links, oracle.links(expected))) return divergence(`document links of ${d.path} v${state.version}`, d.text, oracle.links(expected), links);
    if (untied.length > 0) {
      const diagnostic = untied[Math.floor(rand() * untied.length)]!;
      const actions = await within(client.request('textDocument/codeAction', { textDocument: { uri: state.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }), 'code actions');
      const want = oracle.codeActions(expected, state.uri, diagnostic as never);
      if (!isDeepStrictEqual(actions, want)) return divergence(`code actions for ${JSON.stringify(diagnostic.range)} of ${d.path} v${state.version}`, d.text, want, actions);
    }
    for (let k = 0; k < 2; k++) {
      const offset = interestingOffset(rand, d.text);
      if (tiedSpans.some((t) => offset >= t.start && offset <= t.end)) continue;
      const hover = await within(client.request('textDocument/hover', { textDocument: { uri: state.uri }, position: expected.lines.positionAt(offset) }), 'a hover');
      const want = oracle.hover(expected, offset);
      if (!isDeepStrictEqual(hover, want)) return divergence(`hover at offset ${offset} of ${d.path} v${state.version}`, d.text, want, hover);
    }
  }
  return undefined;
}

function divergence(what: string, text: string, expected: unknown, got: unknown): string {
  return `${what} differ from the oracle.\n--- draft ---\n${text}\n--- oracle ---\n${JSON.stringify(expected, null, 1)}\n--- server ---\n${JSON.stringify(got, null, 1)}`;
}

/**
 * The sequence number of the last notification received once the server has
 * answered a request sent now: it reads messages in order and writes a close's
 * clearing as it reads the close, so everything it sent before is in by then.
 */
async function serverCaughtUp(client: TestClient, uri: string): Promise<number> {
  await within(client.request('textDocument/documentLink', { textDocument: { uri } }), 'a round trip to the server');
  return client.lastSeq;
}

function isPublish(e: Received, uri: string): boolean {
  return e.method === 'textDocument/publishDiagnostics' && (e.params as PublishDiagnosticsParams).uri === uri;
}

function sendOpen(client: TestClient, uri: string, text: string): void {
  client.sendRaw([{ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } }]);
}

function requestParams(method: keyof typeof REQUESTS, uri: string, text: string, offset: number): object {
  // As LSP counts: UTF-16 units, and \r\n, \n or a lone \r ending a line (the engine's LineIndex does the same).
  const at = new LineIndex(text).positionAt(offset);
  const textDocument = { uri };
  if (method === 'codeAction') return { textDocument, range: { start: at, end: at }, context: { diagnostics: [] } };
  if (method === 'documentLink') return { textDocument };
  return { textDocument, position: at };
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`stuck: no ${what} within ${STUCK_MS / 1000} s`)), STUCK_MS); });
  return Promise.race([promise, stuck]).finally(() => clearTimeout(timer));
}

/** What to print for a failing seed: enough to replay it (`runOps(generateOps(seed, steps))`) and read it. */
export function report(seed: number, steps: number, ops: readonly Op[], failure: FuzzFailure): string {
  const log = ops.slice(0, failure.step + 1).map((op, i) => `${String(i).padStart(3)} ${JSON.stringify(op)}`).join('\n');
  return `seed ${seed} (steps ${steps}) diverged at operation ${failure.step}: ${failure.message}\n--- operations ---\n${log}\n` +
    `replay: node scripts/qa/lsp-fuzz.mjs --seed ${seed} --steps ${steps}`;
}

/** Generates and runs one seed; the printable report on divergence, else undefined. */
export async function runSeed(seed: number, steps: number, stats?: FuzzStats): Promise<string | undefined> {
  const ops = generateOps(seed, steps);
  const failure = await runOps(ops, stats);
  return failure && report(seed, steps, ops, failure);
}
