#!/usr/bin/env python3
"""Writes www/fixtures/aiccs-sdk-examples.json: starting values for the demo forms of the
aiccs operations declared from the SDK (src/aiccs/generated.rs), so each form opens valid
and Send works against the emulator. The values are the required parameters of each
operation's v3 case in tests/diff/cases-generated.json (aicall accepts every one of those:
the differential test builds them). Stdlib only; run after gen_cases.py changes."""
import json, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
wire = json.load(open(root / "tests/fixtures/aiccs-wire.json", encoding="utf-8"))["operations"]
cases = json.load(open(root / "tests/diff/cases-generated.json", encoding="utf-8"))
documented = set(json.load(open(root / "tests/fixtures/aiccs-wire-20.json", encoding="utf-8")))

out = {}
for case in cases:
    action = case["action"]
    if case["signatureVersion"] != "v3" or action in documented or action in out or not case["id"].startswith("gen_") or case["id"].startswith("gen_edge"):
        continue
    required = {p["name"] for p in wire[action]["params"] if p["required"]}
    out[action] = {k: v for k, v in case["params"].items() if k in required and v is not None}
missing = sorted(set(wire) - documented - set(out))
assert not missing, missing
path = root / "www/fixtures/aiccs-sdk-examples.json"
path.write_text(json.dumps(dict(sorted(out.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {path.relative_to(root)}: {len(out)} operations")
