#!/usr/bin/env node
// Generates the PNG screenshots that the sample blog's posts link to, plus the tiny images used by
// the test fixture sites. No dependencies: a small RGB canvas, a 5x7 bitmap font, and a PNG encoder
// built on node:zlib with a hand-written CRC-32.
//
//   node examples/tools/make-sample-images.mjs          # (re)write every image
//   node examples/tools/make-sample-images.mjs --check  # exit 1 if an image is missing or differs
//
// Output is deterministic, so re-running it on an unchanged script leaves git clean.
// Deliberately NOT generated: examples/sample-blog/images/2022/image-20220612111950287.png
// (the `missing-image` defect, see examples/sample-blog/DEFECTS.md).

import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const blogImages = join(repo, 'examples', 'sample-blog', 'images');
const fixtures = join(repo, 'test', 'fixtures', 'sites');

// ---------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function encodePng(canvas) {
  const { w, h, px } = canvas;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  // Filter type 1 (Sub) on every row: flat areas become runs of zeros and compress very well.
  const stride = w * 3;
  const raw = Buffer.alloc((stride + 1) * h);
  for (let y = 0; y < h; y++) {
    const o = y * (stride + 1);
    raw[o] = 1;
    for (let i = 0; i < stride; i++) {
      const cur = px[y * stride + i];
      const left = i >= 3 ? px[y * stride + i - 3] : 0;
      raw[o + 1 + i] = (cur - left) & 0xff;
    }
  }
  const idat = deflateSync(raw, { level: 9 });
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

// ---------------------------------------------------------------------------------------------
// Canvas

function hex(c) {
  const n = parseInt(c.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a, b, t) {
  const A = hex(a), B = hex(b);
  return '#' + A.map((v, i) => Math.round(v + (B[i] - v) * t).toString(16).padStart(2, '0')).join('');
}

class Canvas {
  constructor(w, h, bg = '#ffffff') {
    this.w = w;
    this.h = h;
    this.px = new Uint8Array(w * h * 3);
    this.rect(0, 0, w, h, bg);
  }
  set(x, y, rgb) {
    x = Math.round(x); y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 3;
    this.px[i] = rgb[0]; this.px[i + 1] = rgb[1]; this.px[i + 2] = rgb[2];
  }
  rect(x, y, w, h, color) {
    const rgb = hex(color);
    for (let j = Math.max(0, Math.round(y)); j < Math.min(this.h, Math.round(y + h)); j++)
      for (let i = Math.max(0, Math.round(x)); i < Math.min(this.w, Math.round(x + w)); i++) this.set(i, j, rgb);
  }
  rrect(x, y, w, h, r, color) {
    const rgb = hex(color);
    for (let j = 0; j < h; j++)
      for (let i = 0; i < w; i++) {
        const dx = i < r ? r - i - 0.5 : i >= w - r ? i - (w - r) + 0.5 : 0;
        const dy = j < r ? r - j - 0.5 : j >= h - r ? j - (h - r) + 0.5 : 0;
        if (dx * dx + dy * dy <= r * r) this.set(x + i, y + j, rgb);
      }
  }
  frame(x, y, w, h, color, t = 1) {
    this.rect(x, y, w, t, color); this.rect(x, y + h - t, w, t, color);
    this.rect(x, y, t, h, color); this.rect(x + w - t, y, t, h, color);
  }
  circle(cx, cy, r, color) {
    const rgb = hex(color);
    for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) if (i * i + j * j <= r * r) this.set(cx + i, cy + j, rgb);
  }
  vgradient(x, y, w, h, top, bottom) {
    for (let j = 0; j < h; j++) this.rect(x, y + j, w, 1, mix(top, bottom, j / Math.max(1, h - 1)));
  }
  line(x0, y0, x1, y1, color, t = 2) {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps, y = y0 + ((y1 - y0) * s) / steps;
      this.rect(x - t / 2, y - t / 2, t, t, color);
    }
  }
  arrow(x0, y0, x1, y1, color, t = 2) {
    this.line(x0, y0, x1, y1, color, t);
    const a = Math.atan2(y1 - y0, x1 - x0), L = 9, W = 5;
    const bx = x1 - L * Math.cos(a), by = y1 - L * Math.sin(a);
    const lx = bx + W * Math.sin(a), ly = by - W * Math.cos(a);
    const rx = bx - W * Math.sin(a), ry = by + W * Math.cos(a);
    this.triangle([x1, y1], [lx, ly], [rx, ry], color);
  }
  triangle(p0, p1, p2, color) {
    const rgb = hex(color);
    const minX = Math.floor(Math.min(p0[0], p1[0], p2[0])), maxX = Math.ceil(Math.max(p0[0], p1[0], p2[0]));
    const minY = Math.floor(Math.min(p0[1], p1[1], p2[1])), maxY = Math.ceil(Math.max(p0[1], p1[1], p2[1]));
    const edge = (a, b, x, y) => (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    for (let y = minY; y <= maxY; y++)
      for (let x = minX; x <= maxX; x++) {
        const e0 = edge(p0, p1, x, y), e1 = edge(p1, p2, x, y), e2 = edge(p2, p0, x, y);
        if ((e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)) this.set(x, y, rgb);
      }
  }
  text(x, y, str, color, scale = 2) {
    const rgb = hex(color);
    let cx = x;
    for (const ch of str) {
      const g = FONT[ch] ?? FONT[ch.toUpperCase()] ?? FONT['?'];
      for (let row = 0; row < 7; row++)
        for (let col = 0; col < 5; col++)
          if (g[row] & (0x10 >> col))
            for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) this.set(cx + col * scale + sx, y + row * scale + sy, rgb);
      cx += 6 * scale;
    }
    return cx;
  }
  textWidth(str, scale = 2) {
    return [...str].length * 6 * scale - scale;
  }
  textCenter(cx, y, str, color, scale = 2) {
    this.text(Math.round(cx - this.textWidth(str, scale) / 2), y, str, color, scale);
  }
}

// 5x7 bitmap font (HD44780-style), one number per row, bit 4 = leftmost column.
const FONT = {
  ' ': [0, 0, 0, 0, 0, 0, 0],
  A: [14, 17, 17, 17, 31, 17, 17], B: [30, 17, 17, 30, 17, 17, 30], C: [14, 17, 16, 16, 16, 17, 14],
  D: [28, 18, 17, 17, 17, 18, 28], E: [31, 16, 16, 30, 16, 16, 31], F: [31, 16, 16, 30, 16, 16, 16],
  G: [14, 17, 16, 23, 17, 17, 15], H: [17, 17, 17, 31, 17, 17, 17], I: [14, 4, 4, 4, 4, 4, 14],
  J: [7, 2, 2, 2, 2, 18, 12], K: [17, 18, 20, 24, 20, 18, 17], L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17], N: [17, 17, 25, 21, 19, 17, 17], O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16], Q: [14, 17, 17, 17, 21, 18, 13], R: [30, 17, 17, 30, 20, 18, 17],
  S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4], U: [17, 17, 17, 17, 17, 17, 14],
  V: [17, 17, 17, 17, 17, 10, 4], W: [17, 17, 17, 21, 21, 21, 10], X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 17, 10, 4, 4, 4], Z: [31, 1, 2, 4, 8, 16, 31],
  a: [0, 0, 14, 1, 15, 17, 15], b: [16, 16, 22, 25, 17, 17, 30], c: [0, 0, 14, 16, 16, 17, 14],
  d: [1, 1, 13, 19, 17, 17, 15], e: [0, 0, 14, 17, 31, 16, 14], f: [6, 9, 8, 28, 8, 8, 8],
  g: [0, 15, 17, 17, 15, 1, 14], h: [16, 16, 22, 25, 17, 17, 17], i: [4, 0, 12, 4, 4, 4, 14],
  j: [2, 0, 6, 2, 2, 18, 12], k: [16, 16, 18, 20, 24, 20, 18], l: [12, 4, 4, 4, 4, 4, 14],
  m: [0, 0, 26, 21, 21, 17, 17], n: [0, 0, 22, 25, 17, 17, 17], o: [0, 0, 14, 17, 17, 17, 14],
  p: [0, 0, 30, 17, 30, 16, 16], q: [0, 0, 13, 19, 15, 1, 1], r: [0, 0, 22, 25, 16, 16, 16],
  s: [0, 0, 14, 16, 14, 1, 30], t: [8, 8, 28, 8, 8, 9, 6], u: [0, 0, 17, 17, 17, 19, 13],
  v: [0, 0, 17, 17, 17, 10, 4], w: [0, 0, 17, 17, 21, 21, 10], x: [0, 0, 17, 10, 4, 10, 17],
  y: [0, 0, 17, 17, 15, 1, 14], z: [0, 0, 31, 2, 4, 8, 31],
  0: [14, 17, 19, 21, 25, 17, 14], 1: [4, 12, 4, 4, 4, 4, 14], 2: [14, 17, 1, 2, 4, 8, 31],
  3: [31, 2, 4, 2, 1, 17, 14], 4: [2, 6, 10, 18, 31, 2, 2], 5: [31, 16, 30, 1, 1, 17, 14],
  6: [6, 8, 16, 30, 17, 17, 14], 7: [31, 1, 2, 4, 8, 8, 8], 8: [14, 17, 17, 14, 17, 17, 14],
  9: [14, 17, 17, 15, 1, 2, 12],
  '.': [0, 0, 0, 0, 0, 12, 12], ',': [0, 0, 0, 0, 12, 4, 8], ':': [0, 12, 12, 0, 12, 12, 0],
  ';': [0, 12, 12, 0, 12, 4, 8], '-': [0, 0, 0, 31, 0, 0, 0], _: [0, 0, 0, 0, 0, 0, 31],
  '/': [0, 1, 2, 4, 8, 16, 0], '\\': [0, 16, 8, 4, 2, 1, 0], '=': [0, 0, 31, 0, 31, 0, 0],
  '+': [0, 4, 4, 31, 4, 4, 0], '>': [8, 4, 2, 1, 2, 4, 8], '<': [2, 4, 8, 16, 8, 4, 2],
  $: [4, 15, 20, 14, 5, 30, 4], '(': [2, 4, 8, 8, 8, 4, 2], ')': [8, 4, 2, 2, 2, 4, 8],
  '[': [14, 8, 8, 8, 8, 8, 14], ']': [14, 2, 2, 2, 2, 2, 14], "'": [12, 4, 8, 0, 0, 0, 0],
  '"': [10, 10, 10, 0, 0, 0, 0], '#': [10, 10, 31, 10, 31, 10, 10], '*': [0, 4, 21, 14, 21, 4, 0],
  '!': [4, 4, 4, 4, 0, 0, 4], '?': [14, 17, 1, 2, 4, 0, 4], '%': [24, 25, 2, 4, 8, 19, 3],
  '|': [4, 4, 4, 4, 4, 4, 4], '~': [0, 0, 8, 21, 2, 0, 0], '{': [2, 4, 4, 8, 4, 4, 2],
  '}': [8, 4, 4, 2, 4, 4, 8], '@': [14, 17, 1, 13, 21, 21, 14], '^': [4, 10, 17, 0, 0, 0, 0],
  '&': [12, 18, 20, 8, 21, 18, 13], '`': [8, 4, 2, 0, 0, 0, 0],
};

// ---------------------------------------------------------------------------------------------
// Scenes

const W = 640, H = 360;

// A macOS-style terminal window. lines: [{ t: text, c: colour }] or plain strings.
function terminal({ title, lines, accent = '#50fa7b', bg = '#1d1f27', desk = '#c9d3dd' }) {
  const c = new Canvas(W, H, desk);
  c.vgradient(0, 0, W, H, desk, mix(desk, '#6b7b8c', 0.5));
  c.rrect(22, 18, W - 44, H - 36, 10, bg);
  c.rrect(22, 18, W - 44, 30, 10, '#3a3d4a');
  c.rect(22, 38, W - 44, 10, '#3a3d4a');
  c.circle(44, 33, 6, '#ff5f57'); c.circle(64, 33, 6, '#febc2e'); c.circle(84, 33, 6, '#28c840');
  c.textCenter(W / 2, 27, title, '#c8ccd8', 2);
  let y = 64;
  for (const line of lines) {
    const l = typeof line === 'string' ? { t: line } : line;
    let x = 40;
    if (l.prompt !== undefined) {
      x = c.text(x, y, '$ ', accent, 2);
      c.text(x, y, l.prompt, '#f8f8f2', 2);
    } else {
      c.text(x, y, l.t ?? '', l.c ?? '#aab1c2', 2);
    }
    y += 20;
  }
  // blinking cursor
  c.text(40, y, '$ ', accent, 2);
  c.rect(64, y, 10, 14, '#f8f8f2');
  return c;
}

// A bar chart. series: [{ name, colour, values }], labels: x axis labels.
function barChart({ title, subtitle, labels, series, max, unit = '', bg = '#ffffff', valueLabels = true, yLabels = true }) {
  const c = new Canvas(W, H, bg);
  c.text(28, 22, title, '#222831', 3);
  if (subtitle) c.text(28, 50, subtitle, '#6b6f7a', 2);
  const x0 = 64, y0 = 300, x1 = W - 28, y1 = 86;
  const raw = Math.max(...series.flatMap((s) => s.values)) * 1.15;
  const step = 10 ** Math.floor(Math.log10(raw / 4));
  const top = max ?? Math.ceil(raw / (4 * step)) * 4 * step;
  // grid lines + y labels
  for (let k = 0; k <= 4; k++) {
    const y = Math.round(y0 - ((y0 - y1) * k) / 4);
    c.rect(x0, y, x1 - x0, 1, k === 0 ? '#444a55' : '#e6e3dc');
    const v = Math.round((top * k) / 4);
    if (yLabels) c.text(x0 - 8 - c.textWidth(String(v), 1), y - 3, String(v), '#6b6f7a', 1);
  }
  c.rect(x0, y1, 1, y0 - y1, '#444a55');
  const groups = labels.length, per = series.length;
  const gw = (x1 - x0) / groups, bw = Math.max(4, Math.floor((gw * 0.7) / per));
  labels.forEach((label, gi) => {
    const gx = x0 + gi * gw + (gw - bw * per) / 2;
    series.forEach((s, si) => {
      const v = s.values[gi];
      const bh = Math.round(((y0 - y1) * v) / top);
      c.rect(Math.round(gx + si * bw), y0 - bh, bw - 2, bh, s.colour);
      if (valueLabels && per === 1) c.textCenter(gx + si * bw + bw / 2, y0 - bh - 14, `${v}${unit}`, '#222831', 1);
    });
    if (label) c.textCenter(x0 + gi * gw + gw / 2, y0 + 10, label, '#444a55', 1);
  });
  // legend
  let lx = x1;
  for (const s of [...series].reverse()) {
    lx -= c.textWidth(s.name, 1) + 26;
    c.rect(lx, 56, 10, 10, s.colour);
    c.text(lx + 14, 58, s.name, '#444a55', 1);
  }
  return c;
}

// Boxes joined by arrows, left to right, optionally with a second row.
function flow({ title, boxes, below = [], colours, bg = '#f7f5ef' }) {
  const c = new Canvas(W, H, bg);
  c.text(28, 22, title, '#222831', 3);
  const n = boxes.length, gap = 22, bw = Math.floor((W - 56 - gap * (n - 1)) / n), bh = 74, y = 120;
  boxes.forEach((b, i) => {
    const x = 28 + i * (bw + gap);
    const col = colours[i % colours.length];
    c.rrect(x + 3, y + 4, bw, bh, 8, '#d8d4ca');
    c.rrect(x, y, bw, bh, 8, col);
    const lines = Array.isArray(b) ? b : [b];
    lines.forEach((t, k) => c.textCenter(x + bw / 2, y + bh / 2 - lines.length * 9 + k * 18 + 2, t, '#ffffff', 2));
    if (i < n - 1) c.arrow(x + bw + 2, y + bh / 2, x + bw + gap - 2, y + bh / 2, '#444a55', 2);
  });
  below.forEach(({ under, text, colour }) => {
    const x = 28 + under * (bw + gap);
    const by = y + bh + 60;
    c.arrow(x + bw / 2, by - 2, x + bw / 2, y + bh + 6, '#444a55', 2);
    const tw = Math.max(bw + 20, c.textWidth(text, 2) + 24);
    c.rrect(Math.round(x + bw / 2 - tw / 2), by, tw, 44, 8, colour);
    c.textCenter(x + bw / 2, by + 15, text, '#ffffff', 2);
  });
  return c;
}

// A conference talk frame inside a video player.
function slide({ headline, sub, footer, top = '#1b1446', bottom = '#3d2a8a', badge = '#f5c542' }) {
  const c = new Canvas(W, H, '#000000');
  c.vgradient(0, 0, W, H - 40, top, bottom);
  c.rrect(40, 44, 86, 30, 6, badge);
  c.text(52, 52, 'LIVE', '#1b1446', 2);
  c.text(40, 120, headline, '#ffffff', 5);
  c.text(42, 180, sub, '#d7d0ff', 2);
  c.circle(W - 90, 110, 44, mix(badge, bottom, 0.3));
  c.circle(W - 90, 110, 30, badge);
  c.text(42, 250, footer, '#b9b0e8', 2);
  // player controls
  c.rect(0, H - 40, W, 40, '#111111');
  c.triangle([20, H - 28], [20, H - 12], [34, H - 20], '#ffffff');
  c.rect(52, H - 22, W - 160, 4, '#555555');
  c.rect(52, H - 22, Math.round((W - 160) * 0.37), 4, '#ff0033');
  c.circle(52 + Math.round((W - 160) * 0.37), H - 20, 6, '#ff0033');
  c.text(W - 96, H - 27, '1:42:07', '#dddddd', 1);
  return c;
}

function tiny({ label, colour, w = 160, h = 90 }) {
  const c = new Canvas(w, h, '#f7f5ef');
  c.rrect(8, 8, w - 16, h - 16, 8, colour);
  c.textCenter(w / 2, h / 2 - 7, label, '#ffffff', 2);
  return c;
}

// ---------------------------------------------------------------------------------------------
// The images

const images = [
  {
    file: join(blogImages, '2021', 'image-20210314213045120.png'),
    draw: () => terminal({
      title: 'mei@dev: ~/src/jobs',
      lines: [
        { prompt: 'go test -race -timeout 30s ./worker/...' },
        { t: '==================', c: '#ff6e6e' },
        { t: 'WARNING: DATA RACE', c: '#ff6e6e' },
        { t: 'Write at 0x00c0001a4018 by goroutine 9:', c: '#f1fa8c' },
        '  worker.process()  worker.go:41',
        { t: 'Previous read by goroutine 7:', c: '#f1fa8c' },
        '  worker.collect()  worker.go:58',
        { t: '--- FAIL: TestWorkerCancel (0.02s)', c: '#ff6e6e' },
        '    leaked goroutines: 3',
        { t: 'FAIL  example.com/jobs/worker  0.214s', c: '#ff6e6e' },
        { t: 'exit status 1', c: '#aab1c2' },
      ],
    }),
  },
  {
    file: join(blogImages, '2021', 'image-20210502101522348.png'),
    draw: () => terminal({
      title: 'kubectl - prod-tw',
      bg: '#14212b',
      accent: '#66d9ef',
      lines: [
        { prompt: 'kubectl describe pod order-api-7c9d6' },
        { t: 'Events:', c: '#f8f8f2' },
        { t: ' Type     Reason     Age   Message', c: '#66d9ef' },
        { t: ' Normal   Pulled     12m   image pulled', c: '#aab1c2' },
        { t: ' Normal   Started    12m   started app', c: '#aab1c2' },
        { t: ' Warning  Unhealthy  3m    Liveness probe', c: '#ffb86c' },
        { t: '                           failed: timeout', c: '#ffb86c' },
        { t: ' Normal   Killing    3m    restarting app', c: '#ff6e6e' },
        { t: ' Warning  BackOff    1m    CrashLoopBackOff', c: '#ff6e6e' },
        { t: 'Restart Count: 7', c: '#f8f8f2' },
      ],
    }),
  },
  {
    file: join(blogImages, '2021', 'image-20210820093012456.png'),
    draw: () => slide({
      headline: 'eBPF Summit',
      sub: '2021 - Day 2 - livestream',
      footer: 'Portable programs with CO-RE and BTF',
    }),
  },
  {
    file: join(blogImages, '2021', 'image-20210820101544871.png'),
    draw: () => flow({
      title: 'How an eBPF program runs',
      boxes: [['C code'], ['clang', 'LLVM'], ['bpf()', 'loader'], ['veri-', 'fier'], ['JIT +', 'hook']],
      below: [
        { under: 4, text: 'BPF maps', colour: '#b4451f' },
        { under: 2, text: 'user space', colour: '#6a4c9c' },
      ],
      colours: ['#2f6f9f', '#3c7f5c', '#6a4c9c', '#c2410c', '#0a7d6e'],
    }),
  },
  {
    file: join(blogImages, '2021', 'image-20211009164210033.png'),
    draw: () => barChart({
      title: 'Retries per 100 ms window',
      subtitle: '500 clients after a short outage',
      labels: ['0.1', '', '0.3', '', '0.5', '', '0.7', '', '0.9', '', '1.1', '', '1.3', '', '1.5', '', '1.7', '', '1.9', ''].map((l) => l && `${l}s`),
      series: [
        { name: 'exponential', colour: '#b4451f', values: [0, 0, 0, 480, 0, 0, 0, 430, 0, 0, 0, 0, 0, 0, 0, 360, 0, 0, 0, 0] },
        { name: 'full jitter', colour: '#0a7d6e', values: [62, 70, 75, 81, 77, 72, 69, 64, 61, 55, 52, 48, 44, 40, 37, 33, 30, 27, 24, 20] },
      ],
      max: 500,
    }),
  },
  {
    file: join(blogImages, '2021', 'image-20210903152233410.png'),
    draw: () => flow({
      title: 'OpenTelemetry Collector pipeline',
      boxes: [['app', 'OTLP'], ['receivers'], ['memory', 'limiter'], ['batch'], ['exporters']],
      below: [{ under: 4, text: 'logging', colour: '#444a55' }],
      colours: ['#444a55', '#2f6f9f', '#c2410c', '#c2410c', '#3c7f5c'],
      bg: '#eef3f7',
    }),
  },
  {
    file: join(blogImages, '2022', 'liquid-render-flow.png'),
    draw: () => flow({
      title: 'How Jekyll renders a post',
      boxes: [['front', 'matter'], ['Liquid'], ['kramdown'], ['layout', '(Liquid)'], ['HTML']],
      below: [{ under: 1, text: '{% raw %}', colour: '#b4451f' }],
      colours: ['#6a4c9c', '#b4451f', '#2f6f9f', '#b4451f', '#0a7d6e'],
      bg: '#fbfaf7',
    }),
  },
  {
    file: join(blogImages, '2022', 'image-20220403220518764.png'),
    draw: () => terminal({
      title: 'mei@dev: ~/src/shop',
      bg: '#232136',
      accent: '#f6c177',
      lines: [
        { prompt: 'git worktree add ../shop-review-482 review/482' },
        { t: 'Preparing worktree (checking out review/482)', c: '#aab1c2' },
        { t: 'HEAD is now at 3f2c9e1 fix: round VAT per line', c: '#aab1c2' },
        { prompt: 'git worktree list' },
        { t: '~/src/shop             a81d0b4 [refactor/cart]', c: '#9ccfd8' },
        { t: '~/src/shop-review-482  3f2c9e1 [review/482]', c: '#f6c177' },
        { prompt: 'git worktree remove ../shop-review-482' },
        { prompt: 'git branch -D review/482' },
        { t: 'Deleted branch review/482 (was 3f2c9e1).', c: '#aab1c2' },
      ],
    }),
  },
  {
    file: join(blogImages, '2022', 'image-20220612110405719.png'),
    draw: () => barChart({
      title: 'Checkout latency by bucket (le)',
      subtitle: 'requests per bucket, one hour',
      labels: ['.05', '.1', '.25', '.5', '1', '2.5', '5', '10'],
      series: [{ name: 'default buckets', colour: '#e0b400', values: [120, 340, 910, 1580, 2260, 310, 42, 9] }],
    }),
  },
  {
    file: join(blogImages, '2023', 'image-20230218143307002.png'),
    draw: () => barChart({
      title: 'SQLite writes per second',
      subtitle: '4 writers + 4 readers, median of 3 runs',
      labels: ['DELETE+FULL', 'WAL+FULL', 'WAL+NORMAL'],
      series: [{ name: 'tx/s', colour: '#2f6f9f', values: [410, 1350, 2980] }],
      bg: '#fdfcf9',
    }),
  },
  {
    file: join(blogImages, '2023', 'image-20230520190412655.png'),
    draw: () => barChart({
      title: 'limit_req burst=20 nodelay',
      subtitle: '30 requests from one client at t=0',
      labels: ['1', '', '', '', '5', '', '', '', '', '10', '', '', '', '', '15', '', '', '', '', '20', '', '', '', '', '25', '', '', '', '', '30'],
      series: [
        { name: 'forwarded', colour: '#3c7f5c', values: Array.from({ length: 30 }, (_, i) => (i < 21 ? 1 : 0)) },
        { name: '429', colour: '#b4451f', values: Array.from({ length: 30 }, (_, i) => (i < 21 ? 0 : 1)) },
      ],
      max: 1.2,
      valueLabels: false,
      yLabels: false,
    }),
  },
  // Test fixture sites
  {
    file: join(fixtures, 'minimal-jekyll', 'images', '2024', 'image-20240115093000123.png'),
    draw: () => tiny({ label: 'minimal', colour: '#0a7d6e' }),
  },
  {
    file: join(fixtures, 'hugo-site', 'static', 'images', 'hello.png'),
    draw: () => tiny({ label: 'hugo', colour: '#c2410c' }),
  },
  {
    file: join(fixtures, 'hexo-site', 'source', 'images', 'hello.png'),
    draw: () => tiny({ label: 'hexo', colour: '#2f6f9f' }),
  },
];

const check = process.argv.includes('--check');
let bad = 0;
for (const { file, draw } of images) {
  const png = encodePng(draw());
  const rel = relative(repo, file);
  if (check) {
    if (!existsSync(file) || !readFileSync(file).equals(png)) {
      console.error(`out of date: ${rel}`);
      bad++;
    }
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
  console.log(`${rel}  ${png.length} bytes`);
}
if (check) {
  if (bad) process.exit(1);
  console.log(`all ${images.length} images up to date`);
}
