#!/usr/bin/env node
/**
 * The PDF reader measured (`npm run bench` calls `pdfBench`; standalone:
 * `node bench/formats/pdfQuality.mjs [data folder]` after `npx tsc -b`):
 * - text quality: on every text-layer PDF of formats/pdf, the share of the word
 *   6-grams of each page of Verbatim's text found in `pdftotext`'s text of the
 *   same page (strict; and blind to fi/fl, since pdftotext reads a glyph without
 *   text as a space where Verbatim restores the letters);
 * - deep-review: eight-word passages of the article's HTML found in the PDF's
 *   text (raw pdf.js, and Verbatim's);
 * - throughput: pages per CPU-second of `pdftotext`, a bare pdf.js
 *   getTextContent loop, and Verbatim's reader, on the same files; and the
 *   same three in pages per wall-clock second on both cores (pdfThroughput.mjs);
 * - the PDF library of known text (pdfLibrary.mjs): quotations found verbatim
 *   and on the page they were set on, and printed page numbers read right.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bookParagraphs, checkQuotes, sampleQuotes, typeset } from './pdfLibrary.mjs';
import { parallelThroughput } from './pdfThroughput.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');

function hasPdftotext() {
  try { execFileSync('pdftotext', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; }
}

function cpuMs() { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }

/** Word n-grams (normalized words) of `text`. */
function grams(words, text, n, blind) {
  const w = words(blind ? text.normalize('NFKC').replace(/ff[il]?|f[il]/g, ' ') : text).map((x) => x.norm);
  const out = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

export async function pdfBench({ data = join(repo, '..', 'shared', 'data'), log = () => {}, libraryBooks = 4, libraryPages = 30, quotesPerBook = 100, rounds = 4, parallelRounds = 2 } = {}) {
  const { extractPdf } = await import(join(repo, 'server/out/formats/pdf/index.js'));
  const { pdfjs } = await import(join(repo, 'server/out/formats/pdf/pdfjs.js'));
  const { documentText } = await import(join(repo, 'server/out/formats/pdf/index.js'));
  const { layoutPage } = await import(join(repo, 'server/out/formats/pdf/page.js'));
  const { words } = await import(join(repo, 'server/out/text/tokenize.js'));
  const lines = [];
  const pdfDir = join(data, 'formats', 'pdf');
  if (!existsSync(pdfDir)) return `No ${pdfDir}: the PDF bench was skipped.`;
  const files = readdirSync(pdfDir).filter((f) => f.endsWith('.pdf')).sort();
  const poppler = hasPdftotext();

  // Text quality against pdftotext, page by page.
  const quality = [];
  const read = [];
  for (const name of files) {
    const bytes = new Uint8Array(readFileSync(join(pdfDir, name)));
    let result;
    try { result = await extractPdf(bytes, name); } catch (e) { quality.push([name, e.failure ?? 'error', '', '', '']); continue; }
    read.push({ name, bytes, pages: result.locators.length, result });
    if (!poppler) continue;
    const ref = execFileSync('pdftotext', [join(pdfDir, name), '-'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\f');
    const score = { n: 0, strict: 0, blind: 0, nBlind: 0 };
    result.locators.forEach((loc, i) => {
      const ours = result.text.slice(loc.start, loc.end);
      for (const blind of [false, true]) {
        const refSet = new Set(grams(words, ref[i] ?? '', 6, blind));
        const g = grams(words, ours, 6, blind);
        let hit = 0;
        for (const x of g) if (refSet.has(x)) hit++;
        if (blind) { score.blind += hit; score.nBlind += g.length; } else { score.strict += hit; score.n += g.length; }
      }
    });
    quality.push([name, 'read', score.n, pct(score.strict / score.n), pct(score.blind / score.nBlind), score.nBlind]);
    log(`quality ${name}`);
  }
  const total = quality.filter((r) => typeof r[2] === 'number' && r[2] > 0);
  const n = total.reduce((a, r) => a + r[2], 0);
  const nBlind = total.reduce((a, r) => a + r[5], 0);
  const strictAll = total.reduce((a, r) => a + r[2] * parseFloat(r[3]) / 100, 0) / n;
  const blindAll = total.reduce((a, r) => a + r[5] * parseFloat(r[4]) / 100, 0) / nBlind;
  lines.push(`PDF text quality: share of the word 6-grams of each page of Verbatim's text found in pdftotext's text of that page${poppler ? '' : ' (pdftotext is not installed: not measured)'}`);
  lines.push(table(['file', 'outcome', '6-grams', 'in pdftotext', 'fi/fl-blind'], [...quality.map((r) => r.slice(0, 5)), ['all (weighted)', '', n, pct(strictAll), pct(blindAll)]]));

  // deep-review: eight-word passages of the HTML.
  const htmlPath = join(data, 'formats', 'html', 'deep-review-manuscript.html');
  const deep = read.find((r) => r.name === 'deep-review-manuscript.pdf');
  if (existsSync(htmlPath) && deep) {
    const html = readFileSync(htmlPath, 'utf8').replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<\/?(?:a|span|sup|sub|em|strong|i|b|code)\b[^>]*>/gi, '').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');
    const hw = words(html).map((w) => w.norm);
    const passages = [];
    for (let i = 0; i + 8 <= hw.length; i += 32) passages.push(` ${hw.slice(i, i + 8).join(' ')} `);
    const found = (text) => { const hay = ` ${words(text).map((w) => w.norm).join(' ')} `; return passages.filter((p) => hay.includes(p)).length; };
    const raw = await rawText(pdfjs, deep.bytes);
    const guessed = raw.replace(/\0(?=[aiouy])/g, 'fl').replace(/\0/g, 'fi');
    lines.push('');
    lines.push(`deep-review-manuscript.pdf: ${passages.length} eight-word passages of its HTML (every 32nd word) found in the PDF's text`);
    lines.push(table(['text', 'found'], [
      ['raw pdf.js (U+0000 as is)', pct(found(raw) / passages.length)],
      ['raw pdf.js, U+0000 read as fl before a, i, o, u, y, else fi', pct(found(guessed) / passages.length)],
      ["Verbatim's reader", pct(found(deep.result.text) / passages.length)],
    ]));
  }

  // Throughput on the same files.
  const pages = read.reduce((a, r) => a + r.pages, 0);
  const timing = { pdftotext: Infinity, bare: Infinity, ours: Infinity };
  const bare = async () => { const t = cpuMs(); for (const r of read) await rawText(pdfjs, r.bytes); timing.bare = Math.min(timing.bare, cpuMs() - t); };
  const ours = async () => { const t = cpuMs(); for (const r of read) await extractPdf(r.bytes, r.name); timing.ours = Math.min(timing.ours, cpuMs() - t); };
  for (let run = 0; run < rounds; run++) {
    // Alternate the order, so warm-up and the machine's load fall on both alike.
    if (run % 2 === 0) { await bare(); await ours(); } else { await ours(); await bare(); }
    if (poppler) {
      // pdftotext's CPU time: one shell runs it on every file and reports its children's times.
      const script = `${read.map((r) => `pdftotext '${join(pdfDir, r.name).replace(/'/g, "'\\''")}' /dev/null`).join('; ')}; times`;
      const times = execFileSync('bash', ['-c', script], { encoding: 'utf8' }).trim().split('\n').pop();
      const seconds = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce((a, m) => a + Number(m[1]) * 60 + Number(m[2]), 0);
      timing.pdftotext = Math.min(timing.pdftotext, seconds * 1000);
    }
  }
  // The reader's own work apart: its layout over text items pdf.js gave once, untimed.
  const inputs = [];
  for (const r of read) inputs.push(await pdfInputs(pdfjs, r.bytes));
  let layout = Infinity;
  for (let run = 0; run < rounds; run++) {
    const t = cpuMs();
    for (const input of inputs) documentText(input.pages.map((p) => layoutPage(p.items, p.transform, p.height)), 0, input.labels, input.metadata, 'x.pdf');
    layout = Math.min(layout, cpuMs() - t);
  }
  lines.push('');
  lines.push(`PDF extraction throughput: ${read.length} files, ${pages} pages, one core, CPU time (best of ${rounds} rounds, alternating pdf.js and the reader)`);
  lines.push(table(['reader', 'pages/s', 'ms/page'], [
    ['pdftotext (poppler)', poppler ? (pages / (timing.pdftotext / 1000)).toFixed(0) : 'n/a', poppler ? (timing.pdftotext / pages).toFixed(1) : 'n/a'],
    ['pdf.js getTextContent loop', (pages / (timing.bare / 1000)).toFixed(0), (timing.bare / pages).toFixed(1)],
    ["Verbatim's reader (pdf.js + layout)", (pages / (timing.ours / 1000)).toFixed(0), (timing.ours / pages).toFixed(1)],
    ["the reader's layout alone, on pdf.js's items", (pages / (layout / 1000)).toFixed(0), (layout / pages).toFixed(2)],
    ['overhead beyond pdf.js: reader ÷ loop − 1 (noisy on a busy machine)', pct(timing.ours / timing.bare - 1), ''],
    ['overhead beyond pdf.js: layout alone ÷ loop', pct(layout / timing.bare), ''],
  ]));

  // The same readers on both cores, as the corpus's extraction pool runs them.
  const urls = { reader: pathToFileURL(join(repo, 'server/out/formats/pdf/index.js')).href, pdfjs: pathToFileURL(join(repo, 'server/out/formats/pdf/pdfjs.js')).href };
  const par = await parallelThroughput({ files: read.map((r) => ({ path: join(pdfDir, r.name), pages: r.pages })), poppler, rounds: parallelRounds, urls });
  lines.push('');
  lines.push(`PDF extraction throughput on ${par.jobs} cores: the same files, each once per runner, as one queue served to ${par.jobs} runners (pdftotext processes; worker threads for pdf.js), wall clock, best of ${parallelRounds} rounds; load average ${par.load[0].toFixed(1)}–${par.load[1].toFixed(1)} during the runs (a shared machine: other work takes cores too)`);
  lines.push(table(['reader', 'pages/s', 'ms/page'], [...par.rows, ['overhead beyond pdf.js: reader ÷ loop − 1', pct(par.overhead), '']]));

  // The PDF library of known text.
  const gutenberg = join(data, 'gutenberg');
  if (existsSync(gutenberg)) {
    const scratch = mkdtempSync(join(tmpdir(), 'verbatim-pdf-library-'));
    try {
      const books = readdirSync(gutenberg).filter((f) => f.endsWith('.txt')).sort();
      const step = Math.max(1, Math.floor(books.length / libraryBooks));
      const rows = [];
      const totals = { quotes: 0, found: 0, onPage: 0, pages: 0, labels: 0 };
      const misses = [];
      for (let b = 0; b < libraryBooks && b * step < books.length; b++) {
        const name = books[b * step];
        const columns = b % 2 === 1 ? 2 : 1;
        const file = join(scratch, `${b}.pdf`);
        const set = await typeset(bookParagraphs(join(gutenberg, name), 1e9), file, { title: name.replace(/_+/g, ' ').replace(/\.txt$/, '').slice(0, 60), columns, maxPages: libraryPages });
        const extracted = await extractPdf(new Uint8Array(readFileSync(file)), name);
        const quotes = sampleQuotes(set.words, quotesPerBook, 1000 + b);
        const r = checkQuotes(quotes, extracted, words);
        const labels = extracted.locators.filter((l, i) => (l.label ?? undefined) === set.printed[i]).length;
        rows.push([name.slice(0, 40), columns, extracted.locators.length, r.quotes, pct(r.found / r.quotes), pct(r.onPage / r.quotes), `${labels}/${extracted.locators.length}`]);
        totals.quotes += r.quotes; totals.found += r.found; totals.onPage += r.onPage; totals.pages += extracted.locators.length; totals.labels += labels;
        misses.push(...r.misses.map((m) => ({ book: name, ...m })));
        log(`library ${name}`);
      }
      lines.push('');
      lines.push(`The PDF library of known text: Gutenberg books typeset with pdfkit (justified, hyphenated, running header, page number), quotations of 6–20 words`);
      lines.push(table(['book', 'columns', 'pages', 'quotes', 'verbatim', 'verbatim on its page', 'printed numbers right'], [...rows, ['all', '', totals.pages, totals.quotes, pct(totals.found / totals.quotes), pct(totals.onPage / totals.quotes), `${totals.labels}/${totals.pages}`]]));
      for (const m of misses.slice(0, 5)) lines.push(`  missed (${m.found ? 'found, wrong page' : 'not found'}, set on ${m.expected}): ${m.quote}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return lines.join('\n');
}

/** What the reader's layout starts from: each page's text items and viewport, the page labels and metadata. */
async function pdfInputs(pdfjs, bytes) {
  const lib = await pdfjs();
  const task = lib.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      pages.push({ items: (await page.getTextContent()).items, transform: viewport.transform, height: viewport.height });
      page.cleanup();
    }
    return { pages, labels: await doc.getPageLabels(), metadata: await doc.getMetadata() };
  } finally {
    await task.destroy();
  }
}

/** pdf.js's own text: items joined, a line break where pdf.js marks one. */
async function rawText(pdfjs, bytes) {
  const lib = await pdfjs();
  const task = lib.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  try {
    const doc = await task.promise;
    let out = '';
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      for (const item of content.items) out += item.str + (item.hasEOL ? '\n' : '');
      out += '\n\n';
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const data = process.argv[2] ? resolve(process.argv[2]) : undefined;
  console.log(await pdfBench({ data, log: (m) => process.stderr.write(`pdf bench: ${m}\n`) }));
}
