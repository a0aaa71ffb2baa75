// aicall demo console: plain ES modules, no framework, no build step.
// One form per operation the package describes (AgentApi.operations(), Aiccs.operations()),
// built when first opened; only the form being edited is re-validated, on every input.
import init, { AgentApi, Aiccs, AicallError } from "/pkg/web/index.js";
import { renderAnswer } from "./answer.js";
import { $, h } from "./dom.js";
import { getLocale, relocalize, setLocaleValue, t, tx } from "./i18n.js";
import { exampleFor, formKind, operationEntries } from "./meta.js";
import { copyCurl, hideCurl, renderCurl, renderPreview } from "./preview.js";
import { agentBase, buildSettings, clients, showSettingsIssues, sigLabel } from "./settings.js";
import { batchForm } from "./forms/batch.js";
import { operationForm } from "./forms/operation.js";

const state = {
  current: null,       // id of the form on show
  results: {},         // form id -> { status, data?, error?, ms? }
  tasks: {},           // task id -> running (emulator)
};
const forms = new Map();   // id -> form (built on first use)
let entries = [];
let examples = {};
const client = clients({ AgentApi, Aiccs });

const ctx = {
  AgentApi, Aiccs, AicallError,
  agent: client.agent,
  aiccs: client.aiccs,
  settingsIssues: client.issues,
  sigLabel,
  changed: (form) => { if (form.id === state.current) refreshCurrent(); },
  pending: (form) => state.results[form.id]?.status === "pending",
  send,
  toggleTask,
  taskState: (form) => (form.values ? state.tasks[form.values().args.taskId] : undefined),
};

// ------------------------------------------------------------------ forms and navigation

function formOf(id) {
  if (!forms.has(id)) {
    const entry = entries.find((e) => e.id === id);
    const example = exampleFor(examples, entry);
    const form = formKind(entry) === "batch" ? batchForm(ctx, entry, example) : operationForm(ctx, entry, example);
    form.frame.navBadge = document.querySelector(`[data-testid="tab-${CSS.escape(id)}-badge"]`);
    forms.set(id, form);
  }
  return forms.get(id);
}

function buildNav() {
  const filter = h("input", { type: "search", class: "nav-filter", testid: "nav-filter", autocomplete: "off", spellcheck: "false" });
  const list = h("div", { class: "nav-list" });
  const none = h("p", { class: "muted small nav-none", i18n: "navNone", hidden: true });
  for (const [api, label] of [["agent", "navAgent"], ["aiccs", "navAiccs"]]) {
    const group = entries.filter((e) => e.api === api);
    if (group.length === 0) continue;
    list.append(h("div", { class: "nav-group", "data-api": api, i18n: label }));
    for (const e of group) {
      const sub = api === "agent" ? `${e.op.method} …${e.op.path.split("/").slice(-2).join("/")}` : e.op.summary ?? "";
      list.append(h("button", { type: "button", class: "nav-item", testid: `tab-${e.id}`, "data-tab": e.id, "data-api": api,
        title: e.op.summary ?? "", onclick: () => selectTab(e.id, { focus: true }) },
      h("span", { class: "nav-text" }, h("span", { class: "nav-label" }, e.id), h("span", { class: "nav-sub" }, sub)),
      h("span", { class: "nav-badge", testid: `tab-${e.id}-badge` })));
    }
  }
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const b of list.querySelectorAll(".nav-item")) {
      const hit = q === "" || b.textContent.toLowerCase().includes(q) || b.title.toLowerCase().includes(q);
      b.hidden = !hit;
      if (hit) shown++;
    }
    for (const g of list.querySelectorAll(".nav-group")) g.hidden = !list.querySelector(`.nav-item[data-api="${g.dataset.api}"]:not([hidden])`);
    none.hidden = shown > 0;
  });
  $("#nav").append(h("div", { class: "nav-inner" }, filter, list, none));
}

/** Shows the form of `id`; `focus` (chosen from the menu) moves the focus to its heading. */
function selectTab(id, { focus = false } = {}) {
  state.current = id;
  const form = formOf(id);
  for (const [fid, f] of forms) f.frame.el.hidden = fid !== id;
  for (const b of document.querySelectorAll(".nav-item")) b.setAttribute("aria-current", b.dataset.tab === id ? "page" : "false");
  if (location.hash.slice(1) !== id) history.replaceState(null, "", `#${id}`);
  hideCurl();
  refreshCurrent();
  renderAnswer(form, state.results[id], AicallError);
  if (focus) form.frame.heading.focus();
}

/** Validates the settings and the form on show (only that one), and renders its preview. */
function refreshCurrent() {
  showSettingsIssues([...client.issues("agent"), ...client.issues("aiccs")]);
  const form = forms.get(state.current);
  if (!form) return;
  try {
    form.refresh();
  } catch (e) {
    console.warn(e);
  }
  renderPreview(form, AicallError);
}

// ------------------------------------------------------------------ send, emulator controls

async function send(form) {
  if (state.results[form.id]?.status === "pending") return;
  // settings the client cannot be made from fail the send: the panel shows which, even folded before
  if (client.issues(form.entry.api).length) $("#settings").open = true;
  state.results[form.id] = { status: "pending" };
  form.syncSend();
  relocalize();
  if (form.id === state.current) renderAnswer(form, state.results[form.id], AicallError);
  const t0 = performance.now();
  try {
    const data = await form.send();
    state.results[form.id] = { status: "ok", data, ms: Math.round(performance.now() - t0) };
  } catch (error) {
    // an error, an abort, a timeout: all end the pending state
    state.results[form.id] = { status: "error", error, ms: Math.round(performance.now() - t0) };
  }
  form.syncSend();
  relocalize();
  if (form.id === state.current) renderAnswer(form, state.results[form.id], AicallError);
}

/** The emulator's own control endpoint: switch a task between running and stopped. */
async function toggleTask(form, action) {
  const taskId = form.values().args.taskId;
  try {
    const res = await fetch(`${agentBase()}/__emulator/agent/tasks/${encodeURIComponent(taskId ?? "")}/${action}`, { method: "POST" });
    const data = await res.json();
    if (!res.ok || !data.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
    state.tasks[taskId] = data.running;
    form.taskStateEl.dataset.running = String(data.running);
  } catch (e) {
    state.results[form.id] = { status: "error", error: new Error(t("emuFailed", { msg: e.message })) };
  }
  relocalize();
  renderAnswer(form, state.results[form.id], AicallError);
}

// ------------------------------------------------------------------ locale

function setLocale(locale) {
  setLocaleValue(locale);
  document.documentElement.lang = getLocale();
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === getLocale()));
  relocalize();
  const filter = $("[data-testid=nav-filter]");
  filter.placeholder = t("navFilter");
  filter.setAttribute("aria-label", t("navFilter"));
  refreshCurrent();    // the SDK renders the issues again, in this locale
  renderCurl();
  const form = forms.get(state.current);
  if (form) renderAnswer(form, state.results[form.id], AicallError);
}

// ------------------------------------------------------------------ start

/** fixtures/examples.json, with { "$file": "x.json" } replaced by fixtures/x.json. */
async function loadExamples() {
  const resolve = async (v) => {
    if (Array.isArray(v)) return Promise.all(v.map(resolve));
    if (v && typeof v === "object") {
      if (typeof v.$file === "string") return (await fetch(`fixtures/${v.$file}`)).json();
      const out = {};
      for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) out[k] = await resolve(x);
      return out;
    }
    return v;
  };
  return resolve(await (await fetch("fixtures/examples.json")).json());
}

async function main() {
  for (const el of document.querySelectorAll("[data-i18n]")) tx(el, el.dataset.i18n);
  [examples] = await Promise.all([loadExamples(), init()]);
  entries = operationEntries(typeof AgentApi.operations === "function" ? AgentApi.operations() : [], Aiccs.operations());

  buildSettings(() => { relocalize(); refreshCurrent(); });
  buildNav();
  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => setLocale(b.dataset.lang));
  $("#copy-curl").addEventListener("click", copyCurl);
  // the skip link focuses the form on show (the URL hash names the operation, so no jump to #forms)
  $("#skip-to-form").addEventListener("click", (ev) => {
    ev.preventDefault();
    forms.get(state.current)?.frame.heading.focus();
  });

  const wanted = new URLSearchParams(location.search).get("lang");
  const hash = decodeURIComponent(location.hash.slice(1));
  const first = entries.find((e) => e.id === hash) ?? entries.find((e) => e.id === "updateTask") ?? entries[0];
  selectTab(first.id);
  setLocale(wanted === "zh-CN" ? "zh-CN" : "en");
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  document.body.dataset.ready = "error";
  document.body.prepend(h("div", { class: "fatal" }, t("fatal", { msg: e && e.message })));
  throw e;
});
