#!/usr/bin/env bash
# Installs the ONNX conformance tests (Debian's libonnx-testdata) for the ONNX importer's tests.
# They land in /usr/share/libonnx-testdata/data/node/<test>/{model.onnx,test_data_set_0/*.pb}.
# Idempotent and quiet when already installed.
set -euo pipefail

data=/usr/share/libonnx-testdata/data/node
[ -d "$data" ] && exit 0

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
