// The request preview (method, URL, headers, query, body: the SDK's own build) and
// "Copy as cURL" with the Bearer token, signatures, STS token and secret redacted.
import { $, h, issueLead, pretty } from "./dom.js";
import { t } from "./i18n.js";
import { secrets } from "./settings.js";

let current = null;       // the request on show
let curlShown = false;
let curlStatus = "";

/** Renders the preview of `form`; a build that throws shows why instead. */
export function renderPreview(form, AicallError) {
  const box = $("#preview");
  current = null;
  let p;
  try {
    p = form.preview();
  } catch (e) {
    if (e instanceof AicallError && e.kind === "validation") {
      const n = e.issues?.length ?? 0;
      box.replaceChildren(h("div", { class: "blocked", testid: "preview-blocked" },
        t("previewBlocked", { fn: form.fnName, kind: e.kind, code: e.code, n: n === 1 ? t("issues1") : t("issuesN", { n }) })),
      n ? h("ul", { class: "blocked-list" }, e.issues.map((i) => h("li", {}, issueLead(i), i.message))) : null);
    } else {
      box.replaceChildren(h("div", { class: "blocked", testid: "preview-blocked" }, e instanceof Error ? e.message : String(e)));
    }
    renderCurl();
    return;
  }
  const req = p.request;
  current = req;
  const url = new URL(req.url);
  const headerRows = Object.entries(req.headers).map(([k, v]) => {
    const shown = /^authorization$/i.test(k) && /^Bearer /i.test(v) ? `Bearer *** ${t("tokenHidden")}` : /^x-acs-security-token$/i.test(k) ? "***" : v;
    return h("tr", {}, h("th", {}, k), h("td", {}, h("code", {}, shown)));
  });
  const queryRows = [...url.searchParams].map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, h("code", {}, /^SecurityToken$/.test(k) ? "***" : v))));
  box.replaceChildren(...[
    p.note ? h("div", { class: "info", testid: "preview-note" }, p.note) : null,
    h("div", { class: "req-line" }, h("span", { class: `method m-${req.method.toLowerCase()}`, testid: "preview-method" }, req.method),
      h("code", { class: "url", testid: "preview-url" }, redactUrl(req.url))),
    h("h4", {}, t("headers")), h("table", { class: "kv", testid: "preview-headers" }, h("tbody", {}, headerRows)),
    queryRows.length ? h("details", { class: "query", open: queryRows.length <= 24 },
      h("summary", {}, h("h4", {}, `${t("query")} · ${queryRows.length}`)),
      h("table", { class: "kv", testid: "preview-query" }, h("tbody", {}, queryRows))) : null,
    req.body !== undefined ? [h("h4", {}, t("body")), h("pre", { class: "code", testid: "preview-body" }, prettyBody(req.body))] : null,
    p.params ? h("details", { class: "raw" }, h("summary", {}, t("params")), h("pre", { class: "code" }, pretty(p.params))) : null,
  ].flat().filter(Boolean));
  renderCurl();
}

function prettyBody(body) {
  try { return pretty(JSON.parse(body)); } catch { return body; }
}

const redactUrl = (u) => u.replace(/([?&]SecurityToken=)[^&]*/g, "$1***");

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** cURL text with the Bearer token, the signatures and the STS token replaced by ***; the AccessKeySecret is never part of a request. */
export function curlText(req, hidden = secrets()) {
  const redact = (s) => hidden.reduce((acc, sec) => acc.split(sec).join("***"), s);
  const url = redactUrl(req.url).replace(/([?&]Signature=)[^&]*/g, "$1***");
  const isAiccs = Object.keys(req.headers).some((k) => /^x-acs-/i.test(k)) || /[?&]Signature=/.test(req.url);
  const lines = [`curl -X ${req.method} ${shq(url)}`];
  for (const [k, v] of Object.entries(req.headers)) {
    let value = v;
    if (/^authorization$/i.test(k)) value = /^Bearer /i.test(v) ? "Bearer ***" : v.replace(/Signature=[^,\s]*/g, "Signature=***");
    if (/^x-acs-security-token$/i.test(k)) value = "***";
    lines.push(`  -H ${shq(`${k}: ${value}`)}`);
  }
  if (req.body !== undefined) lines.push(`  --data-raw ${shq(req.body)}`);
  return redact(`# ${t(isAiccs ? "curlAiccsNote" : "curlAgentNote")}\n${lines.join(" \\\n")}`);
}

export function hideCurl() {
  curlShown = false;
}

export function renderCurl() {
  $("#curl-box").hidden = !curlShown;
  if (!curlShown) return;
  $("#curl").textContent = current ? curlText(current) : t("previewNone");
  $("#curl-status").textContent = curlStatus ? t(curlStatus) : "";
}

export async function copyCurl() {
  curlShown = true;
  curlStatus = "";
  renderCurl();
  if (!current) return;
  const text = curlText(current);
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    curlStatus = "curlCopied";
  } catch {
    curlStatus = "curlNoClipboard";
  }
  renderCurl();
}
