#!/usr/bin/env python3
"""Record the HTTP requests Alibaba Cloud's official Python SDK puts on the wire.

Usage (with the venv made by tests/diff/setup.sh):

    .tools/pyenv/bin/python tests/diff/record_official.py CASES.json [CASES2.json ...] out.json [--port N]

(`make test-diff` passes tests/diff/cases.json and tests/diff/cases-generated.json.)

The server listens on an ephemeral port unless --port N is given. The port is part of the
signed `host` header (endpoint "127.0.0.1:PORT"), so only a fixed port makes two runs
byte-identical (tests/diff/recorded_official.json was made with --port 18080).

For every case in the case files this builds the official client
(alibabacloud_aiccs20191015 5.4.3 on alibabacloud_tea_openapi 0.4.6), points it at a
recording HTTP server on 127.0.0.1 (ephemeral port), makes it deterministic (nonce,
timestamp and user agent replaced by the case's values) and records exactly what arrived:

    { "<case id>": { "method", "path", "query" (raw, as received), "headers" ({lower-cased
      name: value}), "body" (raw body as UTF-8 text, "" when none),
      "target" (raw request-target), "rawHeaders" ([[name, value], ...] in arrival order) } }

Exits non-zero with a message when a case did not produce exactly one request.
"""
import http.server
import json
import os
import re
import sys
import threading
import time

# Never let an inherited proxy setting divert loopback traffic.
for _k in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
           "ALIBABA_CLOUD_USER_AGENT"):
    os.environ.pop(_k, None)

try:
    from alibabacloud_aiccs20191015 import models as aiccs_models
    from alibabacloud_aiccs20191015.client import Client as AiccsClient
    from alibabacloud_tea_openapi.utils import Utils as OpenApiUtils
    from alibabacloud_tea_openapi.utils_models import Config
    from darabonba.runtime import RuntimeOptions
except ImportError as e:  # pragma: no cover
    sys.exit(f"record_official.py: cannot import the official SDK ({e}); run tests/diff/setup.sh "
             f"and use .tools/pyenv/bin/python")

FIXED_UA = "AlibabaCloud-test"
RESPONSE = json.dumps({"RequestId": "R", "Code": "OK", "Success": True, "Message": "OK", "Data": {}}).encode()


class _Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []

    def take(self):
        with self.lock:
            out, self.requests = self.requests, []
        return out


RECORDER = _Recorder()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        target = self.path  # raw request-target, exactly as received
        path, sep, query = target.partition("?")
        raw_headers = [[k, v] for k, v in self.headers.items()]
        headers = {}
        for k, v in raw_headers:
            lk = k.lower()
            headers[lk] = v if lk not in headers else headers[lk] + ", " + v
        with RECORDER.lock:
            RECORDER.requests.append({
                "method": self.command,
                "path": path,
                "query": query,
                "headers": headers,
                "body": body.decode("utf-8"),
                "target": target,
                "rawHeaders": raw_headers,
            })
        # One write for status line, headers and body (separate small writes cost ~40 ms
        # each through Nagle + delayed ACK).
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(RESPONSE), RESPONSE))
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _record

    def log_message(self, *args):  # keep stdout clean
        pass


def _snake(action):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


def _patch_determinism(case):
    nonce, ts = case["nonce"], case["timestamp"]
    OpenApiUtils.get_nonce = staticmethod(lambda: nonce)
    OpenApiUtils.get_timestamp = staticmethod(lambda: ts)
    OpenApiUtils.get_user_agent = staticmethod(lambda user_agent=None: FIXED_UA)


def _run_case(case, port):
    version = case.get("signatureVersion", "v3")
    if version not in ("v3", "v1"):
        raise ValueError(f"unknown signatureVersion {version!r}")
    _patch_determinism(case)
    config = Config(
        access_key_id=case["accessKeyId"],
        access_key_secret=case["accessKeySecret"],
        security_token=case.get("securityToken"),
        endpoint=f"127.0.0.1:{port}",
        protocol="http",
    )
    if version == "v1":
        # alibabacloud_tea_openapi.client.Client.call_api: signature_algorithm == 'v2' selects
        # do_rpcrequest (Action/Version/Timestamp/... query + HMAC-SHA1 'Signature');
        # anything else (default None) is do_request with ACS3-HMAC-SHA256.
        config.signature_algorithm = "v2"
    client = AiccsClient(config)
    action = case["action"]
    request_cls = getattr(aiccs_models, f"{action}Request", None)
    method = getattr(client, f"{_snake(action)}_with_options", None)
    if method is None:  # the generator's own snake-casing: StartCallV2 -> start_call_v2with_options
        names = [n for n in dir(client) if n.replace("_", "") == action.lower() + "withoptions"]
        method = getattr(client, names[0]) if len(names) == 1 else None
    if request_cls is None or method is None:
        raise ValueError(f"no {action}Request model or {_snake(action)}_with_options in the SDK")
    # from_map takes the wire names (e.g. 'CallDay') and builds nested models (from their
    # wire-named maps), lists of models and dicts; *_with_options does the Shrink/style work.
    params = json.loads(json.dumps(case["params"]))
    request = request_cls().from_map(params)
    _unset_absent(request, params)
    return method(request, RuntimeOptions())


def _unset_absent(request, params):
    """Undo a from_map artefact: for list-of-model fields (AddHotlineNumber's and
    ResetHotlineNumber's OutboundRangeList, InsertAiOutboundPhoneNums' Details,
    EditQualityRuleTag's AnalysisTypes) the generated from_map sets `self.x = []` even when
    the map lacks the key, and `[]` would then be sent (json style: `OutboundRangeList=[]`).
    A request built with keyword arguments leaves such a field None and sends nothing, which
    is what "not set" means; so such an attribute goes back to None when the case does not
    set its wire name (or sets it to null)."""
    given = {k for k, v in params.items() if v is not None}
    fresh = type(request)().to_map()  # to_map writes these list fields as [] even when unset
    for attr in list(vars(request)):
        if getattr(request, attr) != [] or any(_snake(k) == attr for k in given):
            continue
        wire = [k for k, v in fresh.items() if v == [] and _snake(k) == attr]
        if len(wire) != 1:
            raise ValueError(f"{type(request).__name__}.{attr}: no unique wire name in to_map")
        if wire[0] not in given:
            setattr(request, attr, None)


def main(argv):
    port = 0
    if len(argv) >= 5 and argv[-2] == "--port":
        port = int(argv[-1])
        argv = argv[:-2]
    if len(argv) < 3:
        sys.exit("usage: record_official.py cases.json [more-cases.json ...] out.json [--port N]")
    cases = []
    for path in argv[1:-1]:
        with open(path, encoding="utf-8") as f:
            cases += json.load(f)
    ids = [c["id"] for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"record_official.py: duplicate case ids: {sorted(dup)}")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    out, failures = {}, []
    t0 = time.monotonic()
    try:
        for case in cases:
            RECORDER.take()
            err = None
            try:
                _run_case(case, port)
            except Exception as e:  # noqa: BLE001 - reported below
                err = f"{type(e).__name__}: {e}"
            got = RECORDER.take()
            if len(got) != 1:
                failures.append(f"{case['id']}: expected 1 request, server saw {len(got)}"
                                + (f" ({err})" if err else ""))
                continue
            if err:
                # The request went out but the SDK raised afterwards (e.g. parsing the reply).
                print(f"warning: {case['id']}: request recorded, then the SDK raised {err}", file=sys.stderr)
            out[case["id"]] = got[0]
    finally:
        server.shutdown()
        server.server_close()

    with open(argv[-1], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    print(f"record_official.py: recorded {len(out)}/{len(cases)} cases in "
          f"{time.monotonic() - t0:.2f}s on 127.0.0.1:{port} -> {argv[-1]}")
    if failures:
        print("record_official.py: FAILED cases:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
