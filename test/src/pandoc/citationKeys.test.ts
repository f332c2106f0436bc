import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDraft } from '../../../server/out/draft/index.js';
import { isCrossrefKey } from '../../../server/out/draft/citekey.js';
import { hasPandoc, pandocCites, pandocCitesPerSnippet, pandocJson, type Difference, type PandocCite } from './pandocCites.js';
import { HANDWRITTEN, drawnSnippets } from './trickySnippets.js';

/**
 * A differential test: Debian's `pandoc -f markdown -t json` reads real documents, and the
 * keys of its `Cite` nodes (in order, with repeats) must be Verbatim's citations, but for
 * pandoc-crossref references (`isCrossrefKey`, which Verbatim does not count as citations)
 * and the differences the README's "Differences from Pandoc" names.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const data = `${repo}../shared/data/formats/pandoc/`;
const readme = readFileSync(`${repo}README.md`, 'utf8');

/** The README's words for each difference: the test fails if the README stops saying them. */
const DOCUMENTED: Record<Difference, string> = {
  definition: '`[@key]: target`',
  'bare-url': 'bare URL',
};

const skip = (() => {
  if (hasPandoc()) return false;
  if (process.env['CI'] === 'true') throw new Error('pandoc is missing: .ci/run installs Debian\'s pandoc, and CI must run this test');
  return 'pandoc is not installed (apt-get install pandoc): the differential test against Pandoc is skipped';
})();
if (skip) console.log(`# ${skip}`);

interface Comparison {
  readonly pandoc: readonly string[];
  readonly verbatim: readonly string[];
  readonly crossrefs: number;
  readonly differences: Readonly<Record<string, number>>;
}

function compare(markdown: string, cites: readonly PandocCite[]): Comparison {
  const differences: Record<string, number> = {};
  let crossrefs = 0;
  const pandoc: string[] = [];
  for (const cite of cites) {
    if (cite.difference) differences[cite.difference] = (differences[cite.difference] ?? 0) + 1;
    else if (isCrossrefKey(cite.key)) crossrefs++;
    else pandoc.push(cite.mode === 'SuppressAuthor' ? `-${cite.key}` : cite.key);
  }
  // Keys, with `-` before those whose author is suppressed (`[-@smith]`).
  const verbatim = parseDraft(markdown).citations.map((c) => (c.suppressAuthor ? `-${c.key}` : c.key));
  return { pandoc, verbatim, crossrefs, differences };
}

function compareDocument(path: string, from?: string): Comparison {
  const markdown = readFileSync(path, 'utf8');
  return compare(markdown, pandocCites(pandocJson(markdown, from).blocks));
}

test('the README names every difference from Pandoc that this test allows', () => {
  for (const words of Object.values(DOCUMENTED)) assert.ok(readme.includes(words), `README.md should say ${words}`);
});

test('the Manubot manuscript: every Pandoc citation is Verbatim\'s, key for key, in order', { skip }, () => {
  const result = compareDocument(`${data}deep-review-manuscript.md`);
  assert.deepEqual(result.verbatim, result.pandoc);
  // 1,203 Cite nodes in all: 844 citations in the text, the 355 citation tags Manubot
  // defines as `[@tag:x]: doi:…` lines, and 4 pandoc-crossref references.
  assert.equal(result.pandoc.length, 844);
  assert.equal(new Set(result.pandoc.map((k) => k.replace(/^-/, ''))).size, 635);
  assert.equal(result.crossrefs, 4);
  assert.deepEqual(result.differences, { definition: 355 });
  assert.ok(result.pandoc.includes('url:https://github.com/greenelab/deep-review'), 'a key holding a URL is read whole');
});

test('the thesis chapters: the one citation is Pandoc\'s, and the 13 cross-references are not citations', { skip }, () => {
  const chapters = readdirSync(`${data}thesis`).filter((f) => f.endsWith('.md')).sort();
  assert.ok(chapters.length >= 15);
  let citations = 0;
  let crossrefs = 0;
  for (const chapter of chapters) {
    const result = compareDocument(`${data}thesis/${chapter}`);
    assert.deepEqual(result.verbatim, result.pandoc, chapter);
    assert.deepEqual(result.differences, {}, chapter);
    citations += result.pandoc.length;
    crossrefs += result.crossrefs;
  }
  assert.equal(citations, 1);
  assert.equal(crossrefs, 13);
});

test('the README\'s examples and the example draft are read as Pandoc reads them', { skip }, () => {
  const spans = [...readme.matchAll(/`([^`\n]*@[^`\n]*)`/g)].map((m) => m[1]!);
  assert.ok(spans.length >= 8, 'the README shows citation examples');
  const all = pandocCitesPerSnippet(spans);
  spans.forEach((span, i) => {
    const result = compare(span, all[i]!);
    assert.deepEqual(result.verbatim, result.pandoc, span);
  });
  for (const file of readdirSync(`${repo}examples`).filter((f) => f.endsWith('.md'))) {
    // The example's front matter is not YAML Pandoc accepts (an unquoted `:` in its title), and holds no citation.
    const result = compareDocument(`${repo}examples/${file}`, 'markdown-yaml_metadata_block');
    assert.deepEqual(result.verbatim, result.pandoc, file);
    assert.ok(result.pandoc.length > 0, `${file} cites`);
  }
});

test('tricky snippets, written and drawn: every key is Pandoc\'s', { skip }, () => {
  const snippets = [...HANDWRITTEN, ...drawnSnippets(1000)];
  const all = pandocCitesPerSnippet(snippets);
  let keys = 0;
  const mismatches: string[] = [];
  snippets.forEach((snippet, i) => {
    const result = compare(snippet, all[i]!);
    keys += result.pandoc.length;
    if (JSON.stringify(result.verbatim) !== JSON.stringify(result.pandoc)) {
      mismatches.push(`${JSON.stringify(snippet)}\n  pandoc   ${JSON.stringify(result.pandoc)}\n  verbatim ${JSON.stringify(result.verbatim)}`);
    }
  });
  assert.deepEqual(mismatches, []);
  assert.ok(keys > 700, `the snippets hold many citations (${keys})`);
});
