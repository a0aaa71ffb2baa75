import fs from "node:fs";
import * as esbuild from "esbuild";

fs.rmSync("dist", { recursive: true, force: true });
await esbuild.build({
  entryPoints: { ready: "entries/ready.js", web: "entries/web-url.js", validate: "entries/validate.js" },
  bundle: true,
  format: "esm",
  outdir: "dist",
  loader: { ".wasm": "file" },
  logLevel: "warning",
});
for (const f of fs.readdirSync("public")) fs.copyFileSync(`public/${f}`, `dist/${f}`);
