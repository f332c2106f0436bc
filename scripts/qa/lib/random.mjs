// Seeded randomness and argument parsing for the QA harness.

/** The engine's seeded generator (mulberry32), shared with the benchmark: `mulberry32(1)()` is always the same number in [0, 1). */
export { seededRandom as mulberry32 } from '../../../server/out/index/quoteSampler.js';

/** An integer in [lo, hi]. */
export function int(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** `--name value` pairs over defaults: `parseArgs(['--n', '5'], { n: '1' })` is `{ n: '5' }`. */
export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in defaults)) {
      console.error(`verdicts: unknown option ${argv[i]}; options: ${Object.keys(defaults).map((k) => '--' + k).join(' ')}`);
      process.exit(2);
    }
    out[name] = argv[++i] ?? '';
  }
  return out;
}
