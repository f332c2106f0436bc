/**
 * The formats section of `npm run bench` (bench/run.mjs imports this file when
 * it is there): the web page reader's quality and cost on Readability's test
 * pages (`htmlQuality.mjs`). The PDF reader's section is `pdfQuality.mjs`,
 * which run.mjs calls itself (BENCH_PDF=0 skips it).
 *   const lines = await formatsSection({ data, log });
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { htmlQuality } from './htmlQuality.mjs';

const pct = (x) => `${(100 * x).toFixed(1)}%`;

export async function formatsSection({ data, log = () => {} }) {
  const formatsDir = join(data, 'formats');
  if (!existsSync(join(formatsDir, 'html'))) return [`Web pages: no data in ${formatsDir}/html; nothing was measured.`];
  log('formats: web pages (Readability over linkedom) against the expected articles');
  const { summary, deepReview } = await htmlQuality(formatsDir);
  const agree = (field) => {
    const a = summary.agreement[field];
    return `${a.same}/${a.same + a.differs + a.missing}`;
  };
  const lines = [
    `Web pages: ${summary.pages} of Readability's test pages (${summary.failures} not read), word F1 against expected.html ` +
      `mean ${summary.meanF1.toFixed(4)}, median ${summary.medianF1.toFixed(3)} (precision ${pct(summary.meanPrecision)}, recall ${pct(summary.meanRecall)}); ` +
      `metadata agreeing: title ${agree('title')}, author ${agree('author')}, date ${agree('date')}; ` +
      `CPU per page mean ${summary.cpuMsMean.toFixed(0)} ms, median ${summary.cpuMsMedian.toFixed(0)}, p95 ${summary.cpuMsP95.toFixed(0)}, max ${summary.cpuMsMax.toFixed(0)}`,
  ];
  if (summary.below95.length > 0) lines.push(`  pages below F1 0.95: ${summary.below95.join(', ')}`);
  if (deepReview) {
    lines.push(`  deep-review-manuscript.html: ${deepReview.words} words, abstract ${deepReview.hasAbstract ? 'kept' : 'MISSING'}, ` +
      `conclusions ${deepReview.hasConclusions ? 'kept' : 'MISSING'}, ${deepReview.cpuMs.toFixed(0)} ms CPU`);
  }
  return lines;
}
