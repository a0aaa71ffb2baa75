// Gives a wasm-bindgen "web" glue module a way to drop its instance:
//   node scripts/glue-reset.mjs pkg/validate
// appends `export function __wbg_reset()` to DIR/aicall.js. After it, `initSync` instantiates
// again (it returns early only while the module-level `wasm` is set, and every cache it keeps
// is reset when an instance is installed). "aicall/validate" uses it to replace an instance
// that a trap or a stack overflow left unusable (pkg-template/runtime.js, validatorsOf).
import fs from "node:fs";
import path from "node:path";

const [dir] = process.argv.slice(2);
if (!dir) throw new Error("usage: node scripts/glue-reset.mjs <dir with aicall.js>");
const file = path.join(dir, "aicall.js");
const src = fs.readFileSync(file, "utf8");
// What the reset relies on; a glue that changed shape fails the build here.
for (const needed of ["let wasmModule, wasmInstance, wasm;", "function initSync(module) {\n    if (wasm !== undefined) return wasm;",
  "function __wbg_finalize_init(instance, module) {\n    wasmInstance = instance;\n    wasm = instance.exports;\n    wasmModule = module;\n    cachedDataViewMemory0 = null;\n    cachedUint8ArrayMemory0 = null;"]) {
  if (!src.includes(needed)) throw new Error(`${file}: the wasm-bindgen glue changed (no ${JSON.stringify(needed.split("\n")[0])}); update scripts/glue-reset.mjs`);
}
fs.writeFileSync(file, `${src}\n/** Drops the instance: the next \`initSync\` makes a new one. */\nexport function __wbg_reset() {\n    wasm = undefined;\n    wasmInstance = undefined;\n}\n`);
