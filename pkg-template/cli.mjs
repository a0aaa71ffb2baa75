#!/usr/bin/env node
// aicall command line (Node): validate a request body from a file, or start the local emulator.
//   npx aicall validate task.json [--variant v2|legacy] [--locale en|zh-CN] [--json]
//   npx aicall validate --aiccs CreateAiCallTask params.json [--locale zh-CN] [--json]
//   npx aicall emulator [--port 8787] [--host 127.0.0.1] [--static DIR] [--quiet]
// Exit status: 0 valid / running, 1 issues found, 2 usage or input error.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const USAGE = `usage:
  aicall validate <task.json> [--variant v2|legacy] [--locale en|zh-CN] [--json]
      checks an Agent API task update body (the PUT .../task/{task_id} body)
  aicall validate --aiccs <Action> <params.json> [--locale en|zh-CN] [--json]
      checks the parameters of an Alibaba Cloud aiccs action, e.g. CreateAiCallTask
  aicall emulator [--port 8787] [--host 127.0.0.1] [--static DIR] [--quiet]
      starts the local emulator of both APIs (token "demo-token"; aiccs keys
      "demo-access-key-id" / "demo-access-key-secret"); --static also serves the
      files of DIR at / (a page and its node_modules, on the APIs' origin)
  aicall --version | --help
A file name "-" reads standard input. Exit status: 0 valid, 1 issues found, 2 usage error.
`;

class UsageError extends Error {}

function parse(argv) {
  const out = { positional: [], flags: {} };
  const takesValue = new Set(["--variant", "--locale", "--aiccs", "--port", "--host", "--static"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (takesValue.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        out.flags[name] = v;
      } else if (["--json", "--quiet", "--help", "--version"].includes(name)) out.flags[name] = true;
      else throw new UsageError(`unknown option ${a}`);
    } else if (a === "-h") out.flags["--help"] = true;
    else out.positional.push(a);
  }
  return out;
}

function readJsonFile(file) {
  let text;
  try {
    text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`);
  }
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (e) {
    // Where, never what: the parser's message quotes the text (a secrets file passed by
    // mistake would show its start).
    const at = /position (\d+)/.exec(String(e.message));
    throw new UsageError(`${file} is not JSON${at ? ` (${lineColumn(json, Number(at[1]))})` : ""}`);
  }
}

function lineColumn(text, offset) {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before.at(-1).length + 1}`;
}

// Text from the input shown on a terminal: control characters (an ESC that recolours or
// clears the screen, a CR or LF that fakes a line) and bidirectional overrides as \u escapes.
const shown = (s) => String(s).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

// The library refuses an options value it does not accept by throwing (validation_failed,
// one issue per option): for --locale that is a usage error, in the library's words. The
// library decides which locales it accepts ("zh", "zh_CN", "en-US", … normalised), not us.
function withOptions(run) {
  try {
    return run();
  } catch (e) {
    const bad = e?.code === "validation_failed" && Array.isArray(e.issues) ? e.issues.find((i) => i.path === "locale") : undefined;
    if (bad) throw new UsageError(`--locale: ${bad.message}`);
    throw e;
  }
}

function validate({ positional, flags }) {
  const { AgentApi, Aiccs } = require("./node/index.cjs");
  const locale = flags["--locale"] ?? "en";
  let issues;
  let what;
  if (flags["--aiccs"] !== undefined) {
    if (positional.length !== 1) throw new UsageError("validate --aiccs <Action> needs exactly one <params.json>");
    if (flags["--variant"] !== undefined) throw new UsageError("--variant is for Agent API task bodies, not --aiccs");
    const action = flags["--aiccs"];
    const params = readJsonFile(positional[0]);
    issues = withOptions(() => Aiccs.validate(action, params, { locale }));
    // A misspelt action is a usage error (the flag's value), not an issue of the params.
    const unknown = issues.find((i) => i.path === "action" && i.code === "unknown_action");
    if (unknown) throw new UsageError(`--aiccs: ${unknown.message}`);
    what = `${positional[0]} (aiccs ${action})`;
  } else {
    if (positional.length !== 1) throw new UsageError("validate needs exactly one <task.json>");
    const variant = flags["--variant"] ?? "v2";
    if (!["v2", "legacy"].includes(variant)) throw new UsageError(`--variant must be v2 or legacy, not ${variant}`);
    const body = readJsonFile(positional[0]);
    issues = withOptions(() => AgentApi.validateTaskUpdate(body, { variant, locale }));
    what = `${positional[0]} (Agent API task update, ${variant})`;
  }
  // A body the validators cannot read at all (nested thousands of levels deep) is an input
  // error, as text that is not JSON is.
  const unreadable = issues.find((i) => i.path === "" && i.code === "not_supported");
  if (unreadable) throw new UsageError(`${positional[0]}: ${unreadable.message}`);
  if (flags["--json"]) process.stdout.write(`${JSON.stringify(issues, null, 2)}\n`);
  else if (issues.length === 0) process.stdout.write(`${shown(what)}: no issues\n`);
  else {
    process.stdout.write(`${shown(what)}: ${issues.length} issue${issues.length === 1 ? "" : "s"}\n`);
    for (const i of issues) process.stdout.write(`  ${shown(i.path || "(root)")}  ${i.code}  ${shown(i.message)}\n`);
  }
  return issues.length === 0 ? 0 : 1;
}

async function emulator({ positional, flags }) {
  if (positional.length) throw new UsageError(`emulator takes no arguments (got ${positional.join(" ")})`);
  const port = flags["--port"] === undefined ? 8787 : Number(flags["--port"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not ${flags["--port"]}`);
  const staticDirs = [];
  if (flags["--static"] !== undefined) {
    const dir = path.resolve(flags["--static"]);
    if (!fs.existsSync(dir)) throw new UsageError(`--static: no such folder ${flags["--static"]}`);
    staticDirs.push({ prefix: "/", dir });
  }
  const { startEmulator } = await import("./emulator/server.mjs");
  const emu = await startEmulator({ port, host: flags["--host"] ?? "127.0.0.1", quiet: flags["--quiet"] === true, staticDirs });
  process.stdout.write(`aicall emulator listening on ${emu.url}\n`);
  const stop = () => emu.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined; // keeps running
}

async function main(argv) {
  const args = parse(argv);
  const [command, ...rest] = args.positional;
  if (args.flags["--version"]) {
    process.stdout.write(`${require("./package.json").version}\n`);
    return 0;
  }
  if (args.flags["--help"] || command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  const sub = { positional: rest, flags: args.flags };
  if (command === "validate") return validate(sub);
  if (command === "emulator") return emulator(sub);
  throw new UsageError(command === undefined ? "no command given" : `unknown command ${command}`);
}

// `aicall validate … | head`: a reader that stops early is no error of ours.
// Any other failure to write (a full disk) is an input/output error: 2, never "issues found".
process.stdout.on("error", (e) => {
  process.exit(e && e.code === "EPIPE" ? (process.exitCode ?? 0) : 2);
});

main(process.argv.slice(2)).then(
  (code) => { if (code !== undefined) process.exitCode = code; },
  (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`aicall: ${shown(e.message)}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`aicall: ${e && e.message ? e.message : e}\n`);
      process.exitCode = 2;
    }
  },
);
