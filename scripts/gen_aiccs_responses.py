#!/usr/bin/env python3
"""Writes src/aiccs/responses.rs: the TypeScript shape of every aiccs 2019-10-15 response,
one constant per operation of ../shared/spec/aiccs-2019-10-15.wire.json (179).

- The 20 operations of ../shared/spec/aiccs-2019-10-15.seed.json keep the shapes of the
  seed's documented response schemas (int64 ids become `number | string`), with the fields
  the SDK's model adds after the seed's own (see `merged`).
- Every other operation gets the shape of its `<Action>ResponseBody` model in the official
  Python SDK (alibabacloud_aiccs20191015, under .tools/pyenv; `bash tests/diff/setup.sh`
  installs it). The model files are PARSED (with `ast` and `tokenize`), never imported, so
  any python3 runs this script: the wire keys are the `to_map` keys, the types the
  `__init__` annotations, the doc line the first sentence of the comment above each
  `self.x = x`.

Also the model reader for scripts/gen_aiccs_samples.py (which imports this file).
Run by hand when the spec or the SDK changes; the output is committed. Deterministic.

    python3 scripts/gen_aiccs_responses.py [SEED_JSON [WIRE_JSON [MODELS_DIR]]]
"""
import ast, glob, io, json, re, sys, tokenize, pathlib

root = pathlib.Path(__file__).resolve().parent.parent

def default_paths():
    models = sorted(glob.glob(str(root / ".tools/pyenv/lib/python3*/site-packages/alibabacloud_aiccs20191015/models")))
    return (root.parent / "shared/spec/aiccs-2019-10-15.seed.json",
            root.parent / "shared/spec/aiccs-2019-10-15.wire.json",
            pathlib.Path(models[-1]) if models else None)

def const_name(action):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).upper()

# ---- the Python SDK's response models, parsed -----------------------------------------

def doc_line(comment_lines):
    """The first sentence of a model comment, on one line, safe inside `/** */` and r#"…"#."""
    parts = []
    for line in comment_lines:
        s = line.strip()
        if not s:
            if parts:
                break
            continue
        if parts and re.match(r"^([-*>|]|\d+[.)]\s|<)", s):
            break
        parts.append(s)
    text = " ".join(parts)
    m = re.search(r"[.!?](?=\s|$)|[。！？]", text)
    if m:
        text = text[: m.end()]
    text = text.replace("**", "").replace("*/", "* /").replace('"#', '" #').strip()
    text = re.sub(r"\s+", " ", text)
    return text

class Field:
    def __init__(self, attr, key, ann, doc):
        self.attr, self.key, self.ann, self.doc = attr, key, ann, doc

def _comments(src):
    out = {}
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            out[tok.start[0]] = tok.string[1:].strip() if tok.string.startswith("#") else tok.string
    return out

def _self_attrs(node):
    return sorted({n.attr for n in ast.walk(node)
                   if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"})

def _result_keys(node):
    return sorted({n.slice.value for n in ast.walk(node)
                   if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "result"
                   and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str)})

def load_models(models_dir):
    """{ClassName: [Field]} for every class of every *response_body.py file, fields in
    to_map order."""
    classes = {}
    for path in sorted(pathlib.Path(models_dir).glob("*response_body.py")):
        src = path.read_text(encoding="utf-8")
        comments = _comments(src)
        lines = src.split("\n")
        for cls in ast.parse(src).body:
            if not isinstance(cls, ast.ClassDef):
                continue
            fns = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
            init, to_map = fns["__init__"], fns["to_map"]
            anns = {a.arg: ast.unparse(a.annotation) for a in init.args.args[1:]}
            docs = {}
            for st in init.body:
                if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Attribute):
                    block, ln = [], st.lineno - 1
                    while ln >= 1 and ln in comments and lines[ln - 1].strip().startswith("#"):
                        block.insert(0, comments[ln])
                        ln -= 1
                    docs[st.targets[0].attr] = doc_line(block)
            fields, pending = [], None
            for st in to_map.body:
                keys, attrs = _result_keys(st), [a for a in _self_attrs(st) if a in anns]
                if len(keys) == 1 and not attrs:
                    pending = keys[0]          # result['List'] = [] before the loop
                    continue
                if len(attrs) == 1 and (len(keys) == 1 or (not keys and pending)):
                    key = keys[0] if keys else pending
                    fields.append(Field(attrs[0], key, anns[attrs[0]], docs.get(attrs[0], "")))
                    pending = None
                elif attrs or len(keys) > 1:
                    raise SystemExit(f"{path.name} {cls.name}: cannot read to_map statement {ast.unparse(st)!r}")
            missing = set(anns) - {f.attr for f in fields}
            if missing:
                raise SystemExit(f"{path.name} {cls.name}: fields without a wire key: {sorted(missing)}")
            classes[cls.name] = fields
    return classes

def parse_ann(ann):
    """('str'|'int'|'float'|'bool'|'any'|'dict', None) | ('model', Name) | ('list', inner) |
    ('map', value)."""
    ann = ann.strip()
    m = re.fullmatch(r"List\[(.*)\]", ann)
    if m:
        return ("list", parse_ann(m.group(1)))
    m = re.fullmatch(r"Dict\[str,\s*(.*)\]", ann)
    if m:
        return ("map", parse_ann(m.group(1)))
    m = re.fullmatch(r"main_models\.(\w+)", ann)
    if m:
        return ("model", m.group(1))
    if ann in ("str", "int", "float", "bool", "Any"):
        return (ann.lower(), None)
    raise SystemExit(f"unknown annotation {ann!r}")

def idish(name, doc=""):
    # As the seed generator: ids may exceed 2^53, and the SDK's parser returns those as
    # strings. A bare `Data` integer counts when its comment says it is an ID.
    return re.search(r"(Id|ID)$", name) is not None or (name == "Data" and re.search(r"\bID\b", doc) is not None)

def ts_type(t, name, doc, classes, indent):
    kind, arg = t
    if kind == "str":
        return "string"
    if kind == "int":
        return "number | string" if idish(name, doc) else "number"
    if kind == "float":
        return "number"
    if kind == "bool":
        return "boolean"
    if kind == "any":
        return "unknown"
    if kind == "list":
        inner = ts_type(arg, re.sub(r"(Ids|IDs|IdList)$", "Id", name), doc, classes, indent)
        return f"Array<{inner}>"
    if kind == "map":
        return f"Record<string, {ts_type(arg, '', '', classes, indent)}>"
    if kind == "model":
        return ts_model(arg, classes, indent)
    raise SystemExit(kind)

def ts_model(cls, classes, indent):
    fields = classes[cls]
    if not fields:
        return "Record<string, unknown>"
    pad = "  " * (indent + 1)
    out = ["{"]
    for f in fields:
        if f.doc and re.sub(r"\W", "", f.doc).lower() != f.key.lower():
            out.append(f"{pad}/** {f.doc} */")
        out.append(f"{pad}{f.key}?: {ts_type(parse_ann(f.ann), f.key, f.doc, classes, indent + 1)};")
    out.append("  " * indent + "}")
    return "\n".join(out)

# ---- the seed's documented schemas (unchanged from the first version) -----------------

def seed_idish(name):
    return name == "Data" or re.search(r"(Id|ID)$", name) is not None

def ts(schema, name, indent):
    t = schema.get("type")
    pad = "  " * (indent + 1)
    if t == "object" or "properties" in schema:
        props = schema.get("properties") or {}
        if not props:
            return "Record<string, unknown>"
        lines = ["{"]
        for k, v in props.items():
            lines.append(f"{pad}{k}?: {ts(v, k, indent + 1)};")
        lines.append("  " * indent + "}")
        return "\n".join(lines)
    if t == "array":
        inner = ts(schema.get("items") or {}, name, indent)
        return f"Array<{inner}>"
    if t == "integer" or t == "number":
        # Above 2^53 the parser returns ids as strings (JS numbers would lose digits).
        return "number | string" if (schema.get("format") == "int64" and seed_idish(name)) else "number"
    if t == "boolean":
        return "boolean"
    if t == "string":
        return "string"
    return "unknown"

def merged(schema, sdk, name, classes, indent):
    """A seed schema with what the SDK's model adds: the seed's fields first, as it types
    them, then every field of the model the seed leaves out (the seed is older than SDK
    5.4.3, and 001 is cut short in GetHotlineServiceStatistics); a field the seed leaves
    untyped takes the model's type. `sdk` is a parse_ann type or None."""
    t = schema.get("type")
    if t == "object" or "properties" in schema:
        props = schema.get("properties") or {}
        model = classes.get(sdk[1]) if sdk and sdk[0] == "model" else None
        if model is None or not props:
            return ts(schema, name, indent)
        by_key = {f.key: f for f in model}
        pad = "  " * (indent + 1)
        lines = ["{"]
        for k, v in props.items():
            f = by_key.get(k)
            lines.append(f"{pad}{k}?: {merged(v, parse_ann(f.ann) if f else None, k, classes, indent + 1)};")
        for f in model:
            if f.key not in props:
                if f.doc and re.sub(r"\W", "", f.doc).lower() != f.key.lower():
                    lines.append(f"{pad}/** {f.doc} */")
                lines.append(f"{pad}{f.key}?: {ts_type(parse_ann(f.ann), f.key, f.doc, classes, indent + 1)};")
        lines.append("  " * indent + "}")
        return "\n".join(lines)
    if t == "array" and sdk and sdk[0] == "list":
        return f"Array<{merged(schema.get('items') or {}, sdk[1], name, classes, indent)}>"
    if t is None and not schema.get("properties") and sdk:
        return ts_type(sdk, name, "", classes, indent)
    return ts(schema, name, indent)

def inputs(argv):
    """(seed apis, wire operations, model classes) from `[seed.json [wire.json [models dir]]]`
    or the default places; shared with gen_aiccs_samples.py."""
    seed_path, wire_path, models_dir = default_paths()
    if len(argv) > 1: seed_path = pathlib.Path(argv[1])
    if len(argv) > 2: wire_path = pathlib.Path(argv[2])
    if len(argv) > 3: models_dir = pathlib.Path(argv[3])
    if models_dir is None:
        raise SystemExit("alibabacloud_aiccs20191015 not found under .tools/pyenv: run `bash tests/diff/setup.sh`")
    seed = json.load(open(seed_path, encoding="utf-8"))["apis"]
    wire = json.load(open(wire_path, encoding="utf-8"))["operations"]
    return seed, wire, load_models(models_dir)

def main(argv):
    seed, wire, classes = inputs(argv)
    out = ["//! TypeScript shapes of the aiccs responses, one constant per operation of the wire",
           "//! spec, named by the operation's declaration (`response` in ops.rs). Generated by",
           "//! `scripts/gen_aiccs_responses.py`: the 20 documented operations from the seed spec's",
           "//! response schemas and the fields the official Python SDK's `<Action>ResponseBody`",
           "//! model adds, the others from the model alone. Do not edit by hand.",
           ""]
    for name in sorted(wire):
        if name in seed:
            schema = ((seed[name].get("responses") or {}).get("200") or {}).get("schema") or {}
            body = merged(schema, ("model", f"{name}ResponseBody"), "", classes, 0)
        else:
            body = ts_model(f"{name}ResponseBody", classes, 0)
        assert '"#' not in body, name
        out.append(f"pub const {const_name(name)}: &str = r#\"{body}\"#;")
        out.append("")
    missing = sorted(set(seed) - set(wire))
    if missing:
        raise SystemExit(f"seed operations missing from the wire spec: {missing}")
    (root / "src/aiccs/responses.rs").write_text("\n".join(out), encoding="utf-8")
    print(f"wrote src/aiccs/responses.rs ({len(wire)} operations, {len(seed)} from the seed)")

if __name__ == "__main__":
    main(sys.argv)
