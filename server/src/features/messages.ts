import { placeName, type PassagePlace } from '../corpus/places.js';
import type { QuoteVerdict, WordDiff } from '../match/verdict.js';
import { countWords } from '../text/tokenize.js';

const MAX_SHOWN = 60;

function q(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > MAX_SHOWN ? flat.slice(0, MAX_SHOWN - 1) + '…' : flat}”`;
}

/**
 * One difference in words a writer reads at a glance.
 * `describeDiff({ kind: 'number', quote: '500', source: '300' })` is `the source says “300”, not “500”`.
 */
export function describeDiff(diff: Pick<WordDiff, 'kind' | 'quote' | 'source'>): string {
  switch (diff.kind) {
    case 'number': return `the source says ${q(diff.source)}, not ${q(diff.quote)}`;
    case 'negation-added': return diff.source ? `the source says ${q(diff.source)}, not ${q(diff.quote)} (a negation was added)` : `the quote adds ${q(diff.quote)}, which reverses the source`;
    case 'negation-dropped': return diff.quote ? `the source says ${q(diff.source)}, not ${q(diff.quote)} (a negation was dropped)` : `the quote leaves out ${q(diff.source)}, which reverses the source`;
    case 'substituted': return `the source has ${q(diff.source)} where the quote has ${q(diff.quote)}`;
    case 'dropped': {
      const n = countWords(diff.source);
      return `${n} word${n === 1 ? '' : 's'} dropped without an ellipsis: ${q(diff.source)}`;
    }
    case 'added': return `the quote adds ${q(diff.quote)}, which is not in the source`;
    case 'swapped': return `words in a different order: the source has ${q(diff.source)} where the quote has ${q(diff.quote)}`;
    case 'spelling': return `${q(diff.quote)} for the source's ${q(diff.source)}`;
    case 'scanning-error': return `the source reads ${q(diff.source)}, which may be a scanning error for ${q(diff.quote)}`;
    case 'omission': return `the omission ${q(diff.quote)} stands for ${diff.source} of the source, more than a paragraph`;
  }
}

/**
 * The diagnostic message for a verdict that is not verbatim. `name` gives the
 * key to show for an indexed source (a bibliography key for its full text).
 */
export function verdictMessage(verdict: QuoteVerdict, name: (sourceKey: string) => string = (key) => key): string {
  const key = verdict.passage && name(verdict.passage.key);
  switch (verdict.kind) {
    case 'mismatch': {
      // What changes the words first; spelling variants after.
      const diffs = [...verdict.diffs.filter((d) => d.kind !== 'spelling'), ...verdict.diffs.filter((d) => d.kind === 'spelling')];
      const first = diffs.slice(0, 2).map(describeDiff).join('; ');
      const more = verdict.diffs.length > 2 ? ` (and ${verdict.diffs.length - 2} more difference${verdict.diffs.length > 3 ? 's' : ''})` : '';
      const uncited = verdict.quote.citations.length === 0 ? ' The quotation is not cited.' : '';
      const exact = verdict.exactIn ? ` These exact words are in @${name(verdict.exactIn.key)}.` : '';
      return `Misquoted from @${key}: ${first || 'the wording differs from the source'}${more}.${exact}${uncited}`;
    }
    case 'spelling': {
      const pairs = verdict.diffs.map(describeDiff).join('; ');
      const uncited = verdict.quote.citations.length === 0 ? ' The quotation is not cited.' : '';
      const exact = verdict.exactIn ? ` These exact words are in @${name(verdict.exactIn.key)}.` : '';
      return `Spelled differently from @${key}: ${pairs}.${exact}${uncited}`;
    }
    case 'misattributed': {
      const cited = verdict.quote.citations.map((c) => '@' + c.key).join(', ');
      const exact = verdict.diffs.length === 0 ? "these words are" : "words close to these are";
      return `Misattributed: ${exact} in @${key}, not in the cited ${cited}.`;
    }
    case 'not-found':
      return verdict.quote.citations.length > 0
        ? `Quotation not found in ${verdict.quote.citations.map((c) => '@' + c.key).join(', ')} or any other source.`
        : 'Quotation not found in any source.';
    case 'uncited':
      return `Uncited quotation: these words are in @${key}.`;
    case 'verbatim':
      return `Verbatim from @${key}.`;
  }
}

/** `unknownKeyMessage('smtih', ['smith'])` is `Unknown source @smtih. Did you mean @smith?` */
export function unknownKeyMessage(key: string, suggestions: readonly string[]): string {
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => '@' + s).join(', ')}?` : ' No source in the corpus has this key.';
  return `Unknown source @${key}.${hint}`;
}

/**
 * `unverifiableMessage(['smith2020'])` is `@smith2020 has no full text here, so this quotation was not checked: add its file to the corpus or a \`file\` field to the entry.`
 * With `elsewhere`, it adds where the words are verbatim.
 */
export function unverifiableMessage(keys: readonly string[], elsewhere?: string): string {
  const cited = keys.map((k) => '@' + k).join(', ');
  const has = keys.length === 1 ? 'has' : 'have';
  const entry = keys.length === 1 ? 'the entry' : 'the entries';
  const its = keys.length === 1 ? 'its file' : 'their files';
  const found = elsewhere === undefined ? '' : ` These words are verbatim in @${elsewhere}.`;
  return `${cited} ${has} no full text here, so this quotation was not checked: add ${its} to the corpus or a \`file\` field to ${entry}.${found}`;
}

/** `missingBibliographyMessage('refs.bib', 'no such file')` is `Bibliography refs.bib: no such file. Its keys are unknown until it can be read.` */
export function missingBibliographyMessage(path: string, reason: string): string {
  return `Bibliography ${path}: ${reason}. Its keys are unknown until it can be read.`;
}

/**
 * `locatorMismatchMessage(<printed page 34>, 'a', 'p. 33')` is
 * `The quotation is on p. 34 of @a, not p. 33.`; for chapters, `is in ch. 5`.
 */
export function locatorMismatchMessage(place: PassagePlace, key: string, cited: string): string {
  const written = /^\d/.test(cited.trim()) ? `p. ${cited.trim()}` : cited.trim();
  return `The quotation is ${place.kind === 'page' ? 'on' : 'in'} ${placeName(place)} of @${key}, not ${written}.`;
}

/** `quoteTooLongMessage(2400, 2000)`: why a quotation was not checked. */
export function quoteTooLongMessage(words: number, limit: number): string {
  return `Quotation too long to check: ${words} words, over the limit of ${limit}. Split it, or quote less; the rest of the draft is checked.`;
}

/** `draftTooLargeMessage(6_000_000, 5 * 1024 * 1024)`: why a draft was not checked. */
export function draftTooLargeMessage(bytes: number, limit: number): string {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `Draft too large to check: ${mb(bytes)}, over the ${mb(limit)} limit (setting verbatim.maxDraftMB, or --max-draft-mb). Split it into chapters.`;
}
