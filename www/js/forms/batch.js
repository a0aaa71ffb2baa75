// A batch operation: the client method takes a list of any length and sends it in chunks
// (the metadata's `batch: { param, perRequest }`, e.g. batchVoiceUrls and its recordIds).
// The form shows how many requests Send makes, previews the first one and lists what came
// back and what failed.
import { h, pretty } from "../dom.js";
import { countOf, t, tx } from "../i18n.js";
import { batchPlan } from "../meta.js";
import { operationForm } from "./operation.js";

export function batchForm(ctx, entry, example) {
  const { id, op } = entry;
  const paramName = op.batch.param;
  const param = op.params.find((p) => p.name === paramName);
  const max = op.batch.perRequest ?? param.type?.maxItems;
  let plan = batchPlan([], max);

  const form = operationForm(ctx, entry, example, {
    desc: () => t("batchDesc", { summary: op.summary ?? "", name: id, param: paramName, max }),
    refreshed: (args) => {
      plan = batchPlan(Array.isArray(args[paramName]) ? args[paramName] : [], max);
      const n = Array.isArray(args[paramName]) ? args[paramName].length : 0;
      count.textContent = t("batchCount", { n, param: paramName, r: plan.requests, max });
      note.hidden = plan.distinct <= max;
    },
    preview: () => {
      const { args, jsonErrors } = form.values();
      if (jsonErrors.length) throw new Error(jsonErrors[0].message);
      if (plan.requests <= 1) return { request: form.build(args) };
      return {
        request: form.build({ ...args, [paramName]: plan.first }),
        note: t("previewChunk", { name: id, n: plan.distinct, param: paramName, r: plan.requests, max }),
      };
    },
    answer: (data) => batchAnswer(data),
  });

  const count = h("div", { class: "muted small", testid: `batch-count-${id}` });
  const note = tx(h("div", { class: "muted small send-note", testid: `batch-note-${id}`, hidden: true }), () => t("batchSendNote", { max, name: id }));
  form.frame.slots.get(paramName)?.wrap.append(count, note);
  return form;
}

/** { urls: [...], failed: [{ ..., error }] }: a count per list, then each list as a table. */
function batchAnswer(data) {
  if (!data || typeof data !== "object") return [h("pre", { class: "code", testid: "result-json" }, pretty(data))];
  const lists = Object.entries(data).filter(([, v]) => Array.isArray(v));
  const summary = h("p", { class: "ok-line", testid: "result-summary" }, lists.map(([k, v]) => countOf(k, v.length)).join(t("listSep")));
  const tables = lists.flatMap(([k, items]) => [
    h("h4", {}, k),
    h("table", { class: "kv", testid: `result-${k}` }, h("tbody", {}, items.length
      ? items.map((item) => h("tr", {}, cells(item)))
      : h("tr", {}, h("td", { class: "muted" }, t("none"))))),
  ]);
  const plain = JSON.parse(JSON.stringify(data, (k, v) => (v && typeof v === "object" && typeof v.toJSON === "function" ? v.toJSON() : v)));
  return [summary, ...tables, h("details", { class: "raw" }, h("summary", {}, "JSON"), h("pre", { class: "code", testid: "result-json" }, pretty(plain)))];
}

function cells(item) {
  if (!item || typeof item !== "object") return [h("td", {}, h("code", {}, String(item)))];
  return Object.entries(item).map(([, v]) => {
    if (v && typeof v === "object" && "kind" in v && "code" in v) {
      return h("td", {}, h("span", { class: "tag" }, String(v.apiCode ?? v.code)), " ", v.message);
    }
    if (typeof v === "string" && /^https?:\/\//.test(v)) return h("td", {}, h("a", { href: v, target: "_blank", rel: "noopener" }, shortUrl(v)));
    return h("td", {}, h("code", {}, typeof v === "object" ? JSON.stringify(v) : String(v)));
  });
}

function shortUrl(u) {
  try {
    const x = new URL(u);
    const q = x.search.length > 24 ? `${x.search.slice(0, 24)}…` : x.search;
    return `${x.pathname}${q}`;
  } catch {
    return u;
  }
}
