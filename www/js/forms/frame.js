// The frame every form kind shares: the card, its status, the issue slots beside the fields,
// the list of issues that have no field of their own and the connection settings' issues.
import { $, h, issueBox, markInvalid, renderIssueList } from "../dom.js";
import { t, tx } from "../i18n.js";
import { findSlot } from "../meta.js";
import { focusSetting } from "../settings.js";

/** A form card in #forms: { id, el, body, actions, status, slots, ... }. */
export function createFrame({ id, title, desc }) {
  const status = h("span", { class: "form-status", testid: `status-${id}` });
  const topList = h("div", { class: "issues top-issues", testid: `form-issues-${id}` });
  const topWrap = h("div", { class: "top-issues-wrap", hidden: true }, h("div", { class: "top-issues-title", i18n: "otherIssues" }), topList);
  // issues of the connection settings this form's client is made from: they show beside the
  // settings too; here they are said with the way there
  const setList = h("div", { class: "issues top-issues", testid: `settings-issues-${id}` });
  let setFirst = null;
  const setLink = h("button", { type: "button", class: "btn btn-link", testid: `go-settings-${id}`, i18n: "goToSettings",
    onclick: () => setFirst && focusSetting(setFirst.setting, setFirst.group) });
  const setWrap = h("div", { class: "top-issues-wrap", hidden: true },
    h("div", { class: "top-issues-title", i18n: "settingsTitle" }), setList, setLink);
  const descEl = tx(h("p", { class: "form-desc" }), desc);
  const body = h("div", { class: "form-body" });
  const actions = h("div", { class: "form-actions" });
  // the heading takes focus when the form is chosen from the menu (tabindex -1: not a Tab stop)
  const heading = h("h2", { id: `form-${id}-title`, tabindex: "-1" }, title);
  const el = h("section", { class: "card form", id: `form-${id}`, testid: `form-${id}`, "aria-labelledby": heading.id, hidden: true },
    h("div", { class: "card-head" }, heading, status),
    descEl, actions, setWrap, topWrap, body);
  $("#forms").append(el);
  const showSettings = (issues) => {
    setFirst = issues[0] ?? null;
    renderIssueList(setList, issues);
    setWrap.hidden = issues.length === 0;
  };
  return { id, el, heading, body, actions, status, topList, topWrap, showSettings, slots: new Map(), navBadge: null };
}

/**
 * A labelled field: name, tags, the control, the parameter doc, the issue box. Registers the
 * issue slot `key` (issues whose path is `key` or lies inside it show here).
 */
export function fieldBlock(frame, { key, name, tags = [], required, doc, control, issueTestid }) {
  const base = `f-${issueTestid.replace(/[^\w-]/g, "_")}`;
  const box = issueBox(issueTestid, `${base}-issues`);
  // an input is named by the visible label; a group of inputs (chips, rows) by aria-labelledby
  const first = control.group ? null : control.inputs()[0];
  if (first && !first.id) first.id = base;
  const label = h("label", { class: "field-label", id: `${base}-label`, for: first?.id },
    h("code", { class: "wire" }, name),
    required ? h("span", { class: "tag-req", i18n: "required" }) : null,
    tags.map((x) => (x instanceof Node ? x : h("span", { class: "tag-in" }, x))));
  if (control.group) control.el.setAttribute("aria-labelledby", label.id);
  const help = h("div", { class: "hint", id: `${base}-hint` },
    key !== name ? h("span", { class: "sr-only" }, `${key}. `) : null,   // the path the issues name
    doc || null, control.hint ? tx(h("span", { class: "hint-extra" }), control.hint) : null);
  const wrap = h("div", { class: `field${control.wide ? " wide" : ""}`, "data-field": key }, label, control.el, help, box);
  frame.slots.set(key, { box, inputs: control.inputs, wrap, describedBy: `${help.id} ${box.id}` });
  return wrap;
}

/**
 * Puts each issue beside its field (longest slot that is its path or a prefix of it; `exact`
 * slots take only their own path) and the rest at the top. `normalize` maps an SDK issue path
 * to the form's slot space (the Agent API body's paths are relative to the body).
 * `settingIssues` (from the settings' `issues(api)`) have a field in the settings panel.
 */
export function showIssues(frame, issues, normalize = (p) => p, settingIssues = []) {
  const bySlot = new Map();
  const rest = [];
  for (const issue of issues) {
    const p = normalize(issue.path ?? "");
    const key = findSlot(p, (k, exact) => frame.slots.has(k) && (exact || !frame.slots.get(k).exact));
    if (key) {
      if (!bySlot.has(key)) bySlot.set(key, []);
      bySlot.get(key).push(issue);
    } else rest.push(issue);
  }
  for (const [key, slot] of frame.slots) {
    const list = bySlot.get(key) ?? [];
    renderIssueList(slot.box, list, (path) => normalize(path) === key);
    const inputs = slot.inputs();
    markInvalid(inputs, list.map((i) => normalize(i.path ?? "")));
    // rows make their inputs anew: each gets the description of its field
    if (slot.describedBy) for (const input of inputs) input.setAttribute("aria-describedby", slot.describedBy);
    if (list.length) {
      // an issue inside a folded "more fields" block opens it
      for (let d = slot.wrap?.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
    }
  }
  renderIssueList(frame.topList, rest);
  frame.topWrap.hidden = rest.length === 0;
  frame.showSettings(settingIssues);
  const n = issues.length + settingIssues.length;
  frame.status.textContent = n === 0 ? t("valid") : n === 1 ? t("issues1") : t("issuesN", { n });
  frame.status.classList.toggle("bad", n > 0);
  if (frame.navBadge) {
    frame.navBadge.textContent = n === 0 ? "✓" : String(n);
    frame.navBadge.classList.toggle("bad", n > 0);
  }
}

/** Splits blocks into the main grid and a folded "n more optional fields" block. */
export function withMore(mainBlocks, moreBlocks) {
  const grid = h("div", { class: "grid" }, mainBlocks);
  if (moreBlocks.length === 0) return grid;
  const summary = tx(h("summary", {}), "moreFields", { n: moreBlocks.length });
  return h("div", {}, grid, h("details", { class: "more" }, summary, h("div", { class: "grid" }, moreBlocks)));
}
