// A scratch project with the PACKED package installed: `npm pack pkg/`, then
// `npm install <tarball>` (real files and the `aicall` bin, as a user gets them).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

import { PKG, waitForPkg } from "./helpers.mjs";

/** Returns { dir, files, cleanup() }; `files` lists the tarball's paths. */
export async function packedProject(name) {
  await waitForPkg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aicall-${name}-`));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `${name}-consumer`, private: true }));
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: PKG, encoding: "utf8" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", "--loglevel=error", `./${packed[0].filename}`], { cwd: dir, encoding: "utf8" });
  assert.ok(!fs.lstatSync(path.join(dir, "node_modules/aicall")).isSymbolicLink(), "installed as files, not a symlink");
  return { dir, files: packed[0].files.map((f) => f.path), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
};

/** Collects console errors and warnings, page errors, failed requests and HTTP errors of a page. */
export function watchProblems(page) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}
