import { isMap, isScalar, isSeq } from 'yaml';
import type { Span } from '../engine/text.js';
import { frontMatterBlock, readFrontMatterYaml } from '../text/frontMatter.js';
import { cslEntries } from './csl.js';
import type { BibEntry, BibProblem } from './entry.js';

/** What a draft's front matter says about its bibliography. */
export interface DraftBibliography {
  /** `bibliography:` paths as written (relative to the draft's folder, or absolute), in order. */
  readonly paths: readonly string[];
  /** Each path's span in the draft (its place in the front matter), for a diagnostic on a missing file. */
  readonly spans: readonly Span[];
  /** Inline `references:` items. */
  readonly references: readonly BibEntry[];
  readonly problems: readonly BibProblem[];
}

export const noDraftBibliography: DraftBibliography = { paths: [], spans: [], references: [], problems: [] };

/**
 * Reads `bibliography:` (a string or a list) and `references:` (CSL items)
 * from a draft's YAML front matter, as Pandoc does. A draft without front
 * matter names none; one whose front matter is not YAML (or is over
 * `MAX_FRONT_MATTER_CHARS`) names none and has that as its one problem.
 * `draftBibliography('---\nbibliography: refs.bib\n---\nText', 'draft.md').paths` is `['refs.bib']`.
 */
export function draftBibliography(text: string, draftPath: string): DraftBibliography {
  const block = frontMatterBlock(text);
  if (!block || !/^(bibliography|references)\s*:/m.test(block.yaml)) return noDraftBibliography;
  const bodyStart = block.yamlStart;
  // Bounded (`MAX_FRONT_MATTER_CHARS`): the draft is read again on every check, and must stay linear in its length.
  const { doc, problem } = readFrontMatterYaml(block, text, 'core');
  if (problem !== undefined) return { ...noDraftBibliography, problems: [{ path: draftPath, line: 0, message: `front matter not read: ${problem}` }] };
  if (!doc || !isMap(doc.contents)) return noDraftBibliography;
  const paths: string[] = [];
  const spans: Span[] = [];
  let references: BibEntry[] = [];
  const problems: BibProblem[] = [];
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (name === 'bibliography') {
      const values = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const value of values) {
        if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') continue;
        paths.push(value.value.trim());
        const range = value.range ?? (isScalar(pair.key) ? pair.key.range : undefined);
        spans.push(range ? { start: bodyStart + range[0], end: bodyStart + range[1] } : { start: 0, end: 3 });
      }
    } else if (name === 'references') {
      const read = cslEntries(isSeq(pair.value) ? (pair.value.toJSON() as unknown) : [], draftPath);
      references = read.entries;
      problems.push(...read.problems);
    }
  }
  return { paths, spans, references, problems };
}
