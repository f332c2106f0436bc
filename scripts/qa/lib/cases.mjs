// Builds the one-quote drafts for a passage: verbatim, accepted variants,
// one-word mutations, wrong source, uncited, invented.
import { normalizeWord, isNegation } from '../../../server/out/text/tokenize.js';
import { int, pick } from './random.mjs';
import { joinParts, renderParts, tokens } from './render.mjs';

const AUX = new Set(['is', 'was', 'are', 'were', 'will', 'would', 'can', 'could', 'should', 'must', 'do', 'does', 'did', 'has', 'have', 'had', 'may', 'might', 'shall']);
const STOP = new Set(['the', 'and', 'that', 'with', 'have', 'this', 'from', 'they', 'were', 'been', 'their', 'which', 'would', 'there', 'what', 'when', 'your', 'will', 'into', 'them', 'than', 'then', 'some', 'could', 'other']);
const SUBSTITUTES = ['window', 'silver', 'garden', 'yellow', 'market', 'thunder', 'promise', 'kettle', 'harbor', 'lantern', 'meadow', 'pencil'];
const INVENTED = ('quietly purple engine beneath seven ancient lanterns whisper toward marble clocks while ' +
  'hungry violins borrow frozen maps across the gentle orchard of forgotten bicycles and velvet thunder').split(' ');
const BRACKET_FILL = ['the nation', 'he', 'they', 'the government', 'this policy', 'the author', 'it', 'our people'];
const MARKS = ['...', '…', '[...]', '[…]'];

function cite(content, key) {
  return `As the record shows, “${content}” [@${key}].\n`;
}

/** The cases for one passage: `{ category, variant, draft, expect: { kind, key, diff? }, quoteWords }`. */
export function buildCases(rand, passage, sources) {
  const { ws, seps } = tokens(passage);
  const n = ws.length;
  const key = passage.key;
  const out = [];
  const add = (category, variant, parts, expect, extra = {}) => {
    if (!parts) return;
    const content = renderParts(parts);
    const draft = expect.uncited ? `He once wrote “${content}” to a friend.\n` : cite(content, expect.citeKey ?? key);
    out.push({ category, variant, draft, content, expect, ...extra });
  };
  const verbatimParts = joinParts(ws, seps);

  // (a) verbatim with the right citation
  add('a-verbatim', 'exact', verbatimParts, { kind: 'verbatim', key });

  // (b) accepted variants
  add('b-accepted', 'case', caseVariant(rand, ws, seps), { kind: 'verbatim', key });
  add('b-accepted', 'quotes', quoteVariant(ws, seps), { kind: 'verbatim', key });
  add('b-accepted', 'dash', dashVariant(rand, ws, seps), { kind: 'verbatim', key });
  add('b-accepted', 'whitespace', spaceVariant(rand, ws, seps), { kind: 'verbatim', key });
  add('b-accepted', 'edge-punctuation', [{ t: pick(rand, ['…', '...', '', '—']), raw: true }, ...verbatimParts, { t: pick(rand, ['.', ',', '!', '?', ';', '.…']), raw: true }], { kind: 'verbatim', key });
  if (n >= 7) {
    const left = int(rand, 3, n - 4);
    const size = int(rand, 1, Math.min(30, n - 3 - left));
    const mark = pick(rand, MARKS);
    add('b-accepted', 'omission', [...joinParts(ws, seps, 0, left), { t: ` ${mark} `, raw: true }, ...joinParts(ws, seps, left + size)],
      { kind: 'verbatim', key }, { note: `omits ${size} words after word ${left}` });
  }
  if (n >= 6) {
    const at = int(rand, 1, n - 4);
    const size = int(rand, 1, 3);
    add('b-accepted', 'bracket-replace', [...joinParts(ws, seps, 0, at), { t: ' ', raw: true }, { t: `[${pick(rand, BRACKET_FILL)}]`, raw: true }, { t: ' ', raw: true }, ...joinParts(ws, seps, at + size)],
      { kind: 'verbatim', key }, { note: `replaces ${size} words at word ${at}` });
  }
  if (/^\p{L}/u.test(ws[0])) {
    const first = ws[0][0];
    const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
    add('b-accepted', 'glued-bracket', [{ t: `[${flipped}]`, raw: true }, { t: ws[0].slice(1) }, ...(n > 1 ? [{ t: seps[0] }, ...joinParts(ws, seps, 1)] : [])], { kind: 'verbatim', key });
  }

  // (c) exactly one mutation
  for (const [variant, fn, diff] of [['number', mutateNumber, 'number'], ['negation-inserted', insertNegation, 'negation-added'],
    ['negation-removed', removeNegation, 'negation-dropped'], ['substituted', substitute, 'substituted'],
    ['dropped', dropWord, 'dropped'], ['swapped', swapWords, 'swapped']]) {
    const m = fn(rand, ws.slice(), seps.slice());
    if (!m) continue;
    add('c-mutation', variant, joinParts(m.ws, m.seps), { kind: 'mismatch', key, diff }, { mutated: m.ws, tags: m.tags ?? [], at: m.at, dropped: m.dropped, note: `word ${m.at} of ${m.ws.length}` });
  }

  // (g) issue 13: a few words dropped in one run (short quotes too), spelling variants, a writer's misspelling
  if (n >= 7) {
    const len = Math.min(n, int(rand, 7, 12));
    const size = int(rand, 2, Math.min(4, len - 5));
    const at = int(rand, 2, len - size - 2);
    const kept = [...ws.slice(0, at), ...ws.slice(at + size, len)];
    const keptSeps = [...seps.slice(0, at - 1), ' ', ...seps.slice(at + size, len - 1)];
    const dropped = ws.slice(at, at + size).map(normalizeWord);
    const tags = dropped.some((w) => isNegation(w)) ? ['drops-a-negation'] : dropped.some((w) => /^\d/.test(w)) ? ['drops-a-number'] : [];
    // A dropped run beside a word it repeats ("more [and more] NATO") or a quote that reads on from a later word: the
    // alignment may as well call it a changed or added word at an edge.
    if (dropped.includes(normalizeWord(ws[at + size])) || dropped.includes(normalizeWord(ws[at - 1]))) tags.push('adjacent-repeat');
    add('g-dropped-run', `${size}-words`, joinParts(kept, keptSeps), { kind: 'mismatch', key, diff: 'dropped' },
      { mutated: kept, tags, at, dropped: ws[at], note: `drops words ${at}-${at + size - 1} of ${len}` });
  }
  const spelled = n >= 6 ? spellingVariant(rand, ws, seps) : undefined;
  if (spelled) add('g-spelling', spelled.rule, joinParts(spelled.ws, spelled.seps), { kind: 'spelling', key }, { note: `${spelled.from} → ${spelled.to}` });
  const misspelled = misspell(rand, ws.slice(), seps.slice());
  if (misspelled) add('g-misspelled', 'writer-typo', joinParts(misspelled.ws, misspelled.seps), { kind: 'mismatch', key, diff: 'substituted' }, { mutated: misspelled.ws, at: misspelled.at, tags: [] });

  // (d) wrong source, (e) uncited, (f) invented
  if (sources.length > 1) {
    let other;
    do other = pick(rand, sources).key; while (other === key);
    add('d-wrong-source', 'other-key', verbatimParts, { kind: 'misattributed', key, citeKey: other });
  }
  add('e-uncited', 'no-citation', verbatimParts, { kind: 'uncited', key, uncited: true });
  const count = int(rand, 8, 20);
  const invented = Array.from({ length: count }, () => pick(rand, INVENTED));
  add('f-invented', 'random-words', [{ t: invented.join(' ') }], { kind: 'not-found', key: undefined });
  return out;
}

/** One word of the passage respelled by a variant rule the verdict must accept as spelling only. */
function spellingVariant(rand, ws, seps) {
  const rules = [
    ['american-british', /^(\p{L}{2,}[bcdfghlmnprstvz])or(s?)$/u, (m) => `${m[1]}our${m[2]}`],
    ['ize-ise', /^(\p{L}{3,})iz(e|es|ed|ing|ation)$/u, (m) => `${m[1]}is${m[2]}`],
    ['ed-apostrophe-d', /^(\p{L}{3,}[^aeiou'’])ed$/u, (m) => `${m[1]}'d`],
    ['ampersand', /^and$/, () => '&'],
    ['compound-split', /^(cannot|today|tomorrow|tonight)$/i, (m) => ({ cannot: 'can not', today: 'to-day', tomorrow: 'to-morrow', tonight: 'to-night' })[m[1].toLowerCase()]],
  ];
  const options = [];
  ws.forEach((w, i) => {
    if (i === 0 || i === ws.length - 1) return; // an edge word respelled may read as a dropped or added word
    for (const [rule, re, to] of rules) {
      const m = re.exec(w);
      if (m && !/^(?:for|nor|or|door|floor|poor|motor|major|minor)$/i.test(w)) options.push({ i, rule, to: to(m) });
    }
  });
  if (options.length === 0) return undefined;
  const { i, rule, to } = pick(rand, options);
  const out = ws.slice();
  const from = out[i];
  out[i] = to;
  return { ws: out, seps, rule, from, to };
}

/** A writer's typo: two letters of a long word transposed, a rare word nowhere in the corpus. */
function misspell(rand, ws, seps) {
  const idx = ws.map((w, i) => (/^\p{L}{7,}$/u.test(w) && !isNegation(normalizeWord(w)) && i > 0 && i < ws.length - 1 ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return undefined;
  const i = pick(rand, idx);
  const w = ws[i];
  const k = int(rand, 2, w.length - 3);
  if (w[k] === w[k + 1]) return undefined;
  ws[i] = w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  return { ws, seps, at: i };
}

function caseVariant(rand, ws, seps) {
  const mode = int(rand, 0, 2);
  const out = ws.map((w, i) => (mode === 0 ? w.toLowerCase() : mode === 1 ? w.toUpperCase() : i % 2 ? w.toUpperCase() : w.toLowerCase()));
  return joinParts(out, seps);
}

function quoteVariant(ws, seps) {
  const swap = (s) => s.replace(/['’‘]/g, (c) => (c === "'" ? '’' : "'"));
  if (!ws.some((w) => /['’‘]/.test(w)) && !seps.some((s) => /['’‘]/.test(s))) return undefined;
  return joinParts(ws.map(swap), seps.map(swap));
}

function dashVariant(rand, ws, seps) {
  if (!seps.some((s) => /[—–-]/.test(s))) return undefined;
  return joinParts(ws, seps.map((s) => s.replace(/--|[—–-]/g, () => pick(rand, ['—', '–', '-', '--', ' — ']))));
}

function spaceVariant(rand, ws, seps) {
  if (seps.length === 0) return undefined;
  const out = seps.slice();
  for (let k = 0; k < Math.min(3, out.length); k++) {
    const i = int(rand, 0, out.length - 1);
    out[i] = out[i].replace(/\s+|$/, pick(rand, ['  ', '\n', ' \n   ', '\t ']));
  }
  return joinParts(ws, out);
}

function mutateNumber(rand, ws, seps) {
  const idx = ws.map((w, i) => (/^\d/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return undefined;
  const i = pick(rand, idx);
  const w = ws[i];
  const at = w.search(/\d[^\d]*$/);
  const d = Number(w[at]);
  ws[i] = w.slice(0, at) + String((d + int(rand, 1, 9)) % 10) + w.slice(at + 1);
  return { ws, seps, at: i };
}

function insertNegation(rand, ws, seps) {
  const aux = ws.map((w, i) => (AUX.has(normalizeWord(w)) && i < ws.length - 1 && !isNegation(normalizeWord(ws[i + 1])) ? i : -1)).filter((i) => i >= 0);
  const after = aux.length ? pick(rand, aux) : int(rand, 0, ws.length - 2);
  ws.splice(after + 1, 0, 'not');
  seps.splice(after, 0, ' ');
  return { ws, seps, at: after + 1, tags: aux.length ? [] : ['not-after-non-auxiliary'] };
}

const CONTRACTIONS = { "can't": 'can', "won't": 'will', "shan't": 'shall', 'can’t': 'can', 'won’t': 'will', 'shan’t': 'shall' };

function removeNegation(rand, ws, seps) {
  const idx = ws.map((w, i) => (isNegation(normalizeWord(w)) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return undefined;
  const i = pick(rand, idx);
  const w = ws[i];
  const lower = w.toLowerCase();
  if (/n['’]t$/i.test(w)) {
    ws[i] = CONTRACTIONS[lower] ?? w.replace(/n['’]t$/i, '');
    return { ws, seps, at: i };
  }
  if (ws.length <= 4) return undefined;
  if (i === 0 || i === ws.length - 1) return undefined; // an edge word dropped leaves a verbatim quote
  ws.splice(i, 1);
  seps.splice(i, 1);
  return { ws, seps, at: i, tags: ['removed-' + lower] };
}

function substitute(rand, ws, seps) {
  const idx = ws.map((w, i) => (/^\p{L}{4,}$/u.test(w) && !STOP.has(w.toLowerCase()) && !isNegation(normalizeWord(w)) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return undefined;
  const i = pick(rand, idx);
  let s;
  do s = pick(rand, SUBSTITUTES); while (s === ws[i].toLowerCase());
  ws[i] = /^\p{Lu}/u.test(ws[i]) ? s[0].toUpperCase() + s.slice(1) : s;
  return { ws, seps, at: i };
}

function dropWord(rand, ws, seps) {
  if (ws.length < 5) return undefined; // fewer than four words left are not checked
  const i = int(rand, 1, ws.length - 2);
  const dropped = ws[i];
  const tags = normalizeWord(ws[i]) === normalizeWord(ws[i - 1]) || normalizeWord(ws[i]) === normalizeWord(ws[i + 1]) ? ['adjacent-repeat'] : [];
  ws.splice(i, 1);
  seps.splice(i, 1);
  return { ws, seps, at: i, tags, dropped };
}

function swapWords(rand, ws, seps) {
  const idx = ws.slice(0, -1).map((w, i) => (normalizeWord(w) !== normalizeWord(ws[i + 1]) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return undefined;
  const i = pick(rand, idx);
  [ws[i], ws[i + 1]] = [ws[i + 1], ws[i]];
  return { ws, seps, at: i, tags: /^\d/.test(ws[i] + ws[i + 1]) || /\d/.test(ws[i]) || /\d/.test(ws[i + 1]) ? ['swaps-a-number'] : [] };
}
