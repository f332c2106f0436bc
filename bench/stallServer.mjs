/**
 * The language server with a log of its event loop's stalls, in CPU time as
 * well as wall-clock time, for benches on a loaded machine: a 1 ms timer
 * notes every gap over 20 ms between its turns and how much of it the
 * server's main thread spent on a core (Linux: /proc/self/task/<pid>/schedstat).
 * On a machine shared with other work a gap is mostly the thread waiting for
 * a core; its CPU time is what the thread held the loop with, which is what a
 * quiet machine would show. Runs the server named by SCALE_SERVER (a file:
 * URL) and writes STALL_LOG/stalls-<pid>.json on exit ({ at, wall, cpu } in
 * ms since the process started):
 *   BENCH_SERVER=bench/stallServer.mjs SCALE_SERVER=file:///abs/server/out/server.js STALL_LOG=/tmp/dir node bench/bibliography.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
/** The main thread's time on a core so far, in ms. */
const cpu = () => Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;
const stalls = [];
let lastCpu = cpu();
let lastWall = performance.now();
setInterval(() => {
  const nowCpu = cpu();
  const now = performance.now();
  if (now - lastWall > 20) stalls.push({ at: Math.round(lastWall), wall: Math.round(now - lastWall), cpu: Math.round(nowCpu - lastCpu) });
  lastCpu = nowCpu;
  lastWall = now;
}, 1).unref();
process.on('exit', () => writeFileSync(`${process.env.STALL_LOG}/stalls-${process.pid}.json`, JSON.stringify(stalls)));
await import(process.env.SCALE_SERVER);
