// A minimal ACS3-HMAC-SHA256 signer on node:crypto for aiccs RPC calls whose parameters all
// go in the query (CreateAiCallTask): the yardstick for aicall's `buildRequest`. It writes
// the same { method, url, headers } as aicall for the same inputs (make bench asserts it),
// and does no validation.
import { createHash, createHmac } from "node:crypto";

const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");
const pct = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const byName = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

export function signRpc({ accessKeyId, accessKeySecret, endpoint = "aiccs.aliyuncs.com" }, action, params, { nonce, timestamp }) {
  const query = [];
  for (const k in params) {
    const v = params[k];
    if (v === null || v === undefined) continue;
    query.push([k, typeof v === "object" ? JSON.stringify(v) : String(v)]);
  }
  query.sort(byName);
  const encoded = query.map(([k, v]) => `${pct(k)}=${pct(v)}`);
  const acs = {
    "x-acs-action": action,
    "x-acs-version": "2019-10-15",
    "x-acs-date": timestamp,
    "x-acs-signature-nonce": nonce,
    "x-acs-content-sha256": EMPTY_SHA256,
  };
  const signed = [["host", endpoint], ...Object.entries(acs)].sort(byName);
  const signedHeaders = signed.map(([k]) => k).join(";");
  const canonical = `POST\n/\n${[...encoded].sort().join("&")}\n${signed.map(([k, v]) => `${k}:${v}\n`).join("")}\n${signedHeaders}\n${EMPTY_SHA256}`;
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  const signature = createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
  return {
    method: "POST",
    url: `https://${endpoint}/?${encoded.join("&")}`,
    headers: {
      accept: "application/json",
      ...acs,
      authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
  };
}
