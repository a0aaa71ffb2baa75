// The README's end-to-end campaign, run as written against the local emulator.
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

test("README campaign: create, 1,000 numbers, stop, every record, every recording", async () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const m = /<!-- campaign:node -->\s*```js\n([\s\S]*?)```\s*<!-- \/campaign:node -->/.exec(readme);
  assert.ok(m, "campaign block found");
  // Always an ephemeral emulator: the same code, pointed at its port.
  const emu = await startEmulator({ quiet: true });
  const code = m[1].replaceAll("127.0.0.1:8787", `127.0.0.1:${emu.port}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aicall-campaign-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(path.join(root, "pkg"), path.join(dir, "node_modules", "aicall"), "dir");
    fs.writeFileSync(path.join(dir, "campaign.mjs"), code);
    const { stdout } = await promisify(execFile)(process.execPath, ["campaign.mjs"], { cwd: dir, timeout: 60000 });
    assert.match(stdout, /numbers: 1000 added, 0 failed/);
    assert.match(stdout, /records: 1000/);
    assert.match(stdout, /recordings: 1000/);
    const numberRequests = emu.log.filter((e) => e.path.endsWith("/number"));
    assert.equal(numberRequests.length, 10);
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
