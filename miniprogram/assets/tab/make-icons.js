/* Regenerates the tab bar icons (81×81 PNG, grey and green): node make-icons.js */
const fs = require('node:fs');
const zlib = require('node:zlib');
const path = require('node:path');

const N = 81;
const SS = 4; // supersampling per axis for smooth edges

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(alpha, [r, g, b]) {
  const raw = Buffer.alloc(N * (N * 4 + 1));
  for (let y = 0; y < N; y++) {
    raw[y * (N * 4 + 1)] = 0;
    for (let x = 0; x < N; x++) {
      const o = y * (N * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round(alpha[y * N + x] * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(N, 0);
  ihdr.writeUInt32BE(N, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function raster(inside) {
  const a = new Float32Array(N * N);
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) {
      let hit = 0;
      for (let i = 0; i < SS; i++)
        for (let j = 0; j < SS; j++) if (inside(x + (i + 0.5) / SS, y + (j + 0.5) / SS)) hit++;
      a[y * N + x] = hit / (SS * SS);
    }
  return a;
}

const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const any =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y));
const not = (f) => (x, y) => !f(x, y);
const all =
  (...fs) =>
  (x, y) =>
    fs.every((f) => f(x, y));

const icons = {
  // House: roof triangle + body with a door.
  home: any(
    (x, y) => y >= 12 && y <= 40 && Math.abs(x - 40.5) <= (y - 12) * 1.05 && Math.abs(x - 40.5) >= (y - 12) * 1.05 - 7,
    all(rect(18, 36, 63, 68), not(rect(24, 40, 57, 62)), not(rect(18, 62, 63, 62))),
    rect(34, 48, 47, 68),
  ),
  // Heart: two discs and a triangle.
  activity: any(
    disc(29, 31, 13),
    disc(52, 31, 13),
    (x, y) => y >= 31 && y <= 68 && Math.abs(x - 40.5) <= (68 - y) * 0.95,
  ),
  // Services: four rounded tiles.
  services: any(rect(14, 14, 36, 36), rect(45, 14, 67, 36), rect(14, 45, 36, 67), ring(56, 56, 9, 6)),
  // Person: head ring + shoulders arc.
  me: any(ring(40.5, 27, 12, 6), (x, y) => y <= 68 && y >= 48 && Math.abs(Math.hypot(x - 40.5, y - 72) - 25) <= 3.5),
};

const GREY = [0x86, 0x90, 0x9c];
const GREEN = [0x0f, 0x7b, 0x55];
for (const [name, shape] of Object.entries(icons)) {
  const a = raster(shape);
  fs.writeFileSync(path.join(__dirname, `${name}.png`), png(a, GREY));
  fs.writeFileSync(path.join(__dirname, `${name}-active.png`), png(a, GREEN));
}
