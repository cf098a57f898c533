/**
 * The chart as an indexed-colour PNG: a chart is flat colours and their anti-aliased edges (about
 * 160 distinct colours for the full chart), so a palette of its exact colours draws the same picture
 * at a fraction of the RGBA file's size (the full chart: 190 KB → about 60 KB). Lossless: a picture
 * with more than 256 colours is left to the RGBA encoder (undefined).
 *
 * Written here rather than taken from a library: with the exact palette no quantiser is needed, and
 * what is left is the PNG container (IHDR, PLTE, tRNS, IDAT, IEND) over node:zlib.
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes RGBA pixels (4 bytes each, rows top to bottom) as a palette PNG, or undefined past 256 colours. */
export function indexedPng(rgba: Uint8Array, width: number, height: number): Buffer | undefined {
  if (rgba.length !== width * height * 4) throw new Error('indexedPng: pixel data does not match the size');
  const view = new DataView(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const index = new Map<number, number>();
  const colors: number[] = [];
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const color = view.getUint32(i * 4);
    let k = index.get(color);
    if (k === undefined) {
      if (colors.length === 256) return undefined;
      k = colors.length;
      index.set(color, k);
      colors.push(color);
    }
    pixels[i] = k;
  }
  // Fewer colours pack more pixels a byte (1, 2 or 4 bits each).
  const depth = colors.length <= 2 ? 1 : colors.length <= 4 ? 2 : colors.length <= 16 ? 4 : 8;
  const perByte = 8 / depth;
  const stride = Math.ceil(width / perByte);
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    // Filter type 0 (none) on every row: the filter PNG recommends for palette images.
    rows[row] = 0;
    for (let x = 0; x < width; x++) {
      const value = pixels[y * width + x]!;
      const at = row + 1 + Math.floor(x / perByte);
      rows[at] = rows[at]! | (value << (8 - depth * ((x % perByte) + 1)));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = 3; // colour type 3: indexed
  const palette = Buffer.alloc(colors.length * 3);
  const alpha = Buffer.alloc(colors.length);
  colors.forEach((c, i) => {
    palette[i * 3] = c >>> 24;
    palette[i * 3 + 1] = (c >>> 16) & 0xff;
    palette[i * 3 + 2] = (c >>> 8) & 0xff;
    alpha[i] = c & 0xff;
  });
  const opaque = alpha.every((a) => a === 255);
  // tRNS lists alpha for the leading palette entries; trailing opaque ones may be left out.
  let last = alpha.length;
  while (last > 0 && alpha[last - 1] === 255) last--;
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', palette),
    ...(opaque ? [] : [chunk('tRNS', alpha.subarray(0, last))]),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
