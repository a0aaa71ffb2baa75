// A batch operation: the client method takes a list of any length and sends it in chunks
// (the metadata's `batch: { param, perRequest }`, e.g. batchVoiceUrls and its recordIds, or
// addNumbers and the rows at "body.data"). The form shows how many requests Send makes,
// previews the first one and lists what came back and what failed.
import { h, pretty } from "../dom.js";
import { countOf, getLocale, t, tx } from "../i18n.js";
import { batchPlan, getPath, setPath } from "../meta.js";
import { operationForm } from "./operation.js";

export function batchForm(ctx, entry, example) {
  const { id, op } = entry;
  const paramName = op.batch.param;
  const max = op.batch.perRequest ?? op.params.find((p) => p.name === paramName)?.type?.maxItems;
  const listOf = (args) => { const v = getPath(args, paramName); return Array.isArray(v) ? v : []; };
  let plan = batchPlan([], max);

  const form = operationForm(ctx, entry, example, {
    desc: () => t("batchDesc", { summary: op.summary ?? "", name: id, param: paramName, max }),
    // The method's own check: any count of items (the per-request maximum of a build is not an
    // issue here, Send splits the list).
    issues: (args) => ctx.AgentApi.validate(id, args, { locale: getLocale() }),
    refreshed: (args) => {
      plan = batchPlan(listOf(args), max);
      const n = listOf(args).length;
      count.textContent = t("batchCount", { n, param: paramName, r: plan.requests, max });
      note.hidden = plan.distinct <= max;
    },
    preview: () => {
      const { args, jsonErrors } = form.values();
      if (jsonErrors.length) throw new Error(jsonErrors[0].message);
      if (plan.requests <= 1) return { request: form.build(args) };
      const first = structuredClone(args);
      setPath(first, paramName, plan.first);
      return {
        request: form.build(first),
        note: t("previewChunk", { name: id, n: plan.distinct, param: paramName, r: plan.requests, max }),
      };
    },
    answer: (data) => batchAnswer(data),
  });

  const count = h("div", { class: "muted small", testid: `batch-count-${id}` });
  const note = tx(h("div", { class: "muted small send-note", testid: `batch-note-${id}`, hidden: true }), () => t("batchSendNote", { max, name: id }));
  // beside the list's own field, or the JSON it is edited in
  const slots = form.frame.slots;
  (slots.get(paramName) ?? slots.get(paramName.split(".")[0]))?.wrap.append(count, note);
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
