// Cuts a source into small in-memory sources, to test corpora of many short files.

/**
 * Pieces of about `words` words, cut at line or sentence ends, keyed `key_p0`, `key_p1`, ...
 * `splitSource({ key: 'a', text: 'x y\nz', ... }, 2)` gives `a_p0` ('x y\n') and `a_p1` ('z').
 */
export function splitSource(source, words) {
  const body = source.text.slice(source.bodyStart);
  const lines = body.split(/(?<=\n)|(?<=[.!?]["”’]?[ \t]+)/); // line or sentence ends
  const pieces = [];
  let current = '';
  let count = 0;
  for (const line of lines) {
    current += line;
    count += (line.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    if (count >= words) { pieces.push(current); current = ''; count = 0; }
  }
  if (current.trim()) pieces.push(current);
  return pieces.map((text, i) => ({
    ...source, key: `${source.key}_p${i}`, path: `${source.path}#${i}`, text, bodyStart: 0, size: text.length,
  }));
}
