#!/usr/bin/env node
/**
 * What the server's thread ran while each of the slowest hovers waited:
 * reads a CPU profile and the slow-waits.json that `bench/hostileScale.mjs`
 * writes beside it with SCALE_PROFILE=dir (the hovers' send times are on the
 * profile's monotonic clock), and prints, per wait, the functions with the
 * most time in it (top three project frames) and how much of the wait lay in
 * gaps between samples over 3 ms: time the thread did not run (the process
 * descheduled on a loaded machine), not a step of ours.
 *
 *   node bench/slowWaits.mjs dir/server-<pid>.cpuprofile dir/slow-waits.json [count=6]
 */
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const waits = JSON.parse(readFileSync(process.argv[3], 'utf8')).sort((a, b) => b.ms - a.ms);
const count = Number(process.argv[4] ?? 6);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const times = [];
let t = profile.startTime;
for (const delta of profile.timeDeltas) times.push(t += delta);

const shown = [];
for (const wait of waits) {
  // Hovers sent together waited behind the same work: one of them is shown.
  if (shown.some((from) => Math.abs(from - wait.from) < 300_000)) continue;
  if (shown.push(wait.from) > count) break;
  const self = new Map();
  let running = 0;
  let gaps = 0;
  for (let i = 0; i < times.length; i++) {
    if (times[i] < wait.from || times[i] > wait.from + wait.ms * 1000) continue;
    if (profile.timeDeltas[i] > 3000) gaps += profile.timeDeltas[i]; else running += profile.timeDeltas[i];
    // Verbatim's own frames (tsc's out/), or V8's (idle), (garbage collector)...; else the innermost frame.
    const stack = [];
    const ours = [];
    for (let n = profile.samples[i]; n !== undefined; n = parent.get(n)) {
      const frame = byId.get(n).callFrame;
      const name = `${frame.functionName || '(anon)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`;
      stack.push(name);
      if (frame.url.includes('/out/') || (frame.url === '' && /^\(.*\)$/.test(frame.functionName) && frame.functionName !== '(root)')) ours.push(name);
    }
    const key = ours.slice(0, 3).join(' < ') || stack[0];
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i]);
  }
  console.log(`wait ${wait.ms} ms from ${((wait.from - profile.startTime) / 1000).toFixed(0)} ms: ${(running / 1000).toFixed(0)} ms sampled, ${(gaps / 1000).toFixed(0)} ms in gaps over 3 ms`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`   ${(us / 1000).toFixed(0)} ms  ${key}`);
}
