// Small helpers shared by the emulator modules (not by the SDK).

import { randomUUID } from "node:crypto";

export function sendJson(res, status, obj, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(JSON.stringify(obj), "utf8");
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": body.length,
    ...headers,
  });
  res.end(body);
}

export function sendText(res, status, text, contentType = "text/plain; charset=utf-8", headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(text, "utf8");
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": body.length, ...headers });
  res.end(body);
}

/** Alibaba-style request id: upper-case UUID. */
export function newRequestId() {
  return randomUUID().toUpperCase();
}

/** 13800001234 -> 138****1234 (short values are masked in the middle as well as possible). */
export function maskPhone(p) {
  const s = String(p ?? "");
  if (s.length >= 8) return s.slice(0, 3) + "****" + s.slice(-4);
  if (s.length >= 4) return s.slice(0, 1) + "*".repeat(s.length - 2) + s.slice(-1);
  return s;
}

/** Deterministic PRNG (mulberry32) so seeded data is identical after every reset. */
export function prng(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small stable string hash (FNV-1a 32 bit). */
export function hash32(s) {
  let h = 0x811c9dc5;
  for (const ch of String(s)) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function pad2(n) {
  return String(n).padStart(2, "0");
}

/** "YYYY-MM-DD HH:mm:ss" in China time (UTC+8), as the vendors print it. */
export function cnDateTime(ms) {
  const d = new Date(ms + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

export function base64url(s) {
  return Buffer.from(s, "utf8").toString("base64url");
}

/** A short 8 kHz mono 16-bit WAV tone: something playable for the demo page. */
export function makeWav(seconds = 1, freq = 440) {
  const rate = 8000;
  const n = Math.floor(rate * seconds);
  const buf = Buffer.alloc(44 + n * 2);
  buf.write("RIFF", 0);
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write("WAVE", 8);
  buf.write("fmt ", 12);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36);
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) {
    const fade = Math.min(1, i / 400, (n - i) / 400);
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * freq * i) / rate) * 6000 * fade), 44 + i * 2);
  }
  return buf;
}
