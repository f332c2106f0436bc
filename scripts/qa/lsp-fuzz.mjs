#!/usr/bin/env node
// Differential stress test of the language server, for deeper runs than CI's.
//
//   node scripts/qa/lsp-fuzz.mjs [--minutes 5] [--steps 60] [--start RANDOM] [--seed N]
//
// Runs seeds start, start+1, ... (each: a fresh workspace and server, `steps`
// random operations, the server's diagnostics and hovers compared with the
// engine in process at every checkpoint) until the time is up; prints each
// failing seed with its operation log. --seed N replays one seed. Run
// `npx tsc -b` first: it imports the compiled helpers under test/out/.
import { runSeed } from '../../test/out/lsp/fuzzRun.js';

const args = { minutes: '5', steps: '60', start: String(Math.floor(Math.random() * 1e6)), seed: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, '');
  if (!(name in args)) {
    console.error(`lsp-fuzz: unknown option ${argv[i]}; options: ${Object.keys(args).map((k) => '--' + k).join(' ')}`);
    process.exit(2);
  }
  args[name] = argv[++i] ?? '';
}

const steps = Number(args.steps);
if (args.seed !== '') {
  const stats = { ties: 0, examples: [] };
  const failure = await runSeed(Number(args.seed), steps, stats);
  console.log(failure ?? `seed ${args.seed}: agrees with the oracle`);
  for (const example of stats.examples) console.log(`accepted tie: ${example}`);
  process.exit(failure ? 1 : 0);
}

const deadline = Date.now() + Number(args.minutes) * 60_000;
// Diagnostics that named another, equally close passage than a fresh index (see Oracle.ties): accepted, counted.
const stats = { ties: 0, examples: [] };
let runs = 0;
const failed = [];
for (let seed = Number(args.start); Date.now() < deadline; seed++) {
  const failure = await runSeed(seed, steps, stats);
  runs++;
  for (const example of stats.examples.splice(0)) console.log(`seed ${seed}: accepted tie: ${example}`);
  if (failure) {
    failed.push(seed);
    console.log(`\n${failure}\n`);
  }
  if (runs % 10 === 0) console.log(`lsp-fuzz: ${runs} seeds from ${args.start}, ${failed.length} failed, ${stats.ties} ties accepted`);
}
console.log(`lsp-fuzz: ${runs} seeds (${args.start}..${Number(args.start) + runs - 1}, ${steps} steps each), ${failed.length} failed${failed.length ? ': ' + failed.join(' ') : ''}; ${stats.ties} diagnostics named another, equally close passage (accepted)`);
process.exit(failed.length ? 1 : 0);
