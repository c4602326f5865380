#!/usr/bin/env bash
# Schemathesis (PyPI), the OpenAPI-driven API tester the contract tests run, in a virtual environment
# of its own under .tools/ (never installed by hand): made when missing or at another version.
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
VENV="$ROOT_DIR/.tools/schemathesis"
VERSION=4.32.5
if [ -x "$VENV/bin/schemathesis" ] && "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q " $VERSION\$"; then
  exit 0
fi
echo "installing schemathesis $VERSION into .tools/schemathesis" >&2
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
