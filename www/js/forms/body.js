// A JSON request body edited two ways that stay in sync: one input per declared field (from
// the metadata's object type, per variant) and the whole body as JSON. Used by Agent API
// operations whose `body` is an object with fields or a set of variants (the 2.0 task update).
import { h, issueBox, pretty } from "../dom.js";
import { t, ta, tx } from "../i18n.js";
import { makeControl } from "../controls.js";
import { editorKind, fieldsObject, getPath, jsonErrorAt, setPath } from "../meta.js";
import { fieldBlock, withMore } from "./frame.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * @param frame the form frame (slots are registered as "body.<path>")
 * @param param the `body` ParamInfo
 * @param example the example body, or for variants { <variant>: body }
 * @param id the operation name (test ids)
 * @param onInput called after every change
 */
export function bodyEditor({ frame, param, example, id, onInput }) {
  const variants = param.type.kind === "variants" ? param.type.variants : null;
  const names = variants ? Object.keys(variants) : [""];
  const seeds = {};
  const bodies = {};
  for (const v of names) {
    const ex = variants ? example?.[v] : example;
    seeds[v] = isObject(ex) ? ex : {};
    bodies[v] = structuredClone(seeds[v]);
  }
  let variant = names[0];
  let jsonError = null;
  let controls = [];      // [{ path (inside the body), control }]
  let slotKeys = [];
  // Fields edited while the JSON does not parse (or is not an object): the edit cannot go into
  // the body without overwriting what the operator typed in the JSON, so it waits, with a note.
  const held = new Set();
  // JSON text that does not parse, per variant, kept while another variant is on show.
  const drafts = {};

  // ---- variant switch and reset
  const switcher = variants
    ? ta(h("div", { class: "segmented", role: "radiogroup", onkeydown: arrowKeys }, names.map((v) => h("button", {
      type: "button", role: "radio", testid: `variant-${id}-${v}`, "data-variant": v,
      onclick: () => { if (variant !== v) switchTo(v); },
    }, v))), "aria-label", "variant")
    : null;

  /** A radiogroup's keys: the arrows choose the next or previous variant and focus it. */
  function arrowKeys(ev) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (!step) return;
    ev.preventDefault();
    const next = names[(names.indexOf(variant) + step + names.length) % names.length];
    switchTo(next);
    switcher.querySelector(`[data-variant="${next}"]`).focus();
  }
  const reset = h("button", { type: "button", class: "btn btn-link", testid: `reset-${id}`, i18n: "resetSeed",
    onclick: () => { bodies[variant] = structuredClone(seeds[variant]); jsonError = null; render(); onInput(); } });

  function switchTo(v) {
    if (jsonError) drafts[variant] = { text: json.value, error: jsonError };
    variant = v;
    const draft = drafts[v];
    delete drafts[v];
    render();
    if (draft) { json.value = draft.text; jsonError = draft.error; }
    onInput();
  }
  const top = h("div", { class: "row-between" },
    switcher ? h("div", { class: "inline" }, h("span", { class: "muted", i18n: "variant" }), switcher) : h("span"), reset);

  // ---- fields
  const fieldsBox = h("div", { class: "body-fields" });

  // ---- the JSON
  const json = h("textarea", { class: "json", rows: 16, testid: `field-${id}-body`, "data-path": "body", spellcheck: "false",
    id: `f-${id}-body`, "aria-describedby": `f-${id}-body-issues` });
  json.addEventListener("input", () => {
    try {
      bodies[variant] = JSON.parse(json.value);
      jsonError = null;
      if (isObject(bodies[variant])) held.clear();
      for (const { path, control } of controls) control.set(isObject(bodies[variant]) ? getPath(bodies[variant], path) : undefined);
    } catch (e) {
      jsonError = { msg: e.message, ...jsonErrorAt(json.value) };
    }
    onInput();
  });
  const jsonBox = issueBox(`issue-${id}-body`, `f-${id}-body-issues`);
  const jsonWrap = h("div", { class: "field wide" },
    h("label", { class: "field-label", for: json.id }, h("strong", { i18n: "jsonBody" }), h("span", { class: "hint", i18n: "jsonHint" })),
    json, jsonBox);
  // only issues about the body as a whole land here; a field's issue without a field goes to the top
  frame.slots.set("body", { box: jsonBox, inputs: () => [json], wrap: jsonWrap, exact: true });

  function fromField(path, control) {
    const body = bodies[variant];
    if (jsonError || !isObject(body)) {
      held.add(`body.${path}`);
      onInput();
      return;
    }
    setPath(body, path, control.get());
    jsonError = null;
    json.value = pretty(body);
    onInput();
  }

  /** The blocks of an object's fields; nested objects become fieldsets. */
  function objectBlocks(type, prefix, body) {
    const main = [];
    const more = [];
    const jsonOnly = [];
    for (const f of type.fields) {
      const path = prefix ? `${prefix}.${f.name}` : f.name;
      const present = getPath(body, path) !== undefined;
      const sub = fieldsObject(f.type);
      let block;
      if (sub) {
        block = h("fieldset", { class: "field wide nested", "data-field": `body.${path}` },
          h("legend", {}, h("code", { class: "wire" }, path), f.required ? h("span", { class: "tag-req", i18n: "required" }) : null),
          f.doc ? h("div", { class: "hint" }, f.doc) : null,
          objectBlocks(sub, path, body));
      } else {
        const kind = editorKind(f.type);
        if (kind === "json" || kind === "json-text") { jsonOnly.push(f.name); continue; }
        const key = `body.${path}`;
        const control = makeControl(f.type, { path: key, testid: `field-${id}-${key}`, required: f.required, onInput: () => fromField(path, control) });
        control.set(getPath(body, path));
        block = fieldBlock(frame, { key, name: f.name, required: f.required, doc: f.doc, control, issueTestid: `issue-${id}-${key}` });
        controls.push({ path, control });
        slotKeys.push(key);
      }
      (f.required || present ? main : more).push(block);
    }
    const note = jsonOnly.length ? tx(h("p", { class: "hint json-only" }), "jsonOnly", { names: jsonOnly.join(", ") }) : null;
    return [withMore(main, more), note];
  }

  function render() {
    held.clear();
    for (const k of slotKeys) frame.slots.delete(k);
    slotKeys = [];
    controls = [];
    const body = bodies[variant];
    const type = variants ? variants[variant] : param.type;
    fieldsBox.replaceChildren(...objectBlocks(type, "", isObject(body) ? body : {}).filter(Boolean));
    json.value = pretty(body);
    for (const b of switcher?.children ?? []) {
      b.setAttribute("aria-checked", String(b.dataset.variant === variant));
      b.tabIndex = b.dataset.variant === variant ? 0 : -1;   // one Tab stop; the arrows move inside
    }
  }

  render();
  return {
    el: h("div", { class: "body-editor" }, top, fieldsBox, jsonWrap),
    value: () => bodies[variant],
    variant: () => (variants ? variant : undefined),
    error: () => jsonError,
    /** Issues for the fields whose edit waits for the JSON to be fixed. */
    held: () => [...held].map((path) => ({ path, code: "fix_json_first", message: t("fixJsonFirst") })),
  };
}
