// How the time of some work grows with its input, for the tests that hold parsing
// linear (issue 11). Time is this process's CPU time, not the wall clock: on a busy
// machine the wall clock mostly counts the wait for a core, which made these tests
// flaky, while the CPU a parse uses barely moves. No test asserts a number of ms.

/** CPU milliseconds of the fastest of five runs of `work`. */
export function fastestCpu(work: () => void): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * The time per character at the largest size over that at the smallest, measured
 * up to three times while it looks superlinear (at or over `bound`): linear work gives
 * about 1 and quadratic work the size ratio, every time.
 */
export function perCharGrowth(sizes: number[], make: (n: number) => string, work: (text: string) => void, bound: number): { growth: number; detail: string } {
  work(make(sizes[0]!)); // warm up the JIT
  let result = { growth: Infinity, detail: '' };
  for (let attempt = 0; attempt < 3 && result.growth >= bound; attempt++) {
    const perChar = sizes.map((n) => { const text = make(n); return { n, perChar: fastestCpu(() => work(text)) / text.length }; });
    result = {
      growth: perChar[perChar.length - 1]!.perChar / perChar[0]!.perChar,
      detail: perChar.map((p) => `${p.n} chars: ${(p.perChar * 1000).toFixed(3)} µs/char`).join(', '),
    };
  }
  return result;
}
