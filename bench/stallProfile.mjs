/**
 * The language server under V8's sampling profiler and with a log of its
 * event loop's stalls in CPU time (as bench/stallServer.mjs), in one file, so
 * that each stall can be read with what ran in it:
 *   BENCH_SERVER=bench/stallProfile.mjs SCALE_SERVER=file:///abs/server/out/server.js SCALE_PROFILE=/tmp/dir node bench/bibliography.mjs
 *   node bench/stallProfileReport.mjs /tmp/dir/ps-<pid>.json [min CPU ms, default 15]
 * Writes SCALE_PROFILE/ps-<pid>.json ({ profile, stalls: { from, to, cpu } }, times in
 * the profile's microseconds) on exit. Linux only (/proc/self/task/<pid>/schedstat).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
/** The main thread's time on a core so far, in ms. */
const cpu = () => Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;
/** The monotonic clock V8's profile timestamps use, in µs. */
const now = () => Number(process.hrtime.bigint() / 1000n);
const stalls = [];
let lastCpu = cpu();
let last = now();
setInterval(() => {
  const c = cpu();
  const n = now();
  if (n - last > 15_000) stalls.push({ from: last, to: n, cpu: Math.round(c - lastCpu) });
  lastCpu = c;
  last = n;
}, 1).unref();
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 250 });
session.post('Profiler.start');
// The main thread's own session answers synchronously, so the file is written before the process ends.
process.on('exit', () => session.post('Profiler.stop', (error, result) => {
  if (!error) writeFileSync(`${process.env.SCALE_PROFILE}/ps-${process.pid}.json`, JSON.stringify({ profile: result.profile, stalls }));
}));
await import(process.env.SCALE_SERVER);
