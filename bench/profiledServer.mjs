/**
 * The language server under V8's sampling profiler, for bench/hostileScale.mjs
 * with SCALE_PROFILE=dir (Node refuses --cpu-prof in NODE_OPTIONS, and the
 * test harness spawns `node <script> --stdio`). Runs the server named by
 * SCALE_SERVER (a file: URL) and writes dir/server-<pid>.cpuprofile on exit;
 * open it in Chrome's DevTools or VS Code.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
// The main thread's own session answers synchronously, so the profile is written before the process ends.
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(`${process.env.SCALE_PROFILE}/server-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
await import(process.env.SCALE_SERVER);
