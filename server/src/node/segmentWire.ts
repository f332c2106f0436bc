import { timeSlices } from '../engine/timeSlices.js';
import type { SegmentInput } from '../index/segmentData.js';

/**
 * A group of documents as sent to a segment worker thread: their texts encoded
 * as UTF-8 into one buffer and their numbers in typed arrays, all transferred,
 * not copied. Why: a group is posted with a structured clone, and a clone of
 * 100,000 small objects held the server's thread 1.4 s (bench/README.md,
 * "Requests behind hostile scale"); then the texts joined into one string held
 * it 70-130 ms per 9 MB group (the join and the clone of the string, in one
 * piece each). Encoding is done a few milliseconds at a time (`packGroup`).
 */
export interface PackedGroup {
  /** The documents' texts, UTF-8, one after the other. */
  readonly bytes: Uint8Array;
  /** Where each document's text ends in `bytes`. */
  readonly byteEnds: Uint32Array;
  readonly bodyStarts: Uint32Array;
  /** Where each document's chunk starts end in `chunkStarts` (none: an empty list). */
  readonly chunkEnds: Uint32Array;
  readonly chunkStarts: Uint32Array;
}

/** Characters encoded per step (about a millisecond): a 5 MB text is cut into steps too. */
const STEP_CHARS = 256 * 1024;

/**
 * Packs documents given by their text, encoding them between turns of the event
 * loop (`timeSlices`); undefined when any is given by its bytes (`encoded`), or
 * holds a lone surrogate, which UTF-8 cannot carry: those are sent as they are.
 * `unpackGroup(await packGroup(docs))` builds the same segment as `docs`.
 */
export async function packGroup(docs: readonly SegmentInput[], due = timeSlices()): Promise<PackedGroup | undefined> {
  let chars = 0;
  const texts: string[] = [];
  for (const doc of docs) {
    if (doc.encoded !== undefined || !isWellFormed(doc.text)) return undefined;
    texts.push(doc.text);
    chars += doc.text.length;
  }
  // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
  const bytes = new Uint8Array(chars * 3);
  const byteEnds = new Uint32Array(docs.length);
  const bodyStarts = new Uint32Array(docs.length);
  const chunkEnds = new Uint32Array(docs.length);
  const encoder = new TextEncoder();
  let at = 0;
  let chunks = 0;
  for (let d = 0; d < docs.length; d++) {
    const text = texts[d]!;
    for (let from = 0; from < text.length;) {
      const turn = due();
      if (turn) await turn;
      let to = Math.min(text.length, from + STEP_CHARS);
      // A step never ends between the two halves of a surrogate pair.
      if (to < text.length && (text.charCodeAt(to - 1) & 0xfc00) === 0xd800) to++;
      at += encoder.encodeInto(from === 0 && to === text.length ? text : text.slice(from, to), bytes.subarray(at)).written;
      from = to;
    }
    byteEnds[d] = at;
    bodyStarts[d] = docs[d]!.bodyStart;
    chunkEnds[d] = chunks += docs[d]!.chunkStarts?.length ?? 0;
  }
  const chunkStarts = new Uint32Array(chunks);
  for (let d = 0, c = 0; d < docs.length; d++) {
    const starts = docs[d]!.chunkStarts;
    if (starts) { chunkStarts.set(starts, c); c += starts.length; }
  }
  // Only the bytes written go to the thread (copied once here, a memcpy).
  return { bytes: at === bytes.length ? bytes : bytes.slice(0, at), byteEnds, bodyStarts, chunkEnds, chunkStarts };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `text.isWellFormed()` (ES2024, in Node 20), with a pattern where a runtime lacks it. */
function isWellFormed(text: string): boolean {
  const own = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return own ? own.call(text) : !LONE_SURROGATE.test(text);
}

/** The documents of a packed group, each text decoded from its bytes. */
export function unpackGroup(group: PackedGroup): SegmentInput[] {
  const decoder = new TextDecoder();
  const docs: SegmentInput[] = [];
  for (let d = 0, byteAt = 0, chunkAt = 0; d < group.byteEnds.length; d++) {
    const byteEnd = group.byteEnds[d]!;
    const chunkEnd = group.chunkEnds[d]!;
    docs.push({ text: decoder.decode(group.bytes.subarray(byteAt, byteEnd)), bodyStart: group.bodyStarts[d]!, chunkStarts: group.chunkStarts.subarray(chunkAt, chunkEnd) });
    byteAt = byteEnd;
    chunkAt = chunkEnd;
  }
  return docs;
}

/** The buffers of a packed group, to be transferred rather than copied. */
export function packedBuffers(group: PackedGroup): ArrayBuffer[] {
  return [group.bytes, group.byteEnds, group.bodyStarts, group.chunkEnds, group.chunkStarts].map((a) => a.buffer as ArrayBuffer);
}
