// The README's Node quickstart, run as written against the local emulator.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../../emulator/server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("README Node quickstart runs against the emulator", async () => {
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aicall-readme-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(path.join(root, "pkg"), path.join(dir, "node_modules", "aicall"), "dir");
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
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
