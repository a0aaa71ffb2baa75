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

/** A live box for the issues of one field; `id` for the input's aria-describedby. */
export function issueBox(testid, id) {
  return h("div", { class: "issues", testid, id, "aria-live": "polite" });
}

// What each box shows now: a box is filled again only when its issues changed, so a keystroke
// in one field does not make screen readers announce every other field's standing issues.
const shown = new WeakMap();

/** The path to show before an issue's message: none when the message already starts with it. */
export const pathToShow = (issue) => (issue.path && !String(issue.message ?? "").startsWith(issue.path) ? issue.path : "");

/** What goes before an issue's message in a plain list: "(body)" for the whole body, else its path unless the message starts with it. */
export function issueLead(issue) {
  if (!issue.path) return [h("code", {}, "(body)"), " "];
  return pathToShow(issue) ? [h("code", {}, issue.path), " "] : null;
}

/** Fills an issue box: the message and code of each issue, and its path unless `hidePath(path)`. */
export function renderIssueList(box, issues, hidePath = () => false) {
  const key = JSON.stringify(issues.map((i) => [i.path, i.code, i.message, hidePath(i.path)]));
  if (shown.get(box) === key) return;
  shown.set(box, key);
  box.replaceChildren(...issues.map((i) => h("div", { class: "issue", "data-code": i.code, "data-path": i.path },
    pathToShow(i) && !hidePath(i.path) ? h("code", { class: "issue-path" }, i.path) : null,
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
