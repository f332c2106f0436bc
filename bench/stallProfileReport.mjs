/**
 * Reads a file of bench/stallProfile.mjs: for each stall of the server's
 * event loop that held at least `min` ms of CPU, the functions on the stack in
 * its samples, by share of them (idle samples left out).
 *   node bench/stallProfileReport.mjs /tmp/dir/ps-<pid>.json [min CPU ms, default 15]
 */
import { readFileSync } from 'node:fs';

const { profile: p, stalls } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const min = Number(process.argv[3] ?? 15);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (f) => `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
const times = [];
let t = p.startTime;
for (let i = 0; i < p.samples.length; i++) times.push(t += p.timeDeltas[i]);
const idle = new Set(['(idle)', '(program)']);
for (const s of stalls.filter((x) => x.cpu >= min)) {
  const total = new Map();
  let samples = 0;
  for (let i = 0; i < times.length; i++) {
    if (times[i] < s.from || times[i] > s.to || idle.has(byId.get(p.samples[i]).callFrame.functionName)) continue;
    samples++;
    const seen = new Set();
    for (let n = p.samples[i]; n !== undefined; n = parent.get(n)) {
      const k = name(byId.get(n).callFrame);
      if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + 1); }
    }
  }
  console.log(`stall at ${((s.from - p.startTime) / 1000).toFixed(0)} ms: wall ${((s.to - s.from) / 1000).toFixed(0)} ms, CPU ${s.cpu} ms, ${samples} samples`);
  const shown = [...total].filter(([k]) => !/^\(root\)|processImmediate|runMicrotasks|processTicksAndRejections/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 20);
  for (const [k, v] of shown) console.log(`   ${((100 * v) / samples).toFixed(0)}% ${k}`);
}
