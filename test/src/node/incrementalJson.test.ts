import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalJson } from '../../../server/out/node/incrementalJson.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';

/** `text` fed in the pieces the cuts make, then ended. */
function parse(text: string, cuts: readonly number[]): unknown {
  const parser = new IncrementalJson();
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    if (cut > from) parser.feed(text.slice(from, cut));
    from = Math.max(from, cut);
  }
  return parser.end();
}

const PIECES = ['a', 'é', '“', '😀', '"', '\\', '\n', '\t', '/', '\u0001', '\u2028', '\ud800', ' ', 'word '];

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth > 3 || r < 0.3) {
    const kind = Math.floor(random() * 6);
    if (kind === 0) return null;
    if (kind === 1) return random() < 0.5;
    if (kind === 2) return Math.floor(random() * 2e6) - 1e6;
    if (kind === 3) return (random() - 0.5) * 10 ** Math.floor(random() * 30 - 10);
    return Array.from({ length: Math.floor(random() * 12) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
  }
  if (r < 0.6) return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) object[String(randomValue(random, 9))] = randomValue(random, depth + 1);
  return object;
}

test('random values, written with and without spaces and cut anywhere, parse as JSON.parse parses them', () => {
  const random = seededRandom(7);
  for (let n = 0; n < 300; n++) {
    const text = JSON.stringify(randomValue(random, 0), null, n % 3 === 0 ? 2 : undefined);
    const expected = JSON.parse(text);
    assert.deepEqual(parse(text, []), expected, text);
    const cuts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * text.length)).sort((a, b) => a - b);
    assert.deepEqual(parse(text, cuts), expected, `${text} cut at ${cuts.join(', ')}`);
  }
  // Every place, in escapes (`\\u00e9`, `\\"`), numbers and literals.
  const text = '{"a\\u00e9\\"b": [1.5e-3, -0, true, null, "x\\\\y\\nz\\ud83d\\ude00"], "": {}, "n": [[], {"k": false}]}';
  for (let cut = 0; cut <= text.length; cut++) assert.deepEqual(parse(text, [cut]), JSON.parse(text), `cut at ${cut}`);
  assert.deepEqual(parse(text, Array.from({ length: text.length }, (_, i) => i)), JSON.parse(text));
});

test('__proto__ is an own key, as JSON.parse makes it, never the prototype', () => {
  const value = parse('{"__proto__": {"polluted": true}, "a": 1}', [5]) as Record<string, unknown>;
  assert.deepEqual(Object.keys(value), ['__proto__', 'a']);
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.equal((value as { polluted?: boolean }).polluted, undefined);
});

test('what JSON.parse refuses is refused', () => {
  for (const bad of ['', '{', '{"a" 1}', '{"a": 1,}', '[1,]', '[1 2]', '{"a": tru}', '{"a": nul}', '01', '1.', '-', '"\\x"', '"\\u12g4"',
    '"a\u0001b"', '{"a": 1}}', '[1]]', '{a: 1}', '"open', '[', '{"a": [1}', '1 2', '{"a":1}x']) {
    assert.throws(() => JSON.parse(bad), `JSON.parse should refuse ${JSON.stringify(bad)}`);
    for (let cut = 0; cut <= bad.length; cut++) assert.throws(() => parse(bad, [cut]), SyntaxError, `${JSON.stringify(bad)} cut at ${cut}`);
  }
});
