/**
 * The oracle of the differential stress test: the engine run in this process
 * on a model of the workspace, turned into the diagnostics and hovers the
 * server must give (the same steps as `server/src/lsp/draftReports.ts` and the
 * hover handler in `startServer.ts`).
 */
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { LineIndex } from '../../../server/out/engine/text.js';
import { checkDraft, type DraftReport } from '../../../server/out/features/check.js';
import { defaultSeverityFor, toDiagnostic } from '../../../server/out/features/diagnostic.js';
import { fixAll, quickFixes, type DiagnosticLike } from '../../../server/out/features/codeActions.js';
import { documentLinks } from '../../../server/out/features/documentLinks.js';
import { hoverAt } from '../../../server/out/features/hover.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { words } from '../../../server/out/text/tokenize.js';
import { codeAction, documentLink } from '../../../server/out/lsp/convert.js';
import type { Model } from './fuzzOps.js';

/** The parts of a published diagnostic the tie rule reads. */
export interface DiagnosticShape {
  range: unknown;
  severity?: number;
  code?: string | number;
  message: string;
  data?: unknown;
}

interface PassageData { sourceKey?: string; sourceText?: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } }

export interface OracleDraft {
  readonly report: DraftReport;
  readonly lines: LineIndex;
  /** As the server would publish them, through JSON (no undefined fields). */
  readonly diagnostics: unknown[];
}

/** The oracle's view of a workspace at `root` (an absolute `/`-separated path). */
export class Oracle {
  private constructor(readonly root: string, readonly index: CorpusIndex, private readonly model: Model) {}

  /** Indexes the model's corpus from scratch, at the paths the server reads it from. */
  static async of(root: string, model: Model): Promise<Oracle> {
    const files: Record<string, string> = {};
    for (const [path, text] of model.corpus) files[`${root}/${path}`] = text;
    const { sources } = await loadCorpus(memoryFileSystem(files), model.roots.map((r) => `${root}/${r}`));
    return new Oracle(root, new CorpusIndex(sources), model);
  }

  /** Checks a draft's text with the model's settings. */
  check(text: string): OracleDraft {
    const report = checkDraft(this.index, text, { minQuoteWords: this.model.minQuoteWords });
    const lines = new LineIndex(text);
    const off = this.model.off;
    const diagnostics = report.findings
      .map((f) => toDiagnostic(f, lines, (code) => (code === off ? 'off' : defaultSeverityFor(code))))
      .filter((d) => d !== undefined);
    return { report, lines, diagnostics: JSON.parse(JSON.stringify(diagnostics)) as unknown[] };
  }

  /** The hover the server must answer at `offset` (null: none), as JSON. */
  hover(checked: OracleDraft, offset: number): unknown {
    const base = this.root;
    const displayPath = (p: string) => (p.startsWith(`${base}/`) ? p.slice(base.length + 1) : p);
    const info = hoverAt(this.index, checked.report, offset, { displayPath });
    return info ? { contents: { kind: 'markdown', value: info.markdown }, range: checked.lines.rangeOf(info.span) } : null;
  }

  /** The code actions the server must answer for `diagnostic` (one the server published), as JSON. */
  codeActions(checked: OracleDraft, uri: string, diagnostic: DiagnosticLike): unknown {
    const actions = quickFixes(checked.report.draft, checked.lines, [diagnostic]).map((plan) => codeAction(plan, uri, checked.lines, plan.diagnostic as never));
    const all = fixAll(checked.report.draft, checked.lines, checked.diagnostics as DiagnosticLike[]);
    if (all) actions.push(codeAction(all, uri, checked.lines));
    return JSON.parse(JSON.stringify(actions));
  }

  /** The document links the server must answer, as JSON. */
  links(checked: OracleDraft): unknown {
    return JSON.parse(JSON.stringify(documentLinks(this.index, checked.report.draft, checked.report.bibliography).map((l) => documentLink(l, checked.lines))));
  }

  /**
   * Indexes of the published diagnostics that differ from the oracle's only by
   * naming another passage exactly as close: undefined when any difference is
   * more than that (or the lists differ in length).
   *
   * Why this is allowed: when a quotation is close to several passages, the
   * matcher keeps a few candidates ranked by votes around the rarest quote
   * words, and an index that has been edited still counts the words of replaced
   * sources until its small segments merge; so it may rank other candidates and
   * name another, equally close passage than a fresh index does. Everything else
   * must be equal: the code, severity and range in the draft, the message with
   * the key left out, the source words (case aside); and the named passage must
   * be in the current corpus, word for word, at the range given (so a passage
   * of an outdated source is never accepted).
   */
  ties(expected: readonly unknown[], got: readonly DiagnosticShape[]): number[] | undefined {
    if (expected.length !== got.length) return undefined;
    const tied: number[] = [];
    for (const [i, g] of got.entries()) {
      const e = expected[i] as DiagnosticShape;
      if (JSON.stringify(e) === JSON.stringify(g)) continue;
      if (!this.sameButPassage(e, g)) return undefined;
      tied.push(i);
    }
    return tied;
  }

  private sameButPassage(e: DiagnosticShape, g: DiagnosticShape): boolean {
    const ed = (e.data ?? {}) as PassageData;
    const gd = (g.data ?? {}) as PassageData;
    if (e.code !== g.code || e.severity !== g.severity || JSON.stringify(e.range) !== JSON.stringify(g.range)) return false;
    if (!ed.sourceKey || !gd.sourceKey || ed.sourceText === undefined || gd.sourceText === undefined || !gd.range) return false;
    const withoutKey = (message: string, key: string) => message.split(`@${key}`).join('@…');
    if (withoutKey(e.message, ed.sourceKey) !== withoutKey(g.message, gd.sourceKey)) return false;
    const norms = (text: string) => words(text).map((w) => w.norm).join(' ');
    if (norms(ed.sourceText) !== norms(gd.sourceText)) return false;
    const source = this.index.get(gd.sourceKey);
    if (!source) return false;
    const lines = new LineIndex(source.text);
    return source.text.slice(lines.offsetAt(gd.range.start), lines.offsetAt(gd.range.end)) === gd.sourceText;
  }
}
