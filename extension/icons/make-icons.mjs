// Draws the Weft icon (two weft threads woven through two warp threads on an indigo
// tile) and writes extension/public/icon/{16,32,48,128}.png. The PNGs are committed;
// run this only to change the design:  node extension/icons/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

const sizes = [16, 32, 48, 128];
const tile = [79, 70, 229]; // --accent, #4f46e5
const weft = [255, 255, 255];
const warp = [199, 210, 254];
const bands = [[0.28, 0.42], [0.58, 0.72]];
const span = [0.16, 0.84];
const gap = 0.04; // the tile showing either side of a thread that passes over

const inBand = (t, [a, b], pad = 0) => t >= a - pad && t <= b + pad;
const bandOf = (t, pad = 0) => bands.findIndex((b) => inBand(t, b, pad));
const inSpan = (t) => t >= span[0] && t <= span[1];

/** The colour at (x, y) in the unit square, or null outside the rounded tile. */
function colourAt(x, y) {
  const r = 0.22;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  if (dx * dx + dy * dy > r * r) return null;
  const v = inSpan(y) ? bandOf(x) : -1; // warp: vertical threads
  const h = inSpan(x) ? bandOf(y) : -1; // weft: horizontal threads
  if (v >= 0 && h >= 0) return (v + h) % 2 === 0 ? weft : warp;
  // Next to a crossing where the other thread is on top, show the tile: that is the weave.
  const nearV = inSpan(y) ? bandOf(x, gap) : -1;
  const nearH = inSpan(x) ? bandOf(y, gap) : -1;
  if (h >= 0 && nearV >= 0 && (nearV + h) % 2 === 1) return tile;
  if (v >= 0 && nearH >= 0 && (v + nearH) % 2 === 0) return tile;
  if (h >= 0) return weft;
  if (v >= 0) return warp;
  return tile;
}

function render(size) {
  const ss = 4; // 4 × 4 samples a pixel, for smooth edges
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) row.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / (ss * ss)) * 255)], o);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size, raw) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter set, no interlace
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = new URL('../public/icon/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const size of sizes) writeFileSync(new URL(`${size}.png`, out), render(size));
console.log(`wrote ${sizes.map((s) => `${s}.png`).join(', ')} to ${out.pathname}`);
