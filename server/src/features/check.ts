import type { Bibliography } from '../bibliography/bibliography.js';
import { citableSources, sourceName, type CitableSources } from '../bibliography/citable.js';
import { placeOf } from '../corpus/places.js';
import { DraftParser, type Citation, type ParsedDraft, type Quote } from '../draft/index.js';
import { neverCancelled, type CancellationToken } from '../engine/io.js';
import type { Span } from '../engine/text.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { toVerdict } from '../match/toVerdict.js';
import type { QuoteVerdict } from '../match/verdict.js';
import { finish, type Steps } from '../engine/steps.js';
import { matchSteps, type MatchResult } from '../match/verify.js';
import { DiagnosticCode } from './codes.js';
import type { Finding } from './finding.js';
import { locatorFinding } from './locatorCheck.js';
import { draftTooLargeMessage, missingBibliographyMessage, quoteTooLongMessage, unknownKeyMessage, unverifiableMessage, verdictMessage } from './messages.js';
import { KeySuggestions } from './suggestKeys.js';

export interface CheckOptions {
  /** Quotations with fewer words are scare quotes and are not checked. Default 4. */
  readonly minQuoteWords?: number;
  /** Drafts over this many bytes (UTF-8) are not checked: one `draft-too-large` finding. Default 5 MB. */
  readonly maxDraftBytes?: number;
  /** The entries the draft can cite besides the corpus (its front matter's, the setting's, the CLI's). */
  readonly bibliography?: Bibliography;
  /**
   * False: unknown keys get no "did you mean" suggestions (each is a fuzzy
   * search of every key). The server passes false while a corpus is first
   * indexed: its keys are not all known yet, no diagnostics are published,
   * and 20,000 files' searches held hovers up for 0.5 s each. Default true.
   */
  readonly suggestKeys?: boolean;
  /**
   * The bibliography's attachments are still being indexed (the server, as a
   * file is read): a quotation cited only to entries that have a `file` field
   * but no full text yet gets no verdict now, rather than a `quote-unverifiable`
   * that the indexing will make wrong. Default false (the CLI indexes them first).
   */
  readonly attachmentsPending?: boolean;
  /** Bibliography files the draft names that cannot be read: one finding each, on its front matter line. */
  readonly missingBibliographies?: readonly { readonly path: string; readonly reason: string; readonly span: Span }[];
}

/**
 * Quotations over this many words are not checked (one `quote-too-long`
 * finding): alignment costs words × window, and no quotation a writer checks
 * is a chapter long. 36,000 words made the aligner fail.
 */
export const MAX_QUOTE_WORDS = 2000;

export const DEFAULT_MIN_QUOTE_WORDS = 4;

export const DEFAULT_MAX_DRAFT_BYTES = 5 * 1024 * 1024;

/** Searches a `VerdictCache` keeps stopped part-way, at most (the check's, and hovers' on other quotations). */
const MAX_SEARCHING = 8;

/**
 * The UTF-8 length of `text`, counted without encoding it. A loop over the
 * units: a pattern finding the non-ASCII runs took 60 ms on 50,000 lines with
 * curly quotes, where this takes 10.
 */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2; // a surrogate pair is 4 bytes: 2 per unit
  }
  return n;
}

export interface DraftReport {
  readonly draft: ParsedDraft;
  /** One verdict per checked quotation (scare quotes have none), verbatim ones included. */
  readonly verdicts: readonly QuoteVerdict[];
  /** What to tell the writer, in draft order. */
  readonly findings: readonly Finding[];
  /**
   * False when the check was cancelled before every quotation was verified:
   * the verdicts and findings are then a prefix, never to be shown or kept.
   */
  readonly complete: boolean;
  /** The bibliography the draft was checked with (hover and completion read its entries). */
  readonly bibliography?: Bibliography;
  /** Its attachments were still being indexed (`CheckOptions.attachmentsPending`): an entry without full text yet may get it. */
  readonly attachmentsPending?: boolean;
}

/**
 * What one draft's re-checks reuse: match results by quotation text and cited
 * keys for one corpus version (so an edit re-verifies only the quotations that
 * changed; entries the latest check did not use are dropped), and the parse of
 * the draft's unchanged blocks. Keep one per open document.
 */
export class VerdictCache {
  readonly parser = new DraftParser();
  private index: CorpusIndex | undefined;
  private indexVersion = -1;
  private entries = new Map<string, MatchResult>();
  private used = new Map<string, MatchResult>();
  /**
   * Searches stopped part-way when their turn was over (`lookup` with a token), by cache key,
   * for this index version: the check's and a hover's, each going on where it stopped.
   */
  private searching = new Map<string, Steps<MatchResult>>();
  /** The last check was cancelled: what it used is still only in `used` (copied when the next check starts afresh). */
  private partial = false;
  /** The last text measured by `utf8Size`: a large draft's check runs in turns, and each turn would measure it again. */
  private sized: { text: string; bytes: number } | undefined;

  /** Whether `text` is over `maxBytes` of UTF-8, as `checkDraft` tells (a short text is not measured: each unit is at most 3 bytes). */
  tooLarge(text: string, maxBytes: number): boolean {
    return text.length > maxBytes / 3 && this.utf8Size(text) > maxBytes;
  }

  /** `utf8Length(text)`, remembered for the last text. */
  utf8Size(text: string): number {
    if (this.sized?.text !== text) this.sized = { text, bytes: utf8Length(text) };
    return this.sized.bytes;
  }

  /**
   * Where a cancelled check of a draft stopped, so that the next check of the
   * same text against the same corpus goes on from there (a large draft's first
   * check runs in turns; each turn verifies only quotations not yet verified).
   */
  resume: { text: string; index: CorpusIndex; indexVersion: number; minWords: number; bibliography: Bibliography | undefined; next: number;
    verdicts: QuoteVerdict[]; findings: Finding[]; holders: Map<Citation, string>;
    /** The next citation to look up once every quotation is verified, and the keys suggested so far. */
    nextCitation: number; suggestionsByKey: Map<string, string[]>; suggest: boolean;
    /** The "did you mean" search of the citation at `nextCitation`, part-way. */
    searching: KeySuggestions | undefined } | undefined;

  /** Starts a check against `index`; forgets everything when it is another index or the corpus changed. */
  begin(index: CorpusIndex, resuming = false): void {
    if (index !== this.index || index.version !== this.indexVersion) {
      this.entries.clear();
      this.used = new Map();
      this.searching.clear();
      this.partial = false;
      this.index = index;
      this.indexVersion = index.version;
    }
    if (!resuming) {
      if (this.partial) for (const [key, result] of this.used) this.entries.set(key, result);
      this.partial = false;
      this.used = new Map();
    }
  }

  /**
   * The match of a quotation's text cited to `keys` (`matchQuote`), from the cache or searched now.
   * With a `token`, the search stops when it is cancelled (a turn is over): undefined, and the next
   * lookup of the same quotation against the same index version goes on from there (call `begin` first).
   */
  lookup(index: CorpusIndex, text: string, keys: readonly string[], token?: CancellationToken): MatchResult | undefined {
    const cacheKey = keys.join('\u0000') + '\u0001' + text;
    let result = this.used.get(cacheKey) ?? this.entries.get(cacheKey);
    if (!result) {
      const steps = this.searching.get(cacheKey) ?? matchSteps(index, text, keys);
      this.searching.delete(cacheKey);
      if (!token) result = finish(steps);
      else {
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) { result = step.value; break; }
          if (token.isCancellationRequested) {
            // Bounded: a search is resumed by the next turn or dropped with the index version.
            if (this.searching.size >= MAX_SEARCHING) this.searching.delete(this.searching.keys().next().value!);
            this.searching.set(cacheKey, steps);
            return undefined;
          }
        }
      }
    }
    this.used.set(cacheKey, result);
    return result;
  }

  /**
   * Keeps only what a finished check used. A cancelled check (`complete`
   * false) forgets nothing: the next check still needs the entries it skipped
   * (a resumed check goes on with `used`; copying it into `entries` at the end
   * of every turn cost a large draft's turns more and more).
   */
  end(complete = true): void {
    if (complete) this.entries = this.used;
    this.partial = !complete;
  }
}

/**
 * Parses a draft and verifies its quotations against the corpus.
 * `checkDraft(index, 'He said “we are on the same page” [@000_5b963e663469ef88].').findings`
 * is empty when that source holds those words.
 */
export function checkDraft(index: CorpusIndex, text: string, options: CheckOptions = {}, cache = new VerdictCache(),
  token: CancellationToken = neverCancelled): DraftReport {
  const maxBytes = options.maxDraftBytes ?? DEFAULT_MAX_DRAFT_BYTES;
  if (cache.tooLarge(text, maxBytes)) {
    return {
      draft: { citations: [], quotes: [] },
      verdicts: [],
      findings: [{ code: DiagnosticCode.DraftTooLarge, message: draftTooLargeMessage(cache.utf8Size(text), maxBytes), span: { start: 0, end: 0 }, data: {} }],
      complete: true,
    };
  }
  const draft = cache.parser.parseWithin(text, token);
  if (!draft) return { draft: { citations: [], quotes: [] }, verdicts: [], findings: [], complete: false };
  const minWords = options.minQuoteWords ?? DEFAULT_MIN_QUOTE_WORDS;
  const resume = cache.resume;
  const resuming = resume !== undefined && resume.text === text && resume.index === index && resume.indexVersion === index.version && resume.minWords === minWords && resume.bibliography === options.bibliography
    && resume.suggest === (options.suggestKeys !== false);
  cache.resume = undefined;
  const findings: Finding[] = resuming ? resume.findings : [];
  const verdicts: QuoteVerdict[] = resuming ? resume.verdicts : [];

  // Keys of sources that hold a quotation whose every cited key is unknown: the likeliest "did you mean".
  const holders = resuming ? resume.holders : new Map<Citation, string>();
  const sources = citableSources(index, options.bibliography, options.attachmentsPending);
  const suggestionsByKey = resuming ? resume.suggestionsByKey : new Map<string, string[]>();
  let complete = true;
  let searching = resuming ? resume.searching : undefined;
  const stopAt = (next: number, nextCitation: number) => {
    complete = false;
    cache.resume = { text, index, indexVersion: index.version, minWords, bibliography: options.bibliography, next, verdicts, findings, holders, nextCitation, suggestionsByKey,
      suggest: options.suggestKeys !== false, searching };
  };
  cache.begin(index, resuming);
  for (let q = resuming ? resume.next : 0; q < draft.quotes.length; q++) {
    const quote = draft.quotes[q]!;
    if (token.isCancellationRequested) {
      stopAt(q, 0);
      break;
    }
    const outcome = checkQuote(index, quote, sources, minWords, cache, token);
    if (outcome === undefined) continue;
    if ('unfinished' in outcome) {
      // Its search stopped with the turn: the next turn goes on with it.
      stopAt(q, 0);
      break;
    }
    if ('finding' in outcome) {
      findings.push(outcome.finding);
      continue;
    }
    const { verdict, keys } = outcome;
    verdicts.push(verdict);
    const citedButUnknown = keys.length > 0 && keys.every((k) => !sources.known(k));
    if (citedButUnknown && verdict.kind === 'uncited') {
      for (const citation of quote.citations) holders.set(citation, sources.citeKey(verdict.passage!.key));
      continue; // the unknown key is the problem; its finding names the source that holds the words
    }
    const name = (key: string) => sourceName(sources, quote.citations, key);
    const finding = findingFor(verdict, name);
    if (finding) findings.push(withPlace(index, finding, verdict));
    const locator = locatorFinding(index, verdict, sources);
    if (locator) findings.push(locator);
  }
  // Unknown keys, in turns too: each new one is a fuzzy search of every key (1.2 s for 20,000 keys in one go).
  for (let c = resuming ? resume.nextCitation : 0; complete && c < draft.citations.length; c++) {
    const citation = draft.citations[c]!;
    if (token.isCancellationRequested) {
      stopAt(draft.quotes.length, c);
      break;
    }
    if (sources.known(citation.key)) continue;
    const holder = holders.get(citation);
    let fuzzy = suggestionsByKey.get(citation.key);
    if (!fuzzy && options.suggestKeys === false) fuzzy = [];
    if (!fuzzy) {
      // A search of every key, in parts: it may stop here and go on in the next turn.
      if (searching?.key !== citation.key) searching = new KeySuggestions(index, citation.key, 3, options.bibliography);
      fuzzy = searching.run(token);
      if (!fuzzy) {
        stopAt(draft.quotes.length, c);
        break;
      }
      searching = undefined;
    }
    suggestionsByKey.set(citation.key, fuzzy);
    // A corpus file that is an entry's full text is suggested once, under the entry's key.
    const suggestions = [...new Set([...(holder ? [holder] : []), ...fuzzy.map((k) => sources.citeKey(k))])].slice(0, 3);
    findings.push({
      code: DiagnosticCode.UnknownSource,
      message: unknownKeyMessage(citation.key, suggestions),
      span: citation.keySpan,
      data: { suggestions, ...(holder ? { sourceKey: holder } : {}) },
    });
  }
  cache.end(complete);
  // A prefix, never shown (the resumed arrays stay as they are).
  if (!complete) return { draft, verdicts: [...verdicts], findings: [...findings], complete };
  for (const missing of options.missingBibliographies ?? []) {
    findings.push({ code: DiagnosticCode.BibliographyMissing, message: missingBibliographyMessage(missing.path, missing.reason), span: missing.span, data: {} });
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { draft, verdicts, findings, complete, ...(options.bibliography ? { bibliography: options.bibliography } : {}), ...(options.attachmentsPending ? { attachmentsPending: true } : {}) };
}

/**
 * What a check makes of one quotation: nothing (fewer than `minWords` words,
 * or cited to an entry whose full text may yet come), a finding of its own
 * (too long to check, or cited only to entries without full text), or its
 * verdict. `checkDraft` calls it for each quotation in turn; a hover on a
 * draft whose check is still running calls it for the one quotation hovered,
 * so both give the same verdict. With a `token` (a turn's), the search may
 * stop part-way when it is cancelled: `{ unfinished: true }`, and the next
 * call goes on with it (`VerdictCache.lookup`).
 */
export function checkQuote(index: CorpusIndex, quote: Quote, sources: CitableSources, minWords: number, cache: VerdictCache, token?: CancellationToken):
  { readonly verdict: QuoteVerdict; readonly keys: readonly string[] } | { readonly finding: Finding } | { readonly unfinished: true } | undefined {
  if (quote.wordCount < minWords) return undefined;
  if (quote.wordCount > MAX_QUOTE_WORDS) {
    return { finding: { code: DiagnosticCode.QuoteTooLong, message: quoteTooLongMessage(quote.wordCount, MAX_QUOTE_WORDS), span: quote.span, data: {} } };
  }
  const keys = [...new Set(quote.citations.map((c) => c.key))];
  // Cited to an entry whose full text may yet come (its text still on its way, or its attachment being
  // indexed): no verdict now, rather than one the next moment makes wrong; the check that follows gives one.
  if (keys.some((k) => sources.pending(k))) return undefined;
  const sourceKeys = [...new Set(keys.map((k) => sources.sourceKey(k)).filter((k): k is string => k !== undefined))];
  const result = cache.lookup(index, quote.text, sourceKeys, token);
  if (!result) return { unfinished: true };
  const verdict = toVerdict(quote, result);
  if (keys.length > 0 && sourceKeys.length === 0 && keys.some((k) => sources.entry(k))) {
    // Cited to entries with no full text here: nothing to check against (an unknown key among them has its own finding).
    const cited = keys.filter((k) => sources.entry(k));
    const elsewhere = verdict.kind === 'uncited' && verdict.diffs.length === 0 && verdict.passage ? sources.citeKey(verdict.passage.key) : undefined;
    return { finding: { code: DiagnosticCode.QuoteUnverifiable, message: unverifiableMessage(cited, elsewhere), span: quote.span, data: {} } };
  }
  return { verdict, keys };
}

const CODES: Partial<Record<QuoteVerdict['kind'], DiagnosticCode>> = {
  spelling: DiagnosticCode.QuoteSpelling,
  mismatch: DiagnosticCode.QuoteMismatch,
  misattributed: DiagnosticCode.QuoteMisattributed,
  'not-found': DiagnosticCode.QuoteNotFound,
  uncited: DiagnosticCode.UncitedQuote,
};

/** The finding with the page or chapter of its passage, when the passage's source has them. */
function withPlace(index: CorpusIndex, finding: Finding, verdict: QuoteVerdict): Finding {
  const passage = verdict.passage;
  const source = passage ? index.get(passage.key) : undefined;
  const page = source && passage ? placeOf(source, passage.span) : undefined;
  return page ? { ...finding, data: { ...finding.data, page } } : finding;
}

/** The finding a verdict calls for; none for a verbatim quotation. `name` gives the key shown for a source. */
export function findingFor(verdict: QuoteVerdict, name: (sourceKey: string) => string = (key) => key): Finding | undefined {
  const code = CODES[verdict.kind];
  if (!code) return undefined;
  const passage = verdict.passage;
  return {
    code,
    message: verdictMessage(verdict, name),
    span: verdict.quote.span,
    data: passage
      ? { sourceKey: name(passage.key), sourceText: passage.wording, range: passage.range, path: passage.path, diffs: verdict.diffs,
        ...(verdict.exactIn ? { exactKey: name(verdict.exactIn.key) } : {}) }
      : {},
  };
}

