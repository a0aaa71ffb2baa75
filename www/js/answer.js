// The answer panel: the parsed answer of Send, or every field of the AicallError.
import { $, h, issueLead } from "./dom.js";
import { t } from "./i18n.js";

/** r: undefined | { status: "pending" | "ok" | "error", data?, error?, ms? } */
export function renderAnswer(form, r, AicallError) {
  const box = $("#result");
  $("#result-meta").textContent = r?.ms !== undefined ? t("ms", { ms: r.ms }) : "";
  if (!r) { box.replaceChildren(h("p", { class: "muted empty", testid: "result-empty" }, t("emptyResult"))); return; }
  if (r.status === "pending") { box.replaceChildren(h("p", { class: "muted", testid: "result-pending" }, h("span", { class: "spinner" }), t("sending"))); return; }
  if (r.status === "ok") {
    box.replaceChildren(h("div", { class: "ok-block", testid: "result-ok" },
      h("div", { class: "ok-head" }, h("span", { class: "ok-dot" }, "✓"), t("ok")), ...form.answer(r.data)));
    return;
  }
  box.replaceChildren(errorBlock(r.error, AicallError));
}

function errorBlock(e, AicallError) {
  const isAicall = e instanceof AicallError;
  // 6007: the Agent API refuses to change a running task; the emulator can stop it
  const running = isAicall && (String(e.apiCode) === "6007" || e.code === "task_running");
  const rows = [
    ["kind", e.kind], ["code", e.code], ["apiCode", e.apiCode], ["requestId", e.requestId], ["status", e.status],
    ["retryable", isAicall ? e.retryable : undefined],
  ].filter(([, v]) => v !== undefined && v !== null && v !== "");
  return h("div", { class: `error-block${running ? " running" : ""}`, testid: "result-error" },
    h("div", { class: "error-head" }, h("span", { class: "err-dot" }, "!"),
      running ? t("taskRunningTitle") : isAicall ? `${t("errorTitle")} · ${e.kind}` : t("notAicallError")),
    h("p", { class: "error-message", testid: "error-message" }, e.message),
    running ? h("p", { class: "error-hint", testid: "error-hint" }, t("taskRunningHint")) : null,
    h("dl", { class: "error-fields" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { testid: `error-${k.toLowerCase()}` }, h("code", {}, String(v)))])),
    e.issues?.length ? h("div", { class: "error-issues", testid: "error-issues" }, h("div", { class: "muted small" }, t("issuesTitle")),
      h("ul", {}, e.issues.map((i) => h("li", {}, issueLead(i), h("span", {}, i.message), " ", h("code", { class: "issue-code" }, i.code))))) : null);
}
