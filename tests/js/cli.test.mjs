// The command line, run from the PACKED package: `npm pack pkg/`, `npm install <tarball>` in a
// scratch project, then `npx aicall …` / node_modules/.bin/aicall as a user would.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";

import { PKG, FIXTURES, readJson } from "./helpers.mjs";
import { packedProject } from "./packed.mjs";

let dir;
let bin;

let project;
before(async () => {
  project = await packedProject("cli");
  dir = project.dir;
  const files = project.files;
  assert.ok(files.includes("cli.mjs") && files.includes("emulator/server.mjs"), "cli.mjs and emulator/ are in the tarball");
  assert.ok(!files.some((f) => f.endsWith(".test.mjs")), "no emulator self-tests in the tarball");
  bin = path.join(dir, "node_modules/.bin/aicall");
  const bad = readJson("agent_api/update_v2.json");
  bad.maximumcall = 3; // over two lines: does not divide evenly (the README's example)
  bad.task_extras.line = [{ id: "line-a", limit: 2 }, { id: "line-b", limit: 2 }];
  fs.writeFileSync(path.join(dir, "bad-task.json"), JSON.stringify(bad));
  fs.writeFileSync(path.join(dir, "bad-params.json"), JSON.stringify({ TaskName: "", StartType: "SCHEDULE", CallDay: ["FUNDAY"], CallTime: [], TaskCps: 900 }));
  fs.writeFileSync(path.join(dir, "not-json.json"), "{ nope");
});
after(() => {
  project?.cleanup();
});

function aicall(args, { npx = false, input } = {}) {
  const r = npx
    ? spawnSync("npx", ["--no-install", "aicall", ...args], { cwd: dir, encoding: "utf8", timeout: 30000, input })
    : spawnSync(bin, args, { cwd: dir, encoding: "utf8", timeout: 30000, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (rel) => path.join(FIXTURES, rel);

describe("npx aicall validate", () => {
  test("a valid task body: exit 0, \"no issues\" (through npx)", () => {
    const r = aicall(["validate", fixture("agent_api/update_v2.json")], { npx: true });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /update_v2\.json \(Agent API task update, v2\): no issues/);
  });

  test("an invalid task body: every issue as path, code, message; exit 1", () => {
    const r = aicall(["validate", "bad-task.json"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /bad-task\.json \(Agent API task update, v2\): \d+ issues?/);
    assert.match(r.stdout, /^ {2}maximumcall {2}not_divisible {2}.+/m);
  });

  test("--locale zh-CN (and zh, en-US: what the library accepts) and --variant legacy", () => {
    const zh = aicall(["validate", "bad-task.json", "--locale", "zh-CN"]);
    assert.equal(zh.status, 1);
    assert.match(zh.stdout, /maximumcall {2}not_divisible {2}.*整除/);
    // --locale takes what the library takes (it normalises "zh", "zh_CN", "en-US", …).
    const zhShort = aicall(["validate", "bad-task.json", "--locale", "zh"]);
    assert.equal(zhShort.status, 1, zhShort.stderr);
    assert.equal(zhShort.stdout, zh.stdout);
    const zhAiccs = aicall(["validate", "--aiccs", "CreateAiCallTask", "bad-params.json", "--locale=zh"]);
    assert.equal(zhAiccs.status, 1, zhAiccs.stderr);
    assert.match(zhAiccs.stdout, /CallDay\[0\] {2}invalid_enum {2}.*[\u4e00-\u9fff]/);
    const enUs = aicall(["validate", "bad-task.json", "--locale", "en-US"]);
    assert.equal(enUs.status, 1, enUs.stderr);
    assert.equal(enUs.stdout, aicall(["validate", "bad-task.json"]).stdout);
    const legacy = aicall(["validate", fixture("agent_api/update_legacy.json"), "--variant", "legacy"]);
    assert.equal(legacy.status, 0, legacy.stdout);
    assert.match(legacy.stdout, /legacy\): no issues/);
  });

  test("--aiccs CreateAiCallTask: issues and exit 1; valid params exit 0; --json prints the Issue[]", () => {
    const bad = aicall(["validate", "--aiccs", "CreateAiCallTask", "bad-params.json"]);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /\(aiccs CreateAiCallTask\): \d+ issues/);
    assert.match(bad.stdout, /TaskCps {2}too_big/);
    assert.match(bad.stdout, /CallDay\[0\] {2}invalid_enum/);
    const json = aicall(["validate", "--aiccs", "CreateAiCallTask", "bad-params.json", "--json"]);
    assert.equal(json.status, 1);
    const issues = JSON.parse(json.stdout);
    assert.ok(issues.some((i) => i.path === "TaskCps" && i.code === "too_big"));
    const good = { TaskName: "t", StartType: "IMMEDIATE", CallDay: ["MONDAY"], CallTime: [{ startTime: "09:00:00", endTime: "12:00:00" }], TaskCps: 5 };
    const ok = aicall(["validate", "--aiccs", "CreateAiCallTask", "-"], { input: JSON.stringify(good) });
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /no issues/);
    // A misspelt action is a usage error: exit 2, the reason on stderr.
    const unknown = aicall(["validate", "--aiccs", "NoSuchAction", "bad-params.json"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--aiccs: action: unknown operation, received "NoSuchAction"/);
  });

  test("usage and input errors: exit 2 with a message on stderr", () => {
    for (const [args, msg] of [
      [[], /no command given/],
      [["frobnicate"], /unknown command frobnicate/],
      [["validate"], /needs exactly one <task\.json>/],
      [["validate", "missing.json"], /cannot read missing\.json: ENOENT/],
      [["validate", "not-json.json"], /not-json\.json is not JSON/],
      [["validate", "bad-task.json", "--variant", "v3"], /--variant must be v2 or legacy/],
      // The library's refusal, in its words.
      [["validate", "bad-task.json", "--locale", "fr"], /--locale: locale must be one of "en", "zh-CN", received "fr"/],
      [["validate", "--aiccs", "CreateAiCallTask", "bad-params.json", "--locale", "fr"], /--locale: locale must be one of/],
      [["validate", "bad-task.json", "--bogus"], /unknown option --bogus/],
    ]) {
      const r = aicall(args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stdout}`);
      assert.match(r.stderr, msg);
      assert.equal(r.stdout, "");
    }
    // The parser's message is not shown: it quotes the input (a secrets file passed by mistake).
    fs.writeFileSync(path.join(dir, "oops.env"), "API_SECRET=sk-live-abcdef\n");
    const oops = aicall(["validate", "oops.env"]);
    assert.equal(oops.status, 2);
    assert.doesNotMatch(oops.stderr, /sk-live/);
    assert.match(aicall(["validate", "not-json.json"]).stderr, /not JSON \(line 1, column 3\)/);
    // Nested too deeply to read: an input error too, not "issues found".
    fs.writeFileSync(path.join(dir, "deep.json"), "[".repeat(5000) + "]".repeat(5000));
    assert.equal(aicall(["validate", "deep.json"]).status, 2);
    const help = aicall(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /aicall validate --aiccs <Action> <params.json>/);
    assert.equal(aicall(["--version"]).stdout.trim(), JSON.parse(fs.readFileSync(path.join(PKG, "package.json"), "utf8")).version);
  });
});

describe("npx aicall validate output", () => {
  test("control characters of the input reach the terminal as \\u escapes; a closed pipe is no crash", () => {
    fs.writeFileSync(path.join(dir, "esc.json"), JSON.stringify({ ...readJson("agent_api/update_v2.json"), "\u001b[2Jkey\nFAKE ok": 1 }));
    const r = aicall(["validate", "esc.json"]);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /\u001b|\nFAKE/);
    assert.match(r.stdout, /\\u001b\[2Jkey\\u000aFAKE ok/);
    // `aicall validate … | head -1`: the reader leaves after one line of 20,000.
    fs.writeFileSync(path.join(dir, "many.json"), JSON.stringify(Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`k${i}`, 1]))));
    const piped = spawnSync("bash", ["-c", `"${bin}" validate many.json | head -1`], { cwd: dir, encoding: "utf8", timeout: 30000 });
    assert.equal(piped.stderr, "");
  });
});

describe("npx aicall emulator", () => {
  test("starts the emulator shipped in the package; --static serves a folder; SIGTERM stops it", async () => {
    const child = spawn(bin, ["emulator", "--port", "0", "--quiet", "--static", "."], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited ${code}`)));
        setTimeout(() => reject(new Error(`no "listening" line: ${out}`)), 10000);
      });
      const health = await fetch(`${url}/__emulator/health`);
      assert.equal(health.status, 200);
      const served = await fetch(`${url}/bad-task.json`);
      assert.equal(served.status, 200);
      assert.equal((await served.json()).maximumcall, 3);
      // The packed SDK against the packed emulator.
      const script = `
        const { AgentApi } = require("aicall");
        new AgentApi({ token: "demo-token", baseUrl: ${JSON.stringify(url)} })
          .batchVoiceUrls({ userId: "u", taskId: "task-cli", recordIds: ["rec-1", "rec-2"] })
          .then((r) => console.log(r.urls.length));
      `;
      const r = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8", timeout: 20000 });
      assert.equal(r.stdout.trim(), "2", r.stderr);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    }
  });
});
