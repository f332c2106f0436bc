// Seeded randomness and argument parsing for the QA harness.

/** A seeded PRNG: `mulberry32(1)()` is always the same number in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
