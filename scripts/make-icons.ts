/**
 * Draws the add-in's icons (assets/icon-<size>.png): a blue price waterfall (a full bar, two bars stepping down, a
 * shorter full bar) on a transparent background, written as RGBA PNGs with Node's zlib.
 * Deterministic: the same bytes on every run. `npx tsx scripts/make-icons.ts`
 *
 * The sizes are the ones an add-in-only (XML) manifest of a task-pane add-in uses:
 * - IconUrl 32×32 and HighResolutionIconUrl 64×64 (Microsoft's IconUrl / HighResolutionIconUrl element references:
 *   "Task pane 32 x 32"; "For content and task pane apps, the image resolution must be 64 x 64 pixels");
 * - ribbon (bt:Image) 16, 32 and 80 mandatory, 20, 24, 40, 48 and 64 supported (Resources element reference, and
 *   the `size` attribute's documentation in OfficeAppBasicTypesV1_0.xsd).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

/** Every size the manifests use; a stale size (an earlier icon-128.png) is removed by writeIcons. */
export const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80] as const;
/** Ribbon sizes Office requires, and the optional ones it supports (all declared by the manifests). */
export const RIBBON_ICON_SIZES_REQUIRED = [16, 32, 80] as const;
export const RIBBON_ICON_SIZES_OPTIONAL = [20, 24, 40, 48, 64] as const;
/** IconUrl and HighResolutionIconUrl of a task-pane add-in. */
export const ADDIN_ICON_SIZE = 32;
export const ADDIN_HIGH_RESOLUTION_ICON_SIZE = 64;

type Rgba = [number, number, number, number];
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  color: Rgba;
}

const DARK: Rgba = [0x2f, 0x55, 0x97, 255]; // levels: list price, pocket price
const LIGHT: Rgba = [0x5b, 0x9b, 0xd5, 255]; // steps: discounts and allowances
const BASE: Rgba = [0x59, 0x59, 0x59, 255];

/** The motif in a unit square (y grows downwards). */
const MOTIF: Box[] = [
  { x0: 0.06, y0: 0.12, x1: 0.27, y1: 0.86, color: DARK },
  { x0: 0.29, y0: 0.12, x1: 0.5, y1: 0.36, color: LIGHT },
  { x0: 0.52, y0: 0.36, x1: 0.73, y1: 0.54, color: LIGHT },
  { x0: 0.75, y0: 0.54, x1: 0.96, y1: 0.86, color: DARK },
  { x0: 0.02, y0: 0.88, x1: 0.98, y1: 0.93, color: BASE },
];

/** RGBA pixels of one icon, 4×4 supersampled so small sizes stay crisp without jagged edges. */
export function drawIcon(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          const hit = MOTIF.find((m) => u >= m.x0 && u < m.x1 && v >= m.y0 && v < m.y1);
          if (hit) {
            r += hit.color[0];
            g += hit.color[1];
            b += hit.color[2];
            a += 255;
          }
        }
      }
      const n = ss * ss;
      const i = (y * size + x) * 4;
      // Colour averaged over covered samples; coverage becomes alpha.
      const covered = a / 255;
      px[i] = covered ? Math.round(r / covered) : 0;
      px[i + 1] = covered ? Math.round(g / covered) : 0;
      px[i + 2] = covered ? Math.round(b / covered) : 0;
      px[i + 3] = Math.round(a / n);
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG file bytes (8-bit RGBA, no interlace, filter 0 on every scanline). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function writeIcons(dir = resolve(__dirname, '..', 'assets')): string[] {
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(ICON_SIZES.map((size) => `icon-${size}.png`));
  for (const f of readdirSync(dir)) if (/^icon-\d+\.png$/.test(f) && !wanted.has(f)) rmSync(join(dir, f));
  return ICON_SIZES.map((size) => {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, drawIcon(size)));
    return file;
  });
}

if (/make-icons\.[tj]s$/.test(process.argv[1] ?? '')) {
  for (const f of writeIcons()) console.log(`wrote ${f}`);
}
