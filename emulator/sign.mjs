// Server-side signature verification for Alibaba Cloud RPC requests
// (ACS3-HMAC-SHA256 "v3" and HMAC-SHA1 "v1"), written independently from the SDK.
// Everything is rebuilt from what the server RECEIVED (raw query, headers, body bytes).

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const V3_ALGORITHM = "ACS3-HMAC-SHA256";
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** RFC 3986 percent-encoding of a JS string (UTF-8 bytes; keeps A-Z a-z 0-9 - _ . ~). */
export function rfc3986(value) {
  const bytes = Buffer.from(String(value), "utf8");
  let out = "";
  for (const b of bytes) {
    const unreserved =
      (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) ||
      b === 0x2d || b === 0x5f || b === 0x2e || b === 0x7e;
    out += unreserved ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Percent-decode one component; "+" means space (form semantics). Malformed escapes are kept literally. */
export function pctDecode(s) {
  const t = String(s).replace(/\+/g, " ");
  try {
    return decodeURIComponent(t);
  } catch {
    // decode what can be decoded, keep the rest as is
    return t.replace(/(%[0-9A-Fa-f]{2})+/g, (m) => {
      try { return decodeURIComponent(m); } catch { return m; }
    });
  }
}

/** Parse a raw "a=1&b=2" string (query or x-www-form-urlencoded body) into [[name, value], ...], decoded. */
export function parsePairs(raw) {
  const pairs = [];
  if (!raw) return pairs;
  for (const part of String(raw).split("&")) {
    if (part === "") continue;
    const i = part.indexOf("=");
    const name = i < 0 ? part : part.slice(0, i);
    const value = i < 0 ? "" : part.slice(i + 1);
    pairs.push([pctDecode(name), pctDecode(value)]);
  }
  return pairs;
}

/** Canonical query for v3: decoded pairs re-encoded per RFC 3986, sorted by name then value, "k=v" joined by "&". */
export function canonicalQuery(pairs) {
  return pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

/** Parse `ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=a;b,Signature=hex`. Returns null if malformed. */
export function parseV3Authorization(header) {
  if (typeof header !== "string") return null;
  const m = /^\s*ACS3-HMAC-SHA256\s+(.*)$/s.exec(header);
  if (!m) return null;
  const fields = {};
  for (const part of m[1].split(",")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    fields[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  if (!fields.Credential || !fields.SignedHeaders || !fields.Signature) return null;
  const signedHeaders = fields.SignedHeaders.split(";").map((h) => h.trim().toLowerCase()).filter(Boolean);
  return { accessKeyId: fields.Credential, signedHeaders, signature: fields.Signature };
}

/**
 * Build the v3 canonical request.
 * @param {object} p { method, uri, queryPairs, headers (lower-case name -> value), signedHeaders [names], payloadHash }
 */
export function v3CanonicalRequest({ method, uri = "/", queryPairs = [], headers = {}, signedHeaders = [], payloadHash }) {
  const names = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const canonHeaders = names.map((n) => `${n}:${String(headers[n] ?? "").trim()}\n`).join("");
  return [method.toUpperCase(), uri, canonicalQuery(queryPairs), canonHeaders, names.join(";"), payloadHash].join("\n");
}

export function v3StringToSign(canonicalRequest) {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function v3Signature(secret, stringToSign) {
  return createHmac("sha256", secret).update(stringToSign, "utf8").digest("hex");
}

/** v1: string to sign from all parameters (query + form body) except Signature. */
export function v1StringToSign(method, pairs) {
  const joined = canonicalQuery(pairs.filter(([k]) => k !== "Signature"));
  return `${method.toUpperCase()}&${rfc3986("/")}&${rfc3986(joined)}`;
}

export function v1Signature(secret, stringToSign) {
  return createHmac("sha1", secret + "&").update(stringToSign, "utf8").digest("base64");
}

/** Constant-time string comparison. */
export function safeEqual(a, b) {
  const ba = Buffer.from(String(a), "utf8");
  const bb = Buffer.from(String(b), "utf8");
  if (ba.length !== bb.length) {
    timingSafeEqual(ba, ba); // keep the timing roughly constant
    return false;
  }
  return timingSafeEqual(ba, bb);
}

/** Strict ISO-8601 UTC timestamp as sent by the SDKs: YYYY-MM-DDTHH:MM:SSZ (optional fraction). */
export function parseAcsTimestamp(s) {
  if (typeof s !== "string") return NaN;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(s)) return NaN;
  return Date.parse(s);
}
