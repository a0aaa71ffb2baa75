// Browser tests of the demo page (www/) against the in-process emulator, in headless Chromium.
// Run: node --test tests/e2e/   (needs `make pkg` first, playwright-core and /usr/bin/chromium)
import { test, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startEmulator } from "../../emulator/server.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ARTIFACTS = path.join(ROOT, "tests/artifacts/e2e");
const TASK_ID = "f232d184-dd54-42a0-8ace-0bf8d660f4cc";
const SECRETS = ["demo-token", "demo-access-key-secret"];

let emu;
let browser;
let context;
let page;
let problems;   // console errors, page errors, failed requests of the current test

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, "pkg/web/index.js")), "pkg/ is missing: run `make pkg` first");
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  emu = await startEmulator({
    port: 0,
    quiet: true,
    staticDirs: [{ prefix: "/pkg/", dir: path.join(ROOT, "pkg") }, { prefix: "/", dir: path.join(ROOT, "www") }],
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
});

after(async () => {
  await browser?.close();
  await emu?.close();
});

beforeEach(async () => {
  emu.reset();
  problems = [];
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  await page.goto(emu.url + "/");
  await page.waitForSelector("body[data-ready=true]");
});

afterEach(async () => {
  await context?.close();
  assert.deepEqual(problems, [], "no console errors, page errors or failed requests");
});

// ---------------------------------------------------------------- helpers

const byId = (id) => page.getByTestId(id);
const textOf = (id) => byId(id).textContent();

/** Waits until the element's text satisfies `check` (a substring, a RegExp, or "" for empty). */
async function waitText(id, check, { timeout = 10_000 } = {}) {
  const spec = check instanceof RegExp ? { re: check.source, flags: check.flags } : { s: check };
  try {
    await page.waitForFunction(([tid, sp]) => {
      const el = document.querySelector(`[data-testid="${tid}"]`);
      if (!el) return false;
      const txt = el.textContent ?? "";
      if (sp.re !== undefined) return new RegExp(sp.re, sp.flags).test(txt);
      return sp.s === "" ? txt.trim() === "" : txt.includes(sp.s);
    }, [id, spec], { timeout });
  } catch (e) {
    const now = await page.locator(`[data-testid="${id}"]`).first().textContent().catch(() => "(missing)");
    throw new Error(`[data-testid=${id}] never matched ${check}; it shows: ${JSON.stringify(now)}\n${e.message}`);
  }
}

async function shot(name, opts = {}) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, name), ...opts });
}

async function emulatorLog() {
  const res = await fetch(`${emu.url}/__emulator/log?limit=200`);
  return (await res.json()).entries;
}

async function assertNoSecretsOnPage() {
  const text = await page.evaluate(() => document.body.innerText);
  for (const s of SECRETS) assert.ok(!text.includes(s), `the page text shows ${s}`);
}

// ---------------------------------------------------------------- scenarios

test("1. task update: maximumcall issue beside the field in en and zh-CN, fix, send, success", async () => {
  await byId("tab-updateTask").click();
  await waitText("issue-updateTask-body.maximumcall", "");
  await waitText("status-updateTask", "Valid");

  // two lines, then a total concurrency that does not divide by two
  await byId("add-updateTask-body.task_extras.line").click();
  await byId("field-updateTask-body.task_extras.line-1-id").fill("line-b");
  await byId("field-updateTask-body.task_extras.line-1-limit").fill("2");
  await byId("field-updateTask-body.maximumcall").fill("3");
  await waitText("issue-updateTask-body.maximumcall", "must divide evenly");
  const en = await textOf("issue-updateTask-body.maximumcall");
  assert.match(en, /maximumcall \(3\).*2/);
  assert.equal(await byId("field-updateTask-body.maximumcall").getAttribute("aria-invalid"), "true");
  // the JSON body follows the fields
  const json = JSON.parse(await byId("field-updateTask-body").inputValue());
  assert.equal(json.maximumcall, 3);
  assert.equal(json.task_extras.line.length, 2);
  // the preview says buildUpdateTask would throw
  await waitText("preview-blocked", "buildUpdateTask");

  await shot("demo.png", { fullPage: true });

  await byId("lang-zh").click();
  await waitText("issue-updateTask-body.maximumcall", "整除");
  const zh = await textOf("issue-updateTask-body.maximumcall");
  assert.ok(zh.includes("maximumcall") && zh.includes("3"), zh);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  await shot("update-zh.png", { fullPage: true });

  await byId("lang-en").click();
  await waitText("issue-updateTask-body.maximumcall", "must divide evenly");

  // sending anyway: the SDK refuses before any I/O, with every issue
  await byId("send-updateTask").click();
  await waitText("error-kind", "validation");
  await waitText("error-issues", "maximumcall");

  await byId("field-updateTask-body.maximumcall").fill("4");
  await waitText("issue-updateTask-body.maximumcall", "");
  assert.equal(await byId("field-updateTask-body.maximumcall").getAttribute("aria-invalid"), null);
  await waitText("preview-method", "PUT");
  await waitText("preview-url", `/task/${TASK_ID}`);

  // the JSON textarea validates too
  const body = JSON.parse(await byId("field-updateTask-body").inputValue());
  body.maximumcall = 5;
  await byId("field-updateTask-body").fill(JSON.stringify(body, null, 2));
  await waitText("issue-updateTask-body.maximumcall", "must divide evenly");
  assert.equal(await byId("field-updateTask-body.maximumcall").inputValue(), "5");
  await byId("field-updateTask-body.maximumcall").fill("4");
  await waitText("issue-updateTask-body.maximumcall", "");

  await byId("send-updateTask").click();
  await waitText("result", "updateTask() resolved");
  await byId("result-ok").waitFor();
  await shot("update-sent.png", { fullPage: true });

  const stateNow = await (await fetch(`${emu.url}/__emulator/state`)).json();
  const task = stateNow.agent.tasks.find((x) => x.task_id === TASK_ID);
  assert.equal(task.last_update_body.maximumcall, 4);
  assert.equal(task.last_update_body.task_extras.line.length, 2);
});

test("2. a running task: Send shows the 6007 explanation; stopping it makes Send work", async () => {
  await byId("tab-updateTask").click();
  await byId("start-task-updateTask").click();
  await waitText("task-state-updateTask", "running");
  await byId("send-updateTask").click();
  await waitText("error-apicode", "6007");
  assert.equal((await textOf("error-kind")).trim(), "api");
  assert.equal((await textOf("error-code")).trim(), "task_running");
  assert.match(await textOf("error-message"), /stop the task first/);
  await waitText("error-hint", "Stop task");
  await shot("update-6007.png", { fullPage: true });

  // the same answer in Chinese chrome
  await byId("lang-zh").click();
  await waitText("result-error", "任务正在运行");
  await byId("lang-en").click();

  await byId("stop-task-updateTask").click();
  await waitText("task-state-updateTask", "stopped");
  await byId("send-updateTask").click();
  await waitText("result", "updateTask() resolved");
});

test("3. 45 record ids are no issue (Send splits them into requests of 30); send lists urls and failures", async () => {
  await byId("tab-batchVoiceUrls").click();
  const ids = Array.from({ length: 45 }, (_, i) => `rec-${1000 + i}`);
  await byId("field-batchVoiceUrls-recordIds").fill(ids.join("\n"));
  await waitText("batch-count-batchVoiceUrls", "45 recordIds · 2 request(s)");
  await waitText("preview-note", "2 requests");
  await waitText("status-batchVoiceUrls", "Valid");
  assert.equal((await textOf("issue-batchVoiceUrls-recordIds")).trim(), "");
  assert.equal(await byId("field-batchVoiceUrls-recordIds").getAttribute("aria-invalid"), null);
  assert.equal((await textOf("tab-batchVoiceUrls-badge")).trim(), "✓");
  await shot("records-45.png", { fullPage: true });

  await byId("lang-zh").click();
  await waitText("batch-count-batchVoiceUrls", "分 2 次请求");
  await waitText("status-batchVoiceUrls", "校验通过");
  await byId("lang-en").click();

  // an empty id list is still an issue
  await byId("field-batchVoiceUrls-recordIds").fill("");
  await waitText("issue-batchVoiceUrls-recordIds", "recordIds");
  await byId("field-batchVoiceUrls-recordIds").fill(ids.slice(0, 31).join("\n"));

  // batchVoiceUrls takes any number: 31 ids go out as two requests
  await byId("send-batchVoiceUrls").click();
  await waitText("result-summary", "31 URL(s), 0 failed");

  await byId("field-batchVoiceUrls-recordIds").fill(ids.slice(0, 30).join(", "));
  await waitText("issue-batchVoiceUrls-recordIds", "");
  assert.equal(await byId("field-batchVoiceUrls-recordIds").getAttribute("aria-invalid"), null);
  await waitText("preview-url", "recordIds");

  await byId("field-batchVoiceUrls-recordIds").fill(["rec-1", "rec-2", "missing-3", "novoice-4"].join("\n"));
  await byId("send-batchVoiceUrls").click();
  await waitText("result-summary", "2 URL(s), 2 failed");
  await waitText("result-failed", "50051");
  await waitText("result-failed", "50061");
});

for (const sigver of ["v3", "v1"]) {
  test(`4. CreateAiCallTask signed with ${sigver} is accepted by the emulator's own signature check`, async () => {
    if (sigver !== "v3") {
      await byId("settings-toggle").click();
      await byId("settings-sigver").selectOption(sigver);
      await waitText("settings-summary", "v1 HMAC-SHA1");
      await byId("settings-toggle").click();
    }
    await byId("tab-CreateAiCallTask").click();
    await waitText("status-CreateAiCallTask", "Valid");
    await byId("field-CreateAiCallTask-TaskName").fill(`e2e ${sigver} task`);

    // a field issue first: an end time before the start time
    await byId("field-CreateAiCallTask-CallTime-0-endTime").fill("08:00:00");
    await waitText("issue-CreateAiCallTask-CallTime", "CallTime[0].endTime");
    await byId("field-CreateAiCallTask-CallTime-0-endTime").fill("12:00:00");
    await waitText("issue-CreateAiCallTask-CallTime", "");

    if (sigver === "v3") await waitText("preview-headers", "ACS3-HMAC-SHA256");
    else await waitText("preview-query", "HMAC-SHA1");

    await byId("send-CreateAiCallTask").click();
    await waitText("result-json", '"Code": "OK"');
    const highlight = (await textOf("result-highlight")).trim();
    assert.match(highlight, /^\d{10,}$/, `a task id in the answer, got ${highlight}`);
    await shot(`create-${sigver}.png`, { fullPage: true });

    const entry = (await emulatorLog()).filter((e) => e.action === "CreateAiCallTask").at(-1);
    assert.ok(entry, "the emulator logged the CreateAiCallTask");
    assert.equal(entry.signature, sigver);
    assert.equal(entry.status, 200);
    assert.equal(entry.outcome, "OK");

    const st = await (await fetch(`${emu.url}/__emulator/state`)).json();
    assert.ok(st.aiccs.tasks.some((x) => x.TaskName === `e2e ${sigver} task` && String(x.TaskId) === highlight));
  });
}

test("5. Copy as cURL redacts the token, the signature and never shows the secret", async () => {
  // Agent API
  await byId("tab-updateTask").click();
  await byId("copy-curl").click();
  await waitText("curl", "curl -X PUT");
  let curl = await textOf("curl");
  assert.match(curl, /Authorization: Bearer \*\*\*/);
  for (const s of SECRETS) assert.ok(!curl.includes(s), `cURL shows ${s}`);

  await byId("tab-batchVoiceUrls").click();
  await byId("copy-curl").click();
  await waitText("curl", "curl -X GET");
  curl = await textOf("curl");
  assert.match(curl, /Bearer \*\*\*/);
  for (const s of SECRETS) assert.ok(!curl.includes(s), `cURL shows ${s}`);

  // aiccs v3: signature in the Authorization header
  await byId("tab-CreateAiCallTask").click();
  await byId("copy-curl").click();
  await waitText("curl", "x-acs-action: CreateAiCallTask");
  curl = await textOf("curl");
  assert.match(curl, /Signature=\*\*\*/);
  assert.doesNotMatch(curl, /Signature=[0-9a-f]{16,}/);
  for (const s of SECRETS) assert.ok(!curl.includes(s), `cURL shows ${s}`);
  await shot("curl.png", { fullPage: true });

  // aiccs v1: signature in the query
  await byId("settings-toggle").click();
  await byId("settings-sigver").selectOption("v1");
  await byId("settings-toggle").click();
  await byId("tab-LlmSmartCall").click();
  await byId("copy-curl").click();
  await waitText("curl", "Action=LlmSmartCall");
  curl = await textOf("curl");
  assert.match(curl, /[?&]Signature=\*\*\*/);
  for (const s of SECRETS) assert.ok(!curl.includes(s), `cURL shows ${s}`);

  await assertNoSecretsOnPage();
});

test("6. the other aiccs forms: issues beside their fields, then a successful send", async () => {
  // ImportTaskNumberDatas: JSON textarea with an empty number
  await byId("tab-ImportTaskNumberDatas").click();
  await byId("field-ImportTaskNumberDatas-PhoneNumberList").fill('[{"calleeNumber": ""}]');
  await waitText("issue-ImportTaskNumberDatas-PhoneNumberList", "PhoneNumberList[0].calleeNumber");
  await byId("field-ImportTaskNumberDatas-PhoneNumberList").fill('[{"calleeNumber": "13800138000", "outId": "e2e-1"');
  await waitText("issue-ImportTaskNumberDatas-PhoneNumberList", "JSON");
  await byId("field-ImportTaskNumberDatas-PhoneNumberList").fill('[{"calleeNumber": "13800138000", "outId": "e2e-1"}]');
  await waitText("issue-ImportTaskNumberDatas-PhoneNumberList", "");
  await byId("send-ImportTaskNumberDatas").click();
  await waitText("result-json", '"Code": "OK"');

  // LlmSmartCall: a TtsSpeed out of range, in Chinese
  await byId("tab-LlmSmartCall").click();
  await byId("lang-zh").click();
  await byId("field-LlmSmartCall-TtsSpeed").fill("500");
  await waitText("issue-LlmSmartCall-TtsSpeed", "TtsSpeed");
  assert.ok(/[\u4e00-\u9fff]/.test(await textOf("issue-LlmSmartCall-TtsSpeed")));
  await byId("field-LlmSmartCall-TtsSpeed").fill("0");
  await waitText("issue-LlmSmartCall-TtsSpeed", "");
  await byId("send-LlmSmartCall").click();
  await waitText("result-highlight", "^");
  await byId("lang-en").click();

  // QueryAiCallDetailPage
  await byId("tab-QueryAiCallDetailPage").click();
  await byId("field-QueryAiCallDetailPage-PageNo").fill("0");
  await waitText("issue-QueryAiCallDetailPage-PageNo", "at least 1");
  await byId("field-QueryAiCallDetailPage-PageNo").fill("1");
  await waitText("issue-QueryAiCallDetailPage-PageNo", "");
  await byId("send-QueryAiCallDetailPage").click();
  await waitText("result-json", '"List"');
  await shot("details.png", { fullPage: true });
});

test("7. legacy variant: seed example valid, v2-only keys reported at the top of the form", async () => {
  await byId("tab-updateTask").click();
  await byId("variant-updateTask-legacy").click();
  await waitText("status-updateTask", "Valid");
  const body = JSON.parse(await byId("field-updateTask-body").inputValue());
  assert.equal(body.maximumcall, 1);
  body.task_extras.pop_mode = 1;
  await byId("field-updateTask-body").fill(JSON.stringify(body, null, 2));
  await waitText("form-issues-updateTask", "task_extras.pop_mode");

  // JSON that does not parse: said beside the textarea, no preview, Send disabled
  await byId("field-updateTask-body").fill("{ broken");
  await waitText("issue-updateTask-body", "JSON");
  await waitText("preview-blocked", "JSON");
  assert.equal(await byId("send-updateTask").isDisabled(), true);

  await byId("reset-updateTask").click();
  await waitText("issue-updateTask-body", "");
  assert.equal(await byId("send-updateTask").isDisabled(), false);
  await waitText("status-updateTask", "Valid");
  await byId("send-updateTask").click();
  await waitText("result", "updateTask() resolved");
});

test("8. list fields split on Chinese commas, 、 and semicolons: 300 ids pasted with ， are 300 items", async () => {
  await byId("tab-batchVoiceUrls").click();
  const ids = Array.from({ length: 300 }, (_, i) => `rec-${i}`);
  await byId("field-batchVoiceUrls-recordIds").fill(ids.join("，"));
  await waitText("batch-count-batchVoiceUrls", /^300 recordIds/);
  await byId("field-batchVoiceUrls-recordIds").fill("rec-1、rec-2；rec-3;rec-4,rec-5\r\nrec-6 ，， \n");
  await waitText("batch-count-batchVoiceUrls", /^6 recordIds/);
  await waitText("preview-url", "rec-6");
});

test("9. a field edited while the JSON body does not parse keeps the typed JSON and says to fix it first", async () => {
  await byId("tab-updateTask").click();
  const json = byId("field-updateTask-body");
  const broken = (await json.inputValue()).replace(/"name": "[^"]*"/, '"name": "春季回访');
  for (const [lang, says] of [["en", "fix the JSON"], ["zh", "请先修正"]]) {
    await byId(`lang-${lang}`).click();
    await json.fill(broken);
    await waitText("issue-updateTask-body", "JSON");
    await byId("field-updateTask-body.dial_time_id").fill("5");
    await waitText("issue-updateTask-body.dial_time_id", says);
    assert.equal(await json.inputValue(), broken, "the typed JSON is kept");
    // switching the variant and back keeps it too
    await byId("variant-updateTask-legacy").click();
    await byId("variant-updateTask-v2").click();
    assert.equal(await json.inputValue(), broken, "the typed JSON survives the variant switch");
    await waitText("issue-updateTask-body", "JSON");
  }
  // a body that parses but is not an object is not overwritten either
  await byId("lang-en").click();
  await json.fill("[]");
  await byId("field-updateTask-body.name").fill("X");
  await waitText("issue-updateTask-body.name", "fix the JSON");
  assert.equal(await json.inputValue(), "[]");
  // once the JSON is fixed, the fields follow it again and the note goes
  await byId("reset-updateTask").click();
  await waitText("issue-updateTask-body.name", "");
  await byId("field-updateTask-body.name").fill("Y");
  assert.equal(JSON.parse(await json.inputValue()).name, "Y");
});

test("10. addNumbers is a batch form: 250 rows are no issue, the count says 3 requests, the answer lists added and failed", async () => {
  await byId("tab-addNumbers").click();
  const rows = Array.from({ length: 250 }, (_, i) => ({ phone: `139${20000000 + i}`, name: `c${i}` }));
  await byId("field-addNumbers-body").fill(JSON.stringify({ data: rows }));
  await waitText("batch-count-addNumbers", "250 body.data · 3 request(s)");
  await waitText("status-addNumbers", "Valid");
  await waitText("preview-note", "3 requests");
  assert.equal(await byId("field-addNumbers-body").getAttribute("aria-invalid"), null);
  // a row issue still shows
  rows[5].phone = "";
  await byId("field-addNumbers-body").fill(JSON.stringify({ data: rows }));
  await waitText("status-addNumbers", "1 issue");
  await waitText("form-issues-addNumbers", "body.data[5].phone");
  rows[5].phone = "13900000005";
  await byId("field-addNumbers-body").fill(JSON.stringify({ data: rows }));
  await waitText("status-addNumbers", "Valid");
  await byId("send-addNumbers").click();
  await waitText("result-summary", "250 added, 0 failed, 3 answer(s)");
  await byId("result-added").waitFor();

  for (const id of ["addNumbersAsync", "importCustomers"]) {
    await byId(`tab-${id}`).click();
    await waitText(`batch-count-${id}`, "body.data");
  }
});

test("11. an issue's path is said once (the SDK's message starts with it): beside the field, in the preview, in the answer", async () => {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const once = (text, p) => {
    assert.ok(text.includes(p), `${JSON.stringify(text)} names ${p}`);
    assert.doesNotMatch(text, new RegExp(`^\\s*${esc(p)}\\s*${esc(p)}`), "the path is not said twice");
  };
  await byId("tab-CreateAiCallTask").click();
  await byId("field-CreateAiCallTask-CallTime-0-endTime").fill("08:00:00");
  await waitText("issue-CreateAiCallTask-CallTime", "CallTime[0].endTime");
  once(await page.locator('[data-testid="issue-CreateAiCallTask-CallTime"] .issue').first().textContent(), "CallTime[0].endTime");

  await byId("tab-updateTask").click();
  await byId("field-updateTask-body.maximumcall").fill("0");
  await waitText("preview-blocked", "buildUpdateTask");
  once(await page.locator("#preview .blocked-list li").first().textContent(), "maximumcall");
  await byId("send-updateTask").click();
  await waitText("error-issues", "maximumcall");
  once(await page.locator('[data-testid="error-issues"] li').first().textContent(), "maximumcall");
});

test("12. zh-CN: the page's own words are Chinese (answer issues label, remove-row label, task state colon, JSON error)", async () => {
  await byId("tab-updateTask").click();
  await byId("add-updateTask-body.task_extras.line").click();
  await byId("lang-zh").click();
  const remove = byId("remove-updateTask-body.task_extras.line-0");
  assert.match(await remove.getAttribute("aria-label"), /^删除/);
  assert.match(await remove.getAttribute("title"), /^删除/);

  await byId("start-task-updateTask").click();
  await waitText("task-state-updateTask", "模拟器任务：运行中");
  await byId("stop-task-updateTask").click();
  await waitText("task-state-updateTask", "模拟器任务：已停止");

  await byId("field-updateTask-body.maximumcall").fill("0");
  await byId("send-updateTask").click();
  await waitText("error-issues", "maximumcall");
  assert.doesNotMatch(await textOf("error-issues"), /issues/);

  await byId("field-updateTask-body").fill('{\n  "name": "x",\n  oops\n}');
  await waitText("issue-updateTask-body", "第 3 行第 3 列");
  assert.doesNotMatch(await textOf("issue-updateTask-body"), /Expected|Unexpected|position|token/i);
  await byId("lang-en").click();
  await waitText("issue-updateTask-body", "line 3, column 3");
});

test("13. accessibility: error boxes described-by, visible labels, aria-required, quiet live regions, a live answer", async () => {
  await byId("tab-updateTask").click();
  const name = byId("field-updateTask-body.name");
  await name.fill("");
  await waitText("issue-updateTask-body.name", "name");
  const wiring = await name.evaluate((el) => ({
    described: (el.getAttribute("aria-describedby") ?? "").split(/\s+/).map((id) => document.getElementById(id)?.dataset.testid ?? document.getElementById(id)?.className),
    ariaLabel: el.getAttribute("aria-label"),
    label: el.labels?.[0]?.textContent,
    required: el.getAttribute("aria-required"),
  }));
  assert.ok(wiring.described.includes("issue-updateTask-body.name"), JSON.stringify(wiring));
  assert.equal(wiring.ariaLabel, null, "the visible label names the input");
  assert.match(wiring.label, /^name/);
  assert.equal(wiring.required, "true");
  assert.equal(await byId("field-updateTask-body.remark").getAttribute("aria-required"), null);
  // the JSON textarea is described by its error box too
  const jsonDesc = await byId("field-updateTask-body").getAttribute("aria-describedby");
  assert.ok(jsonDesc && await page.locator(`[id="${jsonDesc.split(" ").at(-1)}"]`).getAttribute("data-testid") === "issue-updateTask-body");

  // typing in one field leaves the other fields' error boxes (live regions) alone
  await byId("field-updateTask-body.maximumcall").fill("0");
  await waitText("issue-updateTask-body.maximumcall", "maximumcall");
  await name.fill("a");
  await page.evaluate(() => {
    window.__added = 0;
    new MutationObserver((ms) => { for (const m of ms) if (m.target.closest?.("[aria-live=polite]")) window.__added += m.addedNodes.length; })
      .observe(document.querySelector("#form-updateTask"), { childList: true, subtree: true, characterData: true });
  });
  await name.pressSequentially("bcde");
  await waitText("preview", "maximumcall");
  assert.equal(await page.evaluate(() => window.__added), 0, "no error box was re-rendered");

  assert.equal(await page.getAttribute("#result", "aria-live"), "polite");
});

test("14. keyboard: choosing an operation focuses its form heading, a skip link, a labelled variant radiogroup with arrow keys", async () => {
  const focused = () => page.evaluate(() => document.activeElement?.closest("[data-testid]")?.dataset.testid + "|" + document.activeElement?.tagName);
  await byId("tab-getTask").click();
  assert.equal(await focused(), "form-getTask|H2");

  // the first Tab stop of the page is the skip link; it leads to the form on show
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "skip-to-form");
  await page.keyboard.press("Enter");
  assert.equal(await focused(), "form-getTask|H2");
  assert.equal(await page.evaluate(() => location.hash), "#getTask");

  await byId("tab-updateTask").click();
  const group = page.locator("#form-updateTask [role=radiogroup]");
  assert.equal(await group.getAttribute("aria-label"), "Variant");
  await byId("variant-updateTask-v2").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await byId("variant-updateTask-legacy").getAttribute("aria-checked"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "variant-updateTask-legacy");
  assert.equal(await byId("variant-updateTask-v2").getAttribute("tabindex"), "-1");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await byId("variant-updateTask-v2").getAttribute("aria-checked"), "true");
  await byId("lang-zh").click();
  assert.equal(await group.getAttribute("aria-label"), "版本");
});

test("15. a settings issue is said beside its setting: marked, the panel opens, the form's link focuses it", async () => {
  await byId("tab-updateTask").click();
  await byId("settings-toggle").click();
  await byId("settings-baseUrl").fill("127.0.0.1:37421");
  await waitText("settings-issues-baseUrl", "127.0.0.1:37421");
  assert.equal(await byId("settings-baseUrl").getAttribute("aria-invalid"), "true");
  const described = await byId("settings-baseUrl").getAttribute("aria-describedby");
  assert.equal(await page.locator(`[id="${described}"]`).getAttribute("data-testid"), "settings-issues-baseUrl");
  // the form says it under the settings' name, not as an issue without a field
  await waitText("settings-issues-updateTask", "baseUrl");
  assert.equal(await byId("form-issues-updateTask").isVisible(), false);
  await waitText("status-updateTask", "1 issue");

  // folded, then Send: the panel opens again; the form's link focuses the setting
  await byId("settings-toggle").click();
  await byId("send-updateTask").click();
  await waitText("error-kind", "validation");
  assert.equal(await page.evaluate(() => document.querySelector("#settings").open), true);
  await byId("settings-toggle").click();
  await byId("go-settings-updateTask").click();
  assert.equal(await page.evaluate(() => document.querySelector("#settings").open), true);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "settings-baseUrl");
  await byId("lang-zh").click();
  await waitText("go-settings-updateTask", "前往");
  await byId("lang-en").click();
  await byId("settings-baseUrl").fill(emu.url);
  await waitText("settings-issues-baseUrl", "");
  assert.equal(await byId("settings-baseUrl").getAttribute("aria-invalid"), null);
  await waitText("status-updateTask", "Valid");

  // an aiccs endpoint with a scheme: the same, beside the Endpoint setting
  await byId("tab-LlmSmartCall").click();
  await byId("settings-endpoint").fill("http://127.0.0.1:37421");
  await waitText("settings-issues-endpoint", "http://127.0.0.1:37421");
  assert.equal(await byId("settings-endpoint").getAttribute("aria-invalid"), "true");
  await waitText("settings-issues-LlmSmartCall", "endpoint");
  await byId("settings-endpoint").fill(new URL(emu.url).host);
  await waitText("settings-issues-endpoint", "");
  await waitText("status-LlmSmartCall", "Valid");
});

test("16. what is typed is what is checked: no number box drops characters; pasted text is trimmed, a password is not", async () => {
  await byId("tab-updateTask").click();
  const box = byId("field-updateTask-body.maximumcall");
  const bodyJson = async () => JSON.parse(await byId("field-updateTask-body").inputValue());
  for (const typed of ["4 0", "1,000", "4e1"]) {
    await box.fill("");
    await box.pressSequentially(typed);
    assert.equal(await box.inputValue(), typed);
    await waitText("issue-updateTask-body.maximumcall", `"${typed}"`);
    assert.equal(await box.getAttribute("aria-invalid"), "true");
  }
  assert.equal(await box.getAttribute("inputmode"), "numeric");
  // full-width digits from an IME are digits
  await box.fill("");
  await box.focus();
  await page.keyboard.insertText("４");
  await waitText("issue-updateTask-body.maximumcall", "");
  assert.equal((await bodyJson()).maximumcall, 4);

  await byId("tab-GetCallDialogContent").click();
  const date = byId("field-GetCallDialogContent-CallDate");
  const value = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);   // within the last 30 days
  await date.fill(`  ${value} `);
  await waitText("status-GetCallDialogContent", "Valid");
  assert.equal(await date.inputValue(), `  ${value} `);
  await waitText("preview-url", `CallDate=${value}`);

  await byId("tab-createSubAccount").click();
  await byId("field-createSubAccount-body.password").fill(" pass word ");
  assert.equal((JSON.parse(await byId("field-createSubAccount-body").inputValue())).password, " pass word ");
});

test("17. Send is disabled and aria-busy while its request is pending, enabled again after success or error", async () => {
  await byId("tab-updateTask").click();
  const send = byId("send-updateTask");
  await byId("field-updateTask-taskId").fill("fault-slow");   // the emulator answers after 3 s
  await send.click();
  await waitText("result-pending", "Sending");
  assert.equal(await send.isDisabled(), true);
  assert.equal(await send.getAttribute("aria-busy"), "true");
  await byId("result-pending").waitFor({ state: "detached" });
  assert.equal(await send.isDisabled(), false);
  assert.equal(await send.getAttribute("aria-busy"), null);
  assert.equal((await send.textContent()).trim(), "Send");
  // an error answer ends it too (a running task: 6007)
  await byId("field-updateTask-taskId").fill(TASK_ID);
  await byId("start-task-updateTask").click();
  await waitText("task-state-updateTask", "running");
  await send.click();
  await waitText("error-apicode", "6007");
  assert.equal(await send.isDisabled(), false);
  assert.equal(await send.getAttribute("aria-busy"), null);
});
