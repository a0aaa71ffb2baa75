#!/usr/bin/env python3
"""Writes src/aiccs/generated.rs: the declarations of the aiccs 2019-10-15 operations that
the seed documents do not cover (159 of 179), in the same `Op` table form as the 20
hand-written ones in src/aiccs/ops.rs.

Sources: the wire spec (../shared/spec/aiccs-2019-10-15.wire.json: method, parameter
names, placement, style, requiredness) and the official Python SDK's request models
(alibabacloud_aiccs20191015 5.4.3, installed by tests/diff/setup.sh: nested model fields,
their wire names, requiredness and doc comments). Run with the venv's python:

    .tools/pyenv/bin/python scripts/gen_aiccs_ops.py [--check]

The output is committed; `make test-diff` runs `--check` (it fails when the file is stale). What the SDK gives is all these operations get: types,
requiredness, nested shapes. The models state no enums or limits (only prose), so none are
invented here; an operation that needs a documented rule is moved to ops.rs by hand.
Whether an operation only reads is decided here, at generation time, from the name's
leading verb (READ_VERBS, plus the READ_OPS exceptions; reviewed against the list of all
179 names), and written into each declaration (`idempotent`), never guessed at run time."""
import importlib, inspect, json, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
spec = json.load(open(root.parent / "shared/spec/aiccs-2019-10-15.wire.json"))
models = importlib.import_module("alibabacloud_aiccs20191015.models")

# Operations whose name starts with one of these verbs only read (retried after a timeout,
# a 5xx or a network error); every other one is a write (retried after throttling only).
READ_VERBS = ("Get", "List", "Query", "Describe", "PageQuery")
READ_OPS = {"HotlineSessionQuery"}

# Paged reads: the page parameters and where the answer keeps items, total and page
# (checked against each response model by hand; the file says how).
PAGING = json.load(open(root / "scripts/aiccs_paging.json"))

# The documented operations (ops.rs `DOCUMENTED`, the seed's 20 and any moved there to get
# rules) are written by hand and skipped here.
hand_written = set(re.findall(r'^\s*name: "(\w+)",', (root / "src/aiccs/ops.rs").read_text(), re.M))
assert len(hand_written) >= 20 and hand_written <= set(spec["operations"]), sorted(hand_written)


def const_name(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


def summary(action):
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z0-9]*", action)
    text = " ".join([words[0]] + [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]])
    return text + "."


def rust_str(text):
    return json.dumps(text, ensure_ascii=False)


def comments(cls):
    """attribute → first sentence of the comment above `self.attr = attr`, and the set of
    attributes marked "This parameter is required."."""
    src = inspect.getsource(cls.__init__)
    docs, required, block = {}, set(), []
    for line in src.splitlines():
        s = line.strip()
        if s.startswith("#"):
            block.append(s.lstrip("#").strip())
            continue
        m = re.match(r"self\.(\w+) = \1$", s)
        if m:
            text = " ".join(x for x in block if x and "This parameter is required" not in x)
            if any("This parameter is required" in x for x in block):
                required.add(m.group(1))
            first = re.split(r"(?<=[.。])\s", text, maxsplit=1)[0].strip()
            docs[m.group(1)] = first.replace("*/", "* /")[:200]
        block = []
    return docs, required


def wire_names(cls):
    """attribute → wire name, from to_map: `result['Name'] = self.attr…` on one line, or
    `result['Name'] = []` followed by the loop over `self.attr`."""
    src = inspect.getsource(cls.to_map)
    out, pending = {}, None
    for line in src.splitlines():
        m = re.search(r"result\['(\w+)'\]\s*=\s*(.*)", line)
        if m:
            a = re.search(r"self\.(\w+)", m.group(2))
            if a:
                out.setdefault(a.group(1), m.group(1))
            elif m.group(2).strip() in ("[]", "{}"):
                pending = m.group(1)
            continue
        a = re.search(r"self\.(\w+)", line)
        if a and pending:
            out.setdefault(a.group(1), pending)
            pending = None
    return out


def fields(cls):
    """(wire name, python annotation, required, doc) of each field of a model."""
    docs, required = comments(cls)
    names = wire_names(cls)
    sig = inspect.signature(cls.__init__)
    out = []
    for attr, p in sig.parameters.items():
        if attr == "self":
            continue
        out.append((names.get(attr, attr), str(p.annotation), attr in required, docs.get(attr, "")))
    return out


nested = {}  # const name → Rust expression, in dependency order


def model_ty(class_name):
    const = const_name(class_name)
    if const not in nested:
        nested[const] = None  # a placeholder while its own fields are generated
        cls = getattr(models, class_name)
        items = []
        # In the model's declaration order: the order the SDK writes them in JSON.
        for name, ann, req, doc in fields(cls):
            fn = "req" if req else "f"
            items.append(f"        {fn}({rust_str(name)}, &{ty(ann)}, {rust_str(doc)}),")
        nested.pop(const)
        nested[const] = "Ty::Obj(&[\n" + "\n".join(items) + "\n    ])"
    return const


def ty(ann):
    ann = ann.replace("main_models.", "").replace("typing.", "")
    simple = {"str": "STR", "int": "I64", "bool": "BOOL", "float": "FLOAT",
              "Dict[str, Any]": "MAP", "Dict[str, str]": "MAP"}
    if ann in simple:
        return simple[ann]
    m = re.fullmatch(r"List\[(.+)\]", ann)
    if m:
        inner = m.group(1)
        known = {"int": "ID_LIST", "str": "STR_LIST"}
        if inner in known:
            return known[inner]
        return f"Ty::List(&List {{ item: {ty(inner)}, min: 0, max: None, unique: false }})"
    if re.fullmatch(r"\w+", ann) and hasattr(models, ann):
        return model_ty(ann)
    sys.exit(f"unknown type {ann}")


STYLE = {None: "p", "json": "json", "simple": "simple", "repeatList(flat: X.1, X.1.Key)": "flat"}


def op_decl(action, op):
    req_cls = getattr(models, action + "Request")
    docs = {n: d for n, _, _, d in fields(req_cls)}
    params = []
    paging = PAGING.get(action)
    # A paged read's page number and size count from 1 (page 0 would be read twice).
    counted = {paging["page"], paging["size"]} if paging else set()
    for prm in sorted(op["params"], key=lambda x: x["name"]):
        t = "PAGE" if prm["name"] in counted and prm["pyType"] == "int" else ty(prm["pyType"])
        expr = f'{STYLE[prm["style"]]}({rust_str(prm["name"])}, &{t}, {rust_str(docs.get(prm["name"], ""))})'
        if prm["required"]:
            expr = f"required({expr})"
        if prm["in"] == "body":
            expr = f"in_body({expr})"
        params.append(f"            {expr},")
    reads = action.startswith(READ_VERBS) or action in READ_OPS
    if paging:
        names = {p["name"] for p in op["params"]}
        assert paging["page"] in names and paging["size"] in names, action
    paging_expr = "None"
    if paging:
        paging_expr = (f'Some(&Paging {{ page: "{paging["page"]}", size: "{paging["size"]}", data: "{paging["data"]}", '
                       f'items: "{paging["items"]}", total: "{paging["total"]}", current: "{paging["current"]}" }})')
    return "\n".join([
        "    Op {",
        f'        name: "{action}",',
        f'        http_method: "{op["method"]}",',
        f"        response: doc(responses::{const_name(action)}),",
        "        rule: None,",
        '        rules: doc(""),',
        f"        idempotent: {'true' if reads else 'false'},",
        f"        paging: {paging_expr},",
        f"        summary: doc({rust_str(summary(action))}),",
        "        params: &[",
        *params,
        "        ],",
        "    },",
    ])


ops = [op_decl(a, o) for a, o in sorted(spec["operations"].items()) if a not in hand_written]
out = [
    "//! The aiccs 2019-10-15 operations beyond the twenty the seed documents, as the official",
    "//! SDK declares them. Generated by `scripts/gen_aiccs_ops.py` from the wire spec and the",
    "//! SDK's request models; do not edit by hand (move an operation to ops.rs to add rules).",
    "",
    "#![cfg_attr(rustfmt, rustfmt_skip)]",
    "use super::ops::*;",
    "use super::responses;",
    "#[allow(unused_imports)]",
    "use crate::schema::{doc, f, req, List, Ty};",
    "",
]
for const, expr in nested.items():
    out.append(f"const {const}: Ty = {expr};")
out.append("")
out.append(f"pub const GENERATED: &[Op] = &[")
out.extend(ops)
out.append("];")
text = "\n".join(out) + "\n"
target = root / "src/aiccs/generated.rs"
if "--check" in sys.argv:
    if target.read_text() != text:
        sys.exit("src/aiccs/generated.rs is stale: run .tools/pyenv/bin/python scripts/gen_aiccs_ops.py")
    print(f"src/aiccs/generated.rs is up to date: {len(ops)} operations", file=sys.stderr)
else:
    target.write_text(text)
    print(f"wrote src/aiccs/generated.rs: {len(ops)} operations, {len(nested)} nested models", file=sys.stderr)
