#!/usr/bin/env python3
"""Writes emulator/aiccs-samples.mjs: one deterministic sample answer per aiccs 2019-10-15
operation that the emulator has no stateful handler for (every operation of
../shared/spec/aiccs-2019-10-15.wire.json that is not in the seed spec: 159), shaped by the
operation's `<Action>ResponseBody` model in the official Python SDK. The models are PARSED
(not imported) by scripts/gen_aiccs_responses.py's reader, so any python3 runs this.

Values, by rule (no randomness, no clock):
- root fields: Code "OK", Success true (or "true" where the model types it str), Message
  "success", HttpStatusCode 200, RequestId "RequestId-1" (the emulator puts the real one in);
  AccessDeniedDetail is left out (the vendor sends it on RAM denials only);
- paging fields (any depth): current page (PageNo, PageNum, PageNumber, CurrentPage, Page) 1,
  size (PageSize, OnePageSize) 10, total (Total, TotalNum, TotalCount, TotalResults) 2,
  TotalPage 1 — consistent with the 2-item lists;
- otherwise: str "<Key>-<n>" (a JSON text of two rows when the model says the string is
  JSON), int n, float n + 0.5, bool true, list two items (n = 1, 2), Dict {"key1": …},
  nested model filled recursively, at most MAX_DEPTH models deep (deeper fields left out).
  n is 1, or the 1-based index of the list item the value is in.

Also `METHODS`: the HTTP method the official SDK uses for each of these operations.
Run by hand when the spec or the SDK changes; the output is committed.

    python3 scripts/gen_aiccs_samples.py [SEED_JSON [WIRE_JSON [MODELS_DIR]]]
"""
import json, pathlib, re, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import gen_aiccs_responses as models  # noqa: E402

MAX_DEPTH = 6
LIST_LEN = 2
CURRENT_PAGE = {"PageNo", "PageNum", "PageNumber", "CurrentPage", "Page"}
PAGE_SIZE = {"PageSize", "OnePageSize"}
TOTAL = {"Total", "TotalNum", "TotalCount", "TotalResults"}

def scalar(kind, key, doc, n, root):
    fixed = None
    if root and key == "Code":
        fixed = "OK"
    elif root and key in ("Message", "Mesage"):
        fixed = "success"
    elif root and key == "Success":
        fixed = True
    elif root and key == "HttpStatusCode":
        fixed = 200
    elif key in CURRENT_PAGE or key == "TotalPage":
        fixed = 1
    elif key in PAGE_SIZE:
        fixed = 10
    elif key in TOTAL:
        fixed = LIST_LEN
    if fixed is not None and kind in ("str", "int", "bool", "float"):
        if kind == "str":
            return "true" if fixed is True else str(fixed)
        if kind == "bool":
            return True
        return fixed if not isinstance(fixed, bool) else 1
    if kind == "str":
        if re.search(r"\bJSON\b", doc):
            if re.search(r"List", doc):
                rows = [{"id": i, "name": f"{key}-{i}"} for i in range(1, LIST_LEN + 1)]
                return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
            return json.dumps({"key1": f"{key}-{n}"}, ensure_ascii=False, separators=(",", ":"))
        return f"{key}-{n}"
    if kind == "int":
        return n
    if kind == "float":
        return n + 0.5
    if kind == "bool":
        return True
    if kind == "any":
        return f"{key}-{n}"
    raise SystemExit(f"no sample for {kind}")

MISSING = object()

def value(t, key, doc, n, depth, classes, root=False):
    kind, arg = t
    if kind == "list":
        items = [value(arg, key, doc, i, depth, classes) for i in range(1, LIST_LEN + 1)]
        return [x for x in items if x is not MISSING]
    if kind == "map":
        v = value(arg, key, "", n, depth, classes)
        return {} if v is MISSING else {"key1": v}
    if kind == "model":
        if depth >= MAX_DEPTH:
            return MISSING
        return sample(arg, n, depth + 1, classes)
    return scalar(kind, key, doc, n, root)

def sample(cls, n, depth, classes):
    out = {}
    for f in classes[cls]:
        if depth == 1 and f.key == "AccessDeniedDetail":
            continue
        v = value(models.parse_ann(f.ann), f.key, f.doc, n, depth, classes, root=depth == 1)
        if v is not MISSING:
            out[f.key] = v
    return out

def main(argv):
    seed_path, wire_path, models_dir = models.default_paths()
    if len(argv) > 1: seed_path = pathlib.Path(argv[1])
    if len(argv) > 2: wire_path = pathlib.Path(argv[2])
    if len(argv) > 3: models_dir = pathlib.Path(argv[3])
    if models_dir is None:
        raise SystemExit("alibabacloud_aiccs20191015 not found under .tools/pyenv: run `bash tests/diff/setup.sh`")
    seed = json.load(open(seed_path, encoding="utf-8"))["apis"]
    wire = json.load(open(wire_path, encoding="utf-8"))["operations"]
    classes = models.load_models(models_dir)
    names = [a for a in sorted(wire) if a not in seed]
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    out = ["// Sample answers of the aiccs 2019-10-15 operations the emulator has no stateful handler",
           "// for, one per operation, shaped by the official Python SDK's <Action>ResponseBody models.",
           "// Generated by scripts/gen_aiccs_samples.py. Do not edit by hand.",
           "",
           "/** The HTTP method the official SDK sends each of these operations with. */",
           "export const METHODS = {"]
    out += [f"  {a}: {dump(wire[a]['method'])}," for a in names]
    out += ["};", "", "/** Action -> sample body (RequestId is replaced by the real one). */", "export default {"]
    for a in names:
        out.append(f"  {a}: {dump(sample(a + 'ResponseBody', 1, 1, classes))},")
    out += ["};", ""]
    path = models.root / "emulator/aiccs-samples.mjs"
    path.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote emulator/aiccs-samples.mjs ({len(names)} operations, {path.stat().st_size} bytes)")

if __name__ == "__main__":
    main(sys.argv)
