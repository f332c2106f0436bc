import type { SegmentInput } from '../index/segmentData.js';

/**
 * A group of documents as sent to a segment worker thread: their texts joined
 * into one string and their numbers in typed arrays. Why: a group is posted
 * with a structured clone, and a clone of 100,000 small objects held the
 * server's thread 1.4 s (bench/README.md, "Requests behind hostile scale");
 * one string and four arrays are copied in a few milliseconds.
 */
export interface PackedGroup {
  readonly texts: string;
  /** Where each document's text ends in `texts`. */
  readonly textEnds: Uint32Array;
  readonly bodyStarts: Uint32Array;
  /** Where each document's chunk starts end in `chunkStarts` (none: an empty list). */
  readonly chunkEnds: Uint32Array;
  readonly chunkStarts: Uint32Array;
}

/**
 * Packs documents given by their text; undefined when any is given by its bytes
 * (`encoded`), which is sent as it is.
 * `unpackGroup(packGroup(docs)!)` builds the same segment as `docs`.
 */
export function packGroup(docs: readonly SegmentInput[]): PackedGroup | undefined {
  const texts: string[] = [];
  const textEnds = new Uint32Array(docs.length);
  const bodyStarts = new Uint32Array(docs.length);
  const chunkEnds = new Uint32Array(docs.length);
  let textAt = 0;
  let chunks = 0;
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d]!;
    if (doc.encoded !== undefined) return undefined;
    texts.push(doc.text);
    textEnds[d] = textAt += doc.text.length;
    bodyStarts[d] = doc.bodyStart;
    chunkEnds[d] = chunks += doc.chunkStarts?.length ?? 0;
  }
  const chunkStarts = new Uint32Array(chunks);
  for (let d = 0, at = 0; d < docs.length; d++) {
    const starts = docs[d]!.chunkStarts;
    if (starts) { chunkStarts.set(starts, at); at += starts.length; }
  }
  return { texts: texts.join(''), textEnds, bodyStarts, chunkEnds, chunkStarts };
}

/** The documents of a packed group, each text a slice of the joined one. */
export function unpackGroup(group: PackedGroup): SegmentInput[] {
  const docs: SegmentInput[] = [];
  for (let d = 0, textAt = 0, chunkAt = 0; d < group.textEnds.length; d++) {
    const textEnd = group.textEnds[d]!;
    const chunkEnd = group.chunkEnds[d]!;
    docs.push({ text: group.texts.slice(textAt, textEnd), bodyStart: group.bodyStarts[d]!, chunkStarts: group.chunkStarts.subarray(chunkAt, chunkEnd) });
    textAt = textEnd;
    chunkAt = chunkEnd;
  }
  return docs;
}

/** The arrays of a packed group, to be transferred rather than copied. */
export function packedBuffers(group: PackedGroup): ArrayBuffer[] {
  return [group.textEnds, group.bodyStarts, group.chunkEnds, group.chunkStarts].map((a) => a.buffer as ArrayBuffer);
}
