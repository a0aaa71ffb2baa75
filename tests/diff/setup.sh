#!/usr/bin/env bash
# Creates $ROOT/.tools/pyenv (git-ignored) with Alibaba Cloud's official Python SDK for
# aiccs 2019-10-15, pinned by tests/diff/requirements.txt. Idempotent: does nothing when the
# venv already imports alibabacloud_aiccs20191015 5.4.3. No TTY needed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$ROOT/.tools/pyenv"
PY="$VENV/bin/python"
REQ="$HERE/requirements.txt"
WANT_VERSION="5.4.3"
BASE_PYTHON="${PYTHON:-python3}"

check() {
    [ -x "$PY" ] && "$PY" - "$WANT_VERSION" <<'PYEOF' >/dev/null 2>&1
import sys, importlib.metadata as md
import alibabacloud_aiccs20191015.client, alibabacloud_tea_openapi.utils  # noqa: F401
sys.exit(0 if md.version("alibabacloud_aiccs20191015") == sys.argv[1] else 1)
PYEOF
}

if check; then
    echo "setup.sh: $VENV already has alibabacloud_aiccs20191015==$WANT_VERSION; nothing to do"
    exit 0
fi

start=$(date +%s)
if [ ! -x "$PY" ]; then
    echo "setup.sh: creating venv $VENV with $("$BASE_PYTHON" --version 2>&1)"
    mkdir -p "$(dirname "$VENV")"
    "$BASE_PYTHON" -m venv "$VENV"
else
    echo "setup.sh: reusing existing venv $VENV (package missing or wrong version)"
fi

echo "setup.sh: pip install -r $REQ"
PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
    "$PY" -m pip install --quiet --no-input -r "$REQ"

if ! check; then
    echo "setup.sh: ERROR: venv still does not import alibabacloud_aiccs20191015==$WANT_VERSION" >&2
    exit 1
fi
echo "setup.sh: installed $("$PY" -m pip freeze | grep -ci '^[a-z]') packages in $(( $(date +%s) - start ))s:"
"$PY" -m pip freeze | grep -iE '^(alibabacloud|darabonba)' | sed 's/^/  /'
echo "setup.sh: done; use $PY"
