#!/usr/bin/env node
// Draws the extension icon (images/icon.png, 128x128 RGBA) with no dependencies:
// a rounded ink-blue square, an opening quotation mark, and a green check.
// Shapes are distance functions sampled 4x4 per pixel for smooth edges; the PNG is
// written by hand with zlib. Usage: node scripts/make-icon.mjs [out.png]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 128;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'images', 'icon.png');

const background = [31, 58, 96];
const paper = [244, 240, 228];
const green = [76, 175, 80];

/** Distance from (x, y) to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedBox(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from (x, y) to the segment (ax, ay)-(bx, by), minus half its thickness. */
function segment(x, y, ax, ay, bx, by, thickness) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - thickness / 2;
}

/** One "6"-shaped quotation mark: a round head with a tail curling up to the right. */
function quoteMark(x, y, cx, cy) {
  const head = Math.hypot(x - cx, y - cy) - 13;
  const tail = segment(x, y, cx - 10, cy - 3, cx + 8, cy - 28, 10);
  return Math.min(head, tail);
}

/** Colour of one sample point, as [r, g, b, a]. */
function sample(x, y) {
  if (roundedBox(x, y, 64, 64, 62, 62, 22) > 0) return [0, 0, 0, 0];
  const check = Math.min(segment(x, y, 66, 90, 80, 104, 12), segment(x, y, 80, 104, 108, 70, 12));
  if (check < 0) return [...green, 255];
  const quotes = Math.min(quoteMark(x, y, 38, 56), quoteMark(x, y, 76, 56));
  const line = Math.min(roundedBox(x, y, 46, 86, 22, 4, 4), roundedBox(x, y, 40, 102, 16, 4, 4));
  if (quotes < 0 || line < 0) return [...paper, 255];
  return [...background, 255];
}

/** Averages a 4x4 grid of samples inside pixel (px, py). */
function pixel(px, py) {
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const [r, g, b, a] = sample(px + (i + 0.5) / 4, py + (j + 0.5) / 4);
      sum[0] += r * a; sum[1] += g * a; sum[2] += b * a; sum[3] += a;
    }
  }
  if (sum[3] === 0) return [0, 0, 0, 0];
  return [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], sum[3] / 16].map(Math.round);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const rows = [];
for (let y = 0; y < size; y++) {
  const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
  for (let x = 0; x < size; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
  rows.push(row);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`icon: ${out} (${png.length} bytes)`);
