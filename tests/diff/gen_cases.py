#!/usr/bin/env python3
"""Generate tests/diff/cases-generated.json: differential cases for every aiccs operation.

Usage (stdlib only; deterministic, two runs write the same bytes):

    python3 tests/diff/gen_cases.py [--check]

Inputs:
* the wire spec ../shared/spec/aiccs-2019-10-15.wire.json (beside the repository; all 179
  operations: method, parameter names, placement, style, requiredness);
* the official SDK's request models, read as text (ast, never imported):
  .tools/pyenv/lib/python3*/site-packages/alibabacloud_aiccs20191015/models/*.py (made by
  tests/diff/setup.sh) — nested model fields, their wire names (to_map keys, in to_map
  order), their types and "This parameter is required." comments;
* tests/diff/cases.json (the 70 hand-written cases, not modified): for the 20 operations
  they cover, their main v3/v1 cases give the values of parameters they set (those pass
  aicall's documented rules, e.g. CallTime windows, CallDate within 30 days).

For every operation it writes two cases that each set every parameter (so required ones
too, at the top level and inside nested models):
* `gen_<op>_v3` — variant A: plain values (digit-string ids, ASCII names), booleans true,
  floats 0.5, two-item lists;
* `gen_<op>_v1` — variant B: Chinese, spaces and reserved characters (`&=+/?#%`) in every
  free-text string, booleans false, floats 12.25, three-item lists, dicts with nested
  dicts/lists/bools/floats/null;
plus a few edge cases (EDGE_CASES below: empty repeatList lists, repeatList with 11 items,
repeatList of partial models, nested empty lists in json models, whole-number floats, JSON
key order of nested models). Parameter values are what aicall takes: wire names, plain JSON
(lists as arrays, nested models as objects keyed by their wire names in the model's to_map
order, dicts as objects).

--check: exit 1 if the file on disk differs from what would be generated.
"""
import ast
import glob
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SPEC = os.environ.get("AICCS_WIRE_SPEC") or os.path.join(os.path.dirname(ROOT), "shared", "spec",
                                                         "aiccs-2019-10-15.wire.json")
OUT = os.path.join(HERE, "cases-generated.json")
HAND = os.path.join(HERE, "cases.json")
TIMESTAMP = "2026-11-21T08:00:00Z"

# Free text used by variant B: Chinese, spaces and every reserved character that matters.
TEXT_B = "回访 任务 a&b=c+d/e?f#g%h"


def models_dir():
    found = sorted(glob.glob(os.path.join(ROOT, ".tools", "pyenv", "lib", "python3*", "site-packages",
                                          "alibabacloud_aiccs20191015", "models")))
    if not found:
        sys.exit("gen_cases.py: SDK models not found; run tests/diff/setup.sh first")
    return found[-1]


# ---------------------------------------------------------------------------- SDK models

def parse_models(directory):
    """{class name: [(attr, pyType, wireKey, required)] in to_map order}."""
    classes = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.py"))):
        with open(path, encoding="utf-8") as f:
            src = f.read()
        lines = src.splitlines()
        for node in ast.parse(src).body:
            if not isinstance(node, ast.ClassDef):
                continue
            funcs = {f.name: f for f in node.body if isinstance(f, ast.FunctionDef)}
            if "__init__" not in funcs or "to_map" not in funcs:
                continue
            init = funcs["__init__"]
            types = {a.arg: ast.unparse(a.annotation) for a in init.args.args[1:] if a.annotation is not None}
            # Comments directly above `self.attr = attr` in __init__.
            required, block = set(), []
            for line in lines[init.lineno - 1:init.end_lineno]:
                s = line.strip()
                if s.startswith("#"):
                    block.append(s)
                    continue
                m = re.match(r"self\.(\w+) = \1$", s)
                if m and any("This parameter is required." in b for b in block):
                    required.add(m.group(1))
                block = []
            # to_map: `result['Key'] = self.attr...` or `result['Key'] = []` + loop over self.attr.
            fields, pending = [], None
            tm = funcs["to_map"]
            for line in lines[tm.lineno - 1:tm.end_lineno]:
                m = re.search(r"result\['([^']+)'\] = (.*)$", line)
                if m:
                    key, rhs = m.group(1), m.group(2)
                    a = re.match(r"self\.(\w+)", rhs)
                    if a:
                        fields.append((a.group(1), key))
                    elif rhs.strip() in ("[]", "{}"):
                        pending = key
                    continue
                a = re.search(r"if self\.(\w+) is not None", line)
                if a and pending:
                    fields.append((a.group(1), pending))
                    pending = None
            seen, out = set(), []
            for attr, key in fields:
                if attr in seen or attr not in types:
                    continue
                seen.add(attr)
                out.append((attr, types[attr], key, attr in required))
            classes[node.name] = out
    return classes


# ---------------------------------------------------------------------------- values

def words(name):
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)


def str_value(name, v):
    n = name.lower()
    if re.search(r"(id|ids)$", n) or n.endswith("no") and "phone" not in n or n == "extension":
        return "1001" if v == "A" else "2002"
    if any(w in n for w in ("phone", "number", "mobile", "callee", "caller", "ani", "dnis", "tel")):
        return "13800000000" if v == "A" else "13900000000"
    if n.endswith("date") or n.endswith("day"):
        return "2026-11-20"
    if "time" in n:
        return "2026-11-20 09:00:00" if v == "A" else "2026-11-20 18:30:00"
    if "email" in n or "account" in n:
        return "owner@example.com" if v == "A" else "张三+ops@example.com"
    if "url" in n or "uri" in n:
        return "https://example.com/a.wav" if v == "A" else "https://example.com/音频 1.wav?x=1&y=2#z"
    if n.endswith("code") or n.endswith("type") or n.endswith("status") or n.endswith("model"):
        return "code-" + name[:12].lower() if v == "A" else "代码 " + name[:8] + "&=+/?#%"
    return "value-" + name[:16].lower() if v == "A" else TEXT_B


def int_value(name, v):
    n = name.lower()
    if n in ("pageno", "pagenum", "pagenumber", "currentpage", "pageindex", "page"):
        return 1 if v == "A" else 2
    if "pagesize" in n or n == "size" or n == "limit":
        return 20 if v == "A" else 50
    if any(w in n for w in ("timeout", "duration", "interval", "second", "minute")) or n.endswith("times"):
        return 30 if v == "A" else 60
    timeish = any(w in n for w in ("time", "date", "timestamp"))
    if timeish:
        base = 1795161600000 if v == "A" else 1795165200000
        return base + 86400000 if re.match(r"(end|to|stop|max)", n) else base
    if n.startswith("min"):
        return 1
    if n.startswith("max"):
        return 600 if v == "A" else 900
    if re.search(r"(id|ids)$", n):
        return 1001 if v == "A" else 2002
    if re.search(r"(type|status|level|mode|flag)$", n):  # enum-like codes: small (EncryptionType 0-3)
        return 1 if v == "A" else 2
    return 3 if v == "A" else 7


def scalar(pytype, name, v):
    if pytype == "str":
        return str_value(name, v)
    if pytype == "int":
        return int_value(name, v)
    if pytype == "bool":
        return v == "A"
    if pytype == "float":
        return 0.5 if v == "A" else 12.25
    raise ValueError(pytype)


def dict_value(v):
    if v == "A":
        return {"name": "张三", "orderId": "A-1001", "amount": 99}
    return {"z": "末尾", "客户": TEXT_B, "amount": 12.25, "vip": True, "off": False, "none": None,
            "tags": ["a", "二", 3], "nested": {"y": 1, "x": [True, {"k": "v w"}]}}


def value(pytype, name, v, classes, n_items=None):
    t = pytype.replace("main_models.", "")
    if t in ("str", "int", "bool", "float"):
        return scalar(t, name, v)
    if t == "Dict[str, Any]" or t == "Dict[str, str]":
        d = dict_value(v)
        return d if t.endswith("Any]") else {k: str(x) for k, x in d.items() if isinstance(x, str)}
    m = re.fullmatch(r"List\[(.+)\]", t)
    if m:
        inner = m.group(1)
        n = n_items or (2 if v == "A" else 3)
        if inner == "int":
            base = int_value(name, v)
            return [base + i for i in range(n)]
        if inner == "str":
            first = str_value(name, v)
            if first.isdigit():
                return [str(int(first) + i) for i in range(n)]
            return [first] + [f"{first}-{i + 1}" if v == "A" else f"第{i + 1}项 x/y?z#1%" for i in range(1, n)]
        if inner == "Dict[str, Any]":
            return [dict(dict_value(v), idx=i + 1) for i in range(n)]
        return [model_value(inner, v, classes, i) for i in range(n)]
    return model_value(t, v, classes, 0)


def model_value(cls, v, classes, index):
    """A nested model as aicall takes it: every field, keys = wire names in to_map order."""
    out = {}
    for attr, pytype, key, _req in classes[cls]:
        x = value(pytype, key, v, classes)
        if isinstance(x, int) and not isinstance(x, bool):
            x += index
        elif isinstance(x, str) and index:
            x = x + str(index) if x.isdigit() or v == "A" else x + f" {index}"
        out[key] = x
    return out


# ---------------------------------------------------------------------------- cases

def snake(action):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


def nonce(case_id):
    return hashlib.md5(case_id.encode()).hexdigest()


def case(cid, action, note, params, version, **extra):
    c = {"id": cid, "action": action, "note": note, "params": params, "signatureVersion": version,
         "nonce": nonce(cid), "timestamp": TIMESTAMP, "accessKeyId": "testid", "accessKeySecret": "testsecret"}
    c.update(extra)
    return c


def hand_values(hand):
    """{action: {"v3": params, "v1": params}} from the hand-written main cases."""
    out = {}
    for c in hand:
        if c["id"] == f"{snake(c['action'])}_{c['signatureVersion']}":
            out.setdefault(c["action"], {})[c["signatureVersion"]] = {
                k: v for k, v in c["params"].items() if v is not None}
    return out


def main_cases(ops, classes, hand):
    cases = []
    for action in sorted(ops):
        op = ops[action]
        known = hand.get(action, {})
        for version, v in (("v3", "A"), ("v1", "B")):
            params = {}
            for p in op["params"]:
                params[p["name"]] = value(p["pyType"], p["name"], v, classes)
            params.update(known.get(version, {}))
            kinds = sorted({p["style"].split("(")[0] if p["style"] else p["pyType"].replace("main_models.", "")
                            for p in op["params"]})
            note = (f"every parameter ({len(op['params'])}), variant {v}: "
                    + ("plain values, true, 0.5, two items" if v == "A"
                       else "Chinese/space/&=+/?#% text, false, 12.25, three items")
                    + f"; {op['method']}; kinds: {', '.join(kinds)}")
            cases.append(case(f"gen_{snake(action)}_{version}", action, note, params, version))
    return cases


def required_params(op, classes, v="A"):
    return {p["name"]: value(p["pyType"], p["name"], v, classes) for p in op["params"] if p["required"]}


def edge_cases(ops, classes):
    out = []

    def base(action, v="A"):
        return required_params(ops[action], classes, v)

    # repeatList: empty lists are not sent at all by the SDK (body, QueryTouchList).
    p = base("QueryTouchList")
    for q in ops["QueryTouchList"]["params"]:
        if q["style"] and q["style"].startswith("repeatList"):
            p[q["name"]] = []
    p["ChannelId"] = ["1001"]
    for ver in ("v3", "v1"):
        out.append(case(f"gen_edge_repeatlist_empty_{ver}", "QueryTouchList",
                        "repeatList (body): every list empty except ChannelId (one item)", p, ver))
    # repeatList with 11 items: X.1 ... X.11 (query order = list order; body sorted).
    p = base("HotlineSessionQuery")
    p.update({"AcidList": [f"acid-{i}" for i in range(1, 12)], "GroupIdList": list(range(100, 111))})
    out.append(case("gen_edge_repeatlist_11_query_v3", "HotlineSessionQuery",
                    "repeatList (query) with 11 items: Name.1 .. Name.11", p, "v3"))
    p = base("QueryTouchList")
    p.update({"TouchId": list(range(1, 12)), "MemberName": [f"坐席 {i}&" for i in range(1, 12)]})
    out.append(case("gen_edge_repeatlist_11_body_v1", "QueryTouchList",
                    "repeatList (body) with 11 items, Chinese/space/& items", p, "v1"))
    # repeatList of models: partial models, reserved characters in nested strings.
    p = base("EditQualityRuleTag")
    p["AnalysisTypes"] = [{"Id": 1, "Name": "情绪 a&b=c"}, {"Name": "只有名称 /?#%"}, {"Id": 3}]
    for ver in ("v3", "v1"):
        out.append(case(f"gen_edge_repeatlist_models_partial_{ver}", "EditQualityRuleTag",
                        "repeatList of models: Name.N.Key, items with a field left out", p, ver))
    # json list of models with nested lists (one empty, one missing).
    p = base("AddHotlineNumber")
    p["OutboundRangeList"] = [{"DepartmentId": 1, "GroupIdList": []}, {"DepartmentId": 2},
                              {"DepartmentId": 3, "GroupIdList": [30, 31]}]
    out.append(case("gen_edge_json_models_nested_lists_v3", "AddHotlineNumber",
                    "json list of models: nested list empty / absent / two items (body)", p, "v3"))
    # Whole-number floats: Python writes 12.0 (str and json.dumps), JS numbers cannot keep .0.
    p = base("UpdateLargeModel")
    p.update({"Temperature": 1.0, "TopP": 0.95})
    out.append(case("gen_edge_whole_floats_v3", "UpdateLargeModel",
                    "whole-number float 1.0 at the top level", p, "v3", wholeFloats=["Temperature"]))
    p = base("UpdateModelApplication")
    p["InterruptConfig"] = {"AvoidInterruptDTO": {"InterruptNum": 2, "InterruptProtectDuration": 3.0},
                            "EnableAvoidInterrupt": True, "StartwordProtectDuration": 2.0}
    out.append(case("gen_edge_whole_floats_json_v1", "UpdateModelApplication",
                    "whole-number floats 2.0 / 3.0 inside a json-style nested model", p, "v1",
                    wholeFloats=["InterruptConfig"]))
    # JSON key order of a nested model: the SDK re-serialises in the model's to_map order.
    p = base("UpdateAiOutboundTask")
    p["RecallRule"] = {"Interval": 5, "Count": 2}
    out.append(case("gen_edge_model_key_order_v3", "UpdateAiOutboundTask",
                    "json-style nested model given in reverse key order (SDK writes to_map order)", p, "v3"))
    return out


def generate():
    with open(SPEC, encoding="utf-8") as f:
        ops = json.load(f)["operations"]
    classes = parse_models(models_dir())
    with open(HAND, encoding="utf-8") as f:
        hand = json.load(f)
    # Every nested type must be known.
    for op in ops.values():
        for p in op["params"]:
            for m in re.findall(r"main_models\.(\w+)", p["pyType"]):
                if m not in classes:
                    sys.exit(f"gen_cases.py: model {m} not found in the SDK models")
    cases = main_cases(ops, classes, hand_values(hand)) + edge_cases(ops, classes)
    ids = [c["id"] for c in cases] + [c["id"] for c in hand]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return json.dumps(cases, ensure_ascii=False, indent=1) + "\n"


def main(argv):
    text = generate()
    if "--check" in argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print("gen_cases.py: tests/diff/cases-generated.json is out of date", file=sys.stderr)
                return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    n = text.count('"id":')
    print(f"gen_cases.py: {n} cases -> {os.path.relpath(OUT, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
