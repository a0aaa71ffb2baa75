// Tiny DOM helpers: element creation, issue lists, invalid marks.
import { tx } from "./i18n.js";

/**
 * h("input", { testid, class, i18n, onclick, value, ... }, ...children)
 * `i18n` is a UI string key (the text follows the locale); `on*` attach listeners.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "testid") el.dataset.testid = v;
    else if (k === "i18n") tx(el, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "value") el.value = v;
    else if (k === "checked") el.checked = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

export const pretty = (v) => JSON.stringify(v, null, 2);

/** A live box for the issues of one field. */
export function issueBox(testid) {
  return h("div", { class: "issues", testid, "aria-live": "polite" });
}

/** Fills an issue box: the message and code of each issue, and its path unless `hidePath(path)`. */
export function renderIssueList(box, issues, hidePath = () => false) {
  box.replaceChildren(...issues.map((i) => h("div", { class: "issue", "data-code": i.code, "data-path": i.path },
    i.path && !hidePath(i.path) ? h("code", { class: "issue-path" }, i.path) : null,
    h("span", { class: "issue-msg" }, i.message),
    h("code", { class: "issue-code" }, i.code))));
  box.classList.toggle("has-issues", issues.length > 0);
}

const related = (a, b) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);

/** aria-invalid on every input whose data-path an issue path names (or contains, or lies inside). */
export function markInvalid(inputs, paths) {
  for (const input of inputs) {
    const own = input.dataset.path ?? "";
    if (paths.some((p) => related(p, own))) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}
