// Static file serving for the demo page (GET/HEAD only, no directory traversal).

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".wav": "audio/wav",
  ".mp3": "audio/mpeg",
  ".woff2": "font/woff2",
};

/** Normalise [{prefix, dir}] entries: absolute dirs, prefixes starting and ending with "/". */
export function normaliseStaticDirs(list = []) {
  return list
    .filter((e) => e && e.dir)
    .map(({ prefix = "/", dir }) => {
      let p = prefix.startsWith("/") ? prefix : "/" + prefix;
      if (!p.endsWith("/")) p += "/";
      return { prefix: p, dir: path.resolve(dir) };
    })
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

/**
 * Resolve a URL path to a file inside one of the static dirs.
 * Returns { file } or null (not found / refused).
 */
export async function resolveStatic(dirs, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  // "/pkg" should behave like "/pkg/"
  const entry = dirs.find((d) => decoded.startsWith(d.prefix) || decoded + "/" === d.prefix);
  if (!entry) return null;
  let rel = decoded.length >= entry.prefix.length ? decoded.slice(entry.prefix.length) : "";
  // No parent folders, and no dotfiles or dot-folders (.env, .git): a project folder served
  // with `--static .` holds them.
  if (rel.split("/").some((seg) => seg.startsWith("."))) return null;
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const file = path.resolve(entry.dir, rel);
  if (file !== entry.dir && !file.startsWith(entry.dir + path.sep)) return null;
  try {
    let st = await stat(file);
    if (st.isDirectory()) {
      const idx = path.join(file, "index.html");
      st = await stat(idx);
      return st.isFile() ? { file: idx, size: st.size } : null;
    }
    return st.isFile() ? { file, size: st.size } : null;
  } catch {
    return null;
  }
}

/** Serve a resolved file; HEAD gets headers only. */
export function serveFile(req, res, { file, size }) {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  res.writeHead(200, { "Content-Type": type, "Content-Length": size, "Cache-Control": "no-store" });
  if (req.method === "HEAD") return res.end();
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}
