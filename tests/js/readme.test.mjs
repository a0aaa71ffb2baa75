// The README quickstarts run as written, from the packed package: the Node one as quickstart.mjs,
// the browser one as index.html in headless Chromium, both against the local emulator.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../emulator/server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("README Node quickstart, saved as quickstart.mjs in a folder with the packed package, runs against the emulator", async () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const m = /<!-- quickstart:node -->\s*```js\n([\s\S]*?)```\s*<!-- \/quickstart:node -->/.exec(readme);
  assert.ok(m, "quickstart block found");
  let code = m[1];
  // The README talks to 127.0.0.1:8787 (`make demo`); use that port when free, else
  // point the same code at an ephemeral emulator.
  let emu;
  try {
    emu = await startEmulator({ port: 8787, quiet: true });
  } catch {
    emu = await startEmulator({ quiet: true });
    code = code.replaceAll("127.0.0.1:8787", `127.0.0.1:${emu.port}`);
  }
  // A fresh folder with the packed tarball installed, the file named as the README says.
  const { packedProject } = await import("./packed.mjs");
  const project = await packedProject("readme");
  const dir = project.dir;
  try {
    fs.writeFileSync(path.join(dir, "quickstart.mjs"), code);
    const { stdout } = await promisify(execFile)(process.execPath, ["quickstart.mjs"], { cwd: dir, timeout: 20000 });
    assert.match(stdout, /maximumcall not_divisible/);
    assert.match(stdout, /整除/);
    assert.match(stdout, /task updated/);
    assert.match(stdout, /45 recording URLs, 0 failed/);
    assert.match(stdout, /created task \d+/);
    assert.match(stdout, /validation validation_failed/);
    assert.match(stdout, /TaskCps too_big/);
    assert.match(stdout, /CallDay\[0\] invalid_enum/);
  } finally {
    await emu.close();
    project.cleanup();
  }
});

test("README browser quickstart: the page as written, served with the packed package, in Chromium", async () => {
  const { chromium } = await import("playwright-core");
  const { packedProject, CHROMIUM, watchProblems } = await import("./packed.mjs");
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const m = /<!-- quickstart:browser -->\s*```html\n([\s\S]*?)```\s*<!-- \/quickstart:browser -->/.exec(readme);
  assert.ok(m, "browser quickstart block found");
  const project = await packedProject("readme-browser");
  // As the README says: index.html next to node_modules/, served by the emulator (`--static .`).
  let emu;
  let html = m[1];
  try {
    emu = await startEmulator({ port: 8787, quiet: true, staticDirs: [{ prefix: "/", dir: project.dir }] });
  } catch {
    emu = await startEmulator({ quiet: true, staticDirs: [{ prefix: "/", dir: project.dir }] });
    html = html.replaceAll("127.0.0.1:8787", `127.0.0.1:${emu.port}`);
  }
  fs.writeFileSync(path.join(project.dir, "index.html"), html);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${emu.url}/index.html`);
    // The pre-filled ids repeat one, which the batch drops: they pass. No ids at all do not.
    await page.waitForFunction(() => document.querySelector("#out").textContent === "ids ok");
    const filled = await page.inputValue("#ids");
    await page.fill("#ids", "");
    await page.waitForFunction(() => document.querySelector("#out").textContent.startsWith("recordIds "));
    await page.fill("#ids", filled);
    await page.waitForFunction(() => document.querySelector("#out").textContent === "ids ok");
    await page.click("#fetch");
    await page.waitForFunction(() => /recording URLs/.test(document.querySelector("#out").textContent));
    assert.match(await page.textContent("#out"), /^2 recording URLs, 0 failed\n/);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await emu.close();
    project.cleanup();
  }
});
