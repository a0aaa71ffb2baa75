// ajv standalone: the schemas of ajv.mjs precompiled to an ES module (no ajv compiler at run
// time), bundled and minified with esbuild into `dir`. Returns the bundle's path.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { _ } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { newAjv, taskUpdateSchema, recordIdsSchema } from "./ajv.mjs";

const nodeModules = fileURLToPath(new URL("../node_modules", import.meta.url));
const RULES = fileURLToPath(new URL("./rules.mjs", import.meta.url));

/** ES module source exporting both validators as plain ajv validate functions (requires rules.mjs and ajv's runtime helpers). */
export function standaloneModule() {
  const ajv = newAjv({ source: true, esm: true, formats: _`require(${RULES}).FORMATS` }, _`require(${RULES})`);
  ajv.addSchema(taskUpdateSchema, "validateTaskUpdate");
  ajv.addSchema(recordIdsSchema, "validateRecordIds");
  return (standaloneCode.default ?? standaloneCode)(ajv, { validateTaskUpdate: "validateTaskUpdate", validateRecordIds: "validateRecordIds" });
}

export async function buildAjvStandalone(dir) {
  const src = path.join(dir, "ajv-standalone.src.mjs");
  const out = path.join(dir, "ajv-standalone.mjs");
  fs.writeFileSync(src, standaloneModule());
  await build({ entryPoints: [src], outfile: out, bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", nodePaths: [nodeModules], logLevel: "error" });
  return out;
}

/** The bundled validators with the peers' interface: issues, [] when valid. */
export async function loadAjvStandalone(dir) {
  const m = await import(path.join(await buildAjvStandalone(dir)));
  const issues = (v) => (x) => (v(x) ? [] : v.errors);
  return { validateTaskUpdate: issues(m.validateTaskUpdate), validateRecordIds: issues(m.validateRecordIds) };
}
