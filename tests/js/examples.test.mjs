// examples/ run as a user runs them: copied into a project with the packed package installed,
// against the local emulator; the browser example in headless Chromium.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

import { ROOT, FIXTURES, startEmu, readJson } from "./helpers.mjs";
import { packedProject, CHROMIUM, watchProblems } from "./packed.mjs";

const EXAMPLES = path.join(ROOT, "examples");
let project;
let emu;

before(async () => {
  project = await packedProject("examples");
  for (const f of ["node/aiccs-task.mjs", "node/validate-task.cjs", "browser/index.html"]) {
    fs.copyFileSync(path.join(EXAMPLES, f), path.join(project.dir, path.basename(f)));
  }
  emu = await startEmu({ staticDirs: [{ prefix: "/", dir: project.dir }] });
});
after(async () => {
  await emu?.close();
  project?.cleanup();
});

function node(args, env = {}) {
  return promisify(execFile)(process.execPath, args, { cwd: project.dir, env: { ...process.env, ...env }, timeout: 20000 })
    .then((r) => ({ code: 0, ...r }), (e) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}

describe("examples/", () => {
  test("node/aiccs-task.mjs: keys from the environment; create, import, start, read back", async () => {
    const r = await node(["aiccs-task.mjs", emu.url], { ALIBABA_CLOUD_ACCESS_KEY_ID: "demo-access-key-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "demo-access-key-secret" });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^created task \d+$/m);
    assert.match(r.stdout, /^imported 3 numbers$/m);
    assert.match(r.stdout, /^task started at \d{4}-\d\d-\d\dT\d\d:\d\d/m);
    // Without keys: a validation error on stderr, exit 1, nothing sent.
    const mark = emu.log.length;
    const none = await node(["aiccs-task.mjs", emu.url], { ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "" });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /validation validation_failed/);
    assert.equal(emu.log.length, mark);
  });

  test("node/validate-task.cjs: CommonJS, issues in Chinese, exit 1 on issues", async () => {
    const ok = await node(["validate-task.cjs", path.join(FIXTURES, "agent_api/update_v2.json")]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /没有问题/);
    const bad = readJson("agent_api/update_v2.json");
    bad.maximumcall = 3;
    bad.task_extras.line = [{ id: "a", limit: 2 }, { id: "b", limit: 2 }];
    fs.writeFileSync(path.join(project.dir, "bad.json"), JSON.stringify(bad));
    const r = await node(["validate-task.cjs", "bad.json"]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^maximumcall\tnot_divisible\t.*整除/m);
    assert.match(r.stdout, /1 个问题/);
  });

  test("browser/index.html: validates as you type, then sends the update", async () => {
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage();
      const problems = watchProblems(page);
      await page.goto(`${emu.url}/index.html`);
      await page.waitForFunction(() => document.getElementById("status").textContent === "no issues");
      const text = await page.inputValue("#body");
      await page.fill("#body", text.replace('"maximumcall": 4', '"maximumcall": 3'));
      await page.waitForFunction(() => document.getElementById("issues").textContent.includes("not_divisible"));
      assert.equal(await page.isDisabled("#send"), true);
      await page.selectOption("#locale", "zh-CN");
      await page.waitForFunction(() => document.getElementById("issues").textContent.includes("整除"));
      await page.fill("#body", "{ broken");
      await page.waitForFunction(() => document.getElementById("issues").textContent.includes("invalid_json"));
      await page.fill("#body", text);
      await page.waitForFunction(() => document.getElementById("status").textContent === "no issues");
      const mark = emu.log.length;
      await page.click("#send");
      await page.waitForFunction(() => document.getElementById("result").textContent === "updated");
      assert.equal(emu.log.slice(mark).filter((l) => l.method === "PUT").length, 1);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
