// One input control per value type of the metadata (TypeInfo). A control edits the value at
// one path: { el, get(), set(value), inputs(), error(), wide }. Inputs carry data-path for marks.
import { h, pretty } from "./dom.js";
import { ta, tx } from "./i18n.js";
import { choices, editorKind, flatObject, fromText, isScalar, jsonErrorAt, keepsSpaces, listItems, toText } from "./meta.js";

/**
 * @param type TypeInfo from the operation metadata
 * @param o { path, testid, onInput, required?, label? (aria-label, only for an input without a visible label) }
 */
export function makeControl(type, o) {
  switch (editorKind(type)) {
    case "text": return textControl(type, o);
    case "number": return numberControl(type, o);
    case "enum": case "boolean": case "flag": return selectControl(type, o);
    case "list": return listControl(type, o);
    case "chips": return chipsControl(type, o);
    case "rows": return rowsControl(type, o);
    case "json-text": return jsonControl(type, o, true);
    default: return jsonControl(type, o, false);
  }
}

const common = (o) => ({ "data-path": o.path, testid: o.testid, autocomplete: "off", spellcheck: "false",
  "aria-label": o.label, "aria-required": o.required ? "true" : null });

function textControl(type, o) {
  const input = h("input", { type: "text", ...common(o), placeholder: type.example ?? exampleOf(type), oninput: o.onInput });
  const keepSpaces = keepsSpaces(o.path);
  return {
    el: input,
    get: () => fromText(type, input.value, { keepSpaces }),
    set: (v) => { input.value = toText(v); },
    inputs: () => [input],
    error: () => null,
  };
}

function exampleOf(type) {
  if (type.kind === "either") return type.of.map(exampleOf).find(Boolean) ?? "";
  return type.example ?? "";
}

// A text input, not type=number: Chromium's number input drops what it cannot read ("4 0" became
// 40, "1,000" became 1000, without a word), so what the operator typed is what the SDK checks
// and names. The keypad still shows digits (inputmode).
function numberControl(type, o) {
  const input = h("input", { type: "text", inputmode: "numeric", ...common(o), oninput: o.onInput });
  return {
    el: input,
    get: () => fromText(type, input.value),
    set: (v) => { input.value = toText(v); },
    inputs: () => [input],
    error: () => null,
  };
}

function selectControl(type, o) {
  const opts = choices(type);
  const extras = [];
  const select = h("select", { ...common(o), onchange: o.onInput },
    tx(h("option", { value: "" }), "notSet"),
    opts.map((c, i) => h("option", { value: `o${i}` }, c.label)));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return {
    el: select,
    get: () => {
      const v = select.value;
      if (v === "") return undefined;
      return v.startsWith("o") ? opts[Number(v.slice(1))].value : extras[Number(v.slice(1))];
    },
    set: (v) => {
      if (v === undefined) { select.value = ""; return; }
      const i = opts.findIndex((c) => same(c.value, v));
      if (i >= 0) { select.value = `o${i}`; return; }
      let j = extras.findIndex((x) => same(x, v));
      if (j < 0) {
        j = extras.push(v) - 1;
        select.append(h("option", { value: `x${j}`, "data-extra": "1" }, toText(v)));
      }
      select.value = `x${j}`;
    },
    inputs: () => [select],
    error: () => null,
  };
}

function listControl(type, o) {
  const area = h("textarea", { class: "json", rows: 5, ...common(o), oninput: o.onInput });
  return {
    el: area,
    wide: true,
    hint: "listHint",
    get: () => {
      const items = listItems(type.items, area.value);
      return items.length ? items : undefined;
    },
    set: (v) => { area.value = Array.isArray(v) ? v.map(toText).join("\n") : toText(v); },
    inputs: () => [area],
    error: () => null,
  };
}

function chipsControl(type, o) {
  const box = h("div", { class: "chips", "data-path": o.path, testid: o.testid, role: "group", "aria-label": o.label });
  const values = [];
  const add = (v) => {
    values.push(v);
    const cb = h("input", { type: "checkbox", testid: `${o.testid}-${v}`, onchange: o.onInput });
    cb.dataset.index = String(values.length - 1);
    box.append(h("label", { class: "chip", title: String(v) }, cb, h("span", {}, String(v))));
  };
  for (const v of type.items.values) add(v);
  const boxes = () => [...box.querySelectorAll("input[type=checkbox]")];
  return {
    el: box,
    wide: true,
    group: true,
    get: () => {
      const picked = boxes().filter((c) => c.checked).map((c) => values[Number(c.dataset.index)]);
      return picked.length ? picked : undefined;
    },
    set: (v) => {
      const list = Array.isArray(v) ? v : [];
      for (const x of list) if (!values.includes(x)) add(x);
      for (const c of boxes()) c.checked = list.includes(values[Number(c.dataset.index)]);
    },
    inputs: () => [box],
    error: () => null,
  };
}

function rowsControl(type, o) {
  const obj = flatObject(type.items);
  const scalarItem = type.items.kind === "either" ? type.items.of.find(isScalar) : null;
  const fields = obj.fields;
  const cols = `30px repeat(${fields.length}, minmax(0, 1fr)) 32px`;
  const head = h("div", { class: "rows-head", style: `grid-template-columns: ${cols}` },
    h("span", {}), fields.map((f) => h("code", { title: f.doc ?? "" }, f.name, f.required ? h("span", { class: "req" }, "*") : null)), h("span", {}));
  const body = h("div", { class: "rows-body" });
  let rows = [];
  const changed = () => o.onInput?.();

  const rowValue = (row) => {
    if (row.scalar && row.controls.slice(1).every((c) => c.get() === undefined)) return row.controls[0].get();
    const out = {};
    row.controls.forEach((c, k) => { const v = c.get(); if (v !== undefined) out[fields[k].name] = v; });
    return out;
  };
  const get = () => rows.map(rowValue);
  const set = (v) => {
    const items = Array.isArray(v) ? v : [];
    rows = items.map((item, i) => {
      const isObj = item !== null && typeof item === "object" && !Array.isArray(item);
      const controls = fields.map((f) => makeControl(f.type, {
        // a cell has no label of its own: the column head and the row index name it
        path: `${o.path}[${i}].${f.name}`, testid: `${o.testid}-${i}-${f.name}`, onInput: changed, label: `${f.name} [${i}]`, required: f.required,
      }));
      controls.forEach((c, k) => c.set(isObj ? item[fields[k].name] : k === 0 ? item : undefined));
      const remove = h("button", { type: "button", class: "btn btn-small btn-ghost", testid: `remove-${o.testid.replace(/^field-/, "")}-${i}`,
        onclick: () => { const cur = get(); cur.splice(i, 1); set(cur); changed(); } }, "✕");
      ta(ta(remove, "aria-label", "removeItem", { item: `${o.path}[${i}]` }), "title", "remove");
      const el = h("div", { class: "row-inputs", "data-index": i, style: `grid-template-columns: ${cols}` },
        h("span", { class: "row-index" }, `[${i}]`), controls.map((c) => c.el), remove);
      return { el, controls, scalar: !isObj && scalarItem !== null && item !== undefined };
    });
    body.replaceChildren(...rows.map((r) => r.el));
    head.hidden = rows.length === 0;
  };
  const addBtn = h("button", { type: "button", class: "btn btn-small", testid: `add-${o.testid.replace(/^field-/, "")}`, onclick: () => {
    const cur = get();
    cur.push({});
    set(cur);
    rows.at(-1)?.controls[0]?.inputs()[0]?.focus();
    changed();
  } });
  tx(addBtn, "addRow");
  const el = h("div", { class: "rows", testid: o.testid, role: "group" }, head, body, addBtn);
  return {
    el,
    wide: true,
    group: true,
    get,
    set,
    inputs: () => rows.flatMap((r) => r.controls.flatMap((c) => c.inputs())),
    error: () => null,
  };
}

function jsonControl(type, o, asText) {
  const area = h("textarea", { class: "json", rows: 6, ...common(o), oninput: o.onInput });
  let err = null;
  return {
    el: area,
    wide: true,
    get: () => {
      err = null;
      if (area.value.trim() === "") return undefined;
      if (asText) return area.value;   // json-text: the SDK checks the text itself
      try { return JSON.parse(area.value); } catch (e) { err = { msg: e.message, ...jsonErrorAt(area.value) }; return undefined; }
    },
    set: (v) => {
      err = null;
      area.value = v === undefined ? "" : asText && typeof v === "string" ? v : pretty(v);
      area.rows = Math.min(14, Math.max(4, area.value.split("\n").length + 1));
    },
    inputs: () => [area],
    error: () => err,
  };
}
