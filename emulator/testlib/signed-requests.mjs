// Test helpers of the emulator's self-tests (not shipped: the package copies emulator/*.mjs
// only): tiny signers written apart from sign.mjs, and a raw HTTP client.

import http from "node:http";
import { createHash, createHmac, randomUUID } from "node:crypto";

// ------------------------------------------------------------------ tiny independent signers

export const enc = (s) => encodeURIComponent(String(s)).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
export const sha256hex = (s) => createHash("sha256").update(s).digest("hex");
export const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
export const formEncode = (obj) => Object.entries(obj).map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");

export function signV3({ method = "POST", host, action, query = {}, form = null, ak, sk, date, nonce = randomUUID(), token, version = "2019-10-15" }) {
  const body = form ? formEncode(form) : "";
  const payloadHash = sha256hex(body);
  const headers = {
    host, "x-acs-action": action, "x-acs-version": version, "x-acs-date": date,
    "x-acs-signature-nonce": nonce, "x-acs-content-sha256": payloadHash,
  };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  if (token) headers["x-acs-security-token"] = token;
  const names = Object.keys(headers).sort();
  const cq = Object.keys(query).sort().map((k) => `${enc(k)}=${enc(query[k])}`).join("&");
  const canonicalRequest = [method, "/", cq, names.map((n) => `${n}:${String(headers[n]).trim()}\n`).join(""), names.join(";"), payloadHash].join("\n");
  const sts = "ACS3-HMAC-SHA256\n" + sha256hex(canonicalRequest);
  const sig = createHmac("sha256", sk).update(sts).digest("hex");
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${ak},SignedHeaders=${names.join(";")},Signature=${sig}`;
  return { method, path: "/" + (cq ? "?" + cq : ""), headers, body };
}

export function signV1({ method = "GET", action, params = {}, form = null, ak, sk, timestamp, nonce = randomUUID(), token }) {
  const q = {
    AccessKeyId: ak, Action: action, Format: "JSON", SignatureMethod: "HMAC-SHA1", SignatureNonce: nonce,
    SignatureVersion: "1.0", Timestamp: timestamp, Version: "2019-10-15", ...params,
  };
  if (token) q.SecurityToken = token;
  const all = { ...q, ...(form ?? {}) };
  const canon = Object.keys(all).sort().map((k) => `${enc(k)}=${enc(all[k])}`).join("&");
  const sts = `${method}&${enc("/")}&${enc(canon)}`;
  q.Signature = createHmac("sha1", sk + "&").update(sts).digest("base64");
  const headers = form ? { "content-type": "application/x-www-form-urlencoded" } : {};
  return { method, path: "/?" + formEncode(q), headers, body: form ? formEncode(form) : "" };
}

// ------------------------------------------------------------------ http helper (no keep-alive, full control)

export function request(port, { method = "GET", path: p = "/", headers = {}, body = "" }) {
  return new Promise((resolve, reject) => {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
    const req = http.request({ host: "127.0.0.1", port, method, path: p, headers: { ...headers, "content-length": data.length }, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(data);
  });
}
