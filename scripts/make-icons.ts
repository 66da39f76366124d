/**
 * Draws the app icons (the favicon's three rising bars) as PNGs for the web app manifest.
 * Run with `npx tsx scripts/make-icons.ts`; the output is committed under public/icons/.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
const BG: Rgb = [0x1f, 0x4e, 0x79];
const BARS: { x: number; y: number; w: number; h: number; c: Rgb }[] = [
  { x: 13, y: 34, w: 8, h: 16, c: [0x9f, 0xd3, 0xff] },
  { x: 28, y: 24, w: 8, h: 26, c: [0xcf, 0xe8, 0xff] },
  { x: 43, y: 14, w: 8, h: 36, c: [0xff, 0xff, 0xff] },
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Renders the icon at `size` px; `maskable` fills the square and keeps the bars in the safe zone. */
function render(size: number, maskable: boolean): Buffer {
  const scale = size / 64;
  const inset = maskable ? 0.1 : 0; // maskable icons may be cropped to a circle of 80%
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      // 4×4 supersampling for smooth edges
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const x = (px + (sx + 0.5) / 4) / scale;
          const y = (py + (sy + 0.5) / 4) / scale;
          let colour: Rgb | undefined = maskable || insideRoundRect(x, y, 0, 0, 64, 64, 14) ? BG : undefined;
          const ix = (x - 32) / (1 - 2 * inset) + 32;
          const iy = (y - 32) / (1 - 2 * inset) + 32;
          for (const bar of BARS) if (insideRoundRect(ix, iy, bar.x, bar.y, bar.w, bar.h, 2)) colour = bar.c;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 255;
          }
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = Math.round(r / 16);
      raw[o + 1] = Math.round(g / 16);
      raw[o + 2] = Math.round(b / 16);
      raw[o + 3] = Math.round(a / 16);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundRect(x: number, y: number, rx: number, ry: number, w: number, h: number, radius: number): boolean {
  if (x < rx || y < ry || x > rx + w || y > ry + h) return false;
  const cx = Math.min(Math.max(x, rx + radius), rx + w - radius);
  const cy = Math.min(Math.max(y, ry + radius), ry + h - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

writeFileSync('public/icons/icon-192.png', render(192, false));
writeFileSync('public/icons/icon-512.png', render(512, false));
writeFileSync('public/icons/icon-maskable-512.png', render(512, true));
console.log('wrote public/icons/icon-192.png, icon-512.png, icon-maskable-512.png');
