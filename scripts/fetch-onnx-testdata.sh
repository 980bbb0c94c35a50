#!/usr/bin/env bash
# Installs the ONNX conformance tests (Debian's libonnx-testdata) for the ONNX importer's tests.
# They land in /usr/share/libonnx-testdata/data/node/<test>/{model.onnx,test_data_set_0/*.pb}.
# Idempotent and quiet when already installed.
# --check: only say whether the data is there (exit 0) or not (exit 1); install nothing.
set -euo pipefail

data=/usr/share/libonnx-testdata/data/node
if [ -d "$data" ]; then
  [ "${1:-}" = --check ] && echo "ONNX conformance data present ($(ls "$data" | wc -l) node tests)"
  exit 0
fi
if [ "${1:-}" = --check ]; then
  echo "ONNX conformance data missing: $data (Debian package libonnx-testdata)"
  exit 1
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

echo "fetch-onnx-testdata: installing libonnx-testdata (apt)"
# A fresh machine may have no package lists yet: update only when the package is not known.
if ! apt-cache show libonnx-testdata >/dev/null 2>&1; then
  as_root apt-get update -q
fi
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q libonnx-testdata

if [ ! -d "$data" ]; then
  echo "fetch-onnx-testdata: libonnx-testdata installed but $data is missing" >&2
  exit 1
fi
