// Wire faults for the reliability tests: the emulator answers a matching request with a
// fault instead of (or before) its normal answer, and counts every request it receives.
//
//   const emu = await startEmulator({ quiet: true });
//   emu.faults.add({ op: "LlmSmartCall", fault: "reset" });          // every matching request
//   emu.faults.add({ op: "updateTask", fault: "status", status: 503, times: 1 });
//   emu.faults.count("LlmSmartCall")  // requests that reached the server for that operation
//   emu.faults.clear()
//
// `op` is an aiccs action (x-acs-action header or Action= query) or an Agent API operation
// name ("updateTask": PUT …/task/{id}; "batchVoiceUrls": GET …/batch_record/…); "*" matches all.
//
// Faults: "reset" (200, half a body, then the connection is destroyed), "stall" (headers and
// half a body, then nothing), "stall-headers" (nothing at all), "status" (`status`, JSON
// body), "throttle" (429 with `Retry-After: retryAfter`), "redirect" (`status` 307 by default
// to `location`), "redirect-loop" (307 to the same URL), "oversized" (`bytes` of JSON-ish
// text, chunked, no Content-Length), "oversized-declared" (Content-Length only), "gzip-bomb"
// (`bytes` of zeros gzip-compressed), "malformed" (`body`, default a cut-off JSON object).

import zlib from "node:zlib";

function opOf(req, rawQuery, pathname) {
  const acs = req.headers["x-acs-action"];
  if (acs) return String(acs);
  const m = /(?:^|&)Action=([^&]*)/.exec(rawQuery || "");
  if (m) return decodeURIComponent(m[1]);
  if (/\/batch_record\/download-full-voice$/.test(pathname)) return "batchVoiceUrls";
  if (req.method === "PUT" && /^\/agent-api\/new\/user\/[^/]+\/task\/[^/]+$/.test(pathname)) return "updateTask";
  return pathname;
}

let bombCache = null;
function bomb(bytes) {
  if (!bombCache || bombCache.bytes !== bytes) bombCache = { bytes, gz: zlib.gzipSync(Buffer.alloc(bytes, 0x30), { level: 9 }) };
  return bombCache.gz;
}

export class Faults {
  constructor() {
    this.rules = [];
    this.seen = [];
  }

  add(rule) {
    this.rules.push({ times: Infinity, ...rule, used: 0 });
    return this;
  }

  clear() {
    this.rules = [];
    this.seen = [];
  }

  /** Requests received for `op` (all when omitted) since the last clear(). */
  count(op) {
    return op === undefined ? this.seen.length : this.seen.filter((s) => s.op === op).length;
  }

  /** Called by the server for every request; true when the fault answered it. */
  apply(ctx) {
    const { req, res } = ctx;
    const op = opOf(req, ctx.rawQuery, ctx.pathname);
    this.seen.push({ op, method: req.method, path: ctx.pathname, at: Date.now() });
    const rule = this.rules.find((r) => (r.op === "*" || r.op === op) && r.used < r.times);
    if (!rule) return false;
    rule.used += 1;
    ctx.api = "fault";
    ctx.outcome = `fault ${rule.fault}`;
    const json = { "Content-Type": "application/json" };
    const half = '{"code":200,"status":"success","data":{"batch_url":[{"record_id":"rec-1","voice_url":"';
    switch (rule.fault) {
      case "reset":
        res.writeHead(200, json);
        res.write(half, () => res.socket?.destroy());
        return true;
      case "stall":
        res.writeHead(200, json);
        res.write(half);
        return true; // the client's timeout ends it; emu.close() closes the socket
      case "stall-headers":
        return true;
      case "status":
        res.writeHead(rule.status ?? 503, json);
        res.end(JSON.stringify({ message: "Server Error", Code: "ServiceUnavailable" }));
        return true;
      case "throttle":
        res.writeHead(429, { ...json, "Retry-After": String(rule.retryAfter ?? 1) });
        res.end(JSON.stringify({ Code: "Throttling.User", Message: "Request was denied due to user flow control.", code: 429 }));
        return true;
      case "redirect":
        res.writeHead(rule.status ?? 307, { Location: rule.location });
        res.end();
        return true;
      case "redirect-loop":
        res.writeHead(rule.status ?? 307, { Location: req.url });
        res.end();
        return true;
      case "oversized": {
        res.writeHead(200, json);
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let left = rule.bytes ?? 16 * 1024 * 1024;
        const pump = () => {
          while (left > 0) {
            left -= chunk.length;
            if (!res.write(chunk)) return res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        pump();
        return true;
      }
      case "oversized-declared":
        res.writeHead(200, { ...json, "Content-Length": String(rule.bytes ?? 1e9) });
        res.write(half);
        return true;
      case "gzip-bomb": {
        const gz = bomb(rule.bytes ?? 64 * 1024 * 1024);
        res.writeHead(200, { ...json, "Content-Encoding": "gzip", "Content-Length": gz.length });
        res.on("error", () => {});
        res.end(gz);
        return true;
      }
      case "malformed":
        res.writeHead(200, json);
        res.end(rule.body ?? '{"Code":"OK","Data":{"TaskId":"1');
        return true;
      default:
        throw new Error(`unknown fault ${rule.fault}`);
    }
  }
}
